import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PortfolioParams } from "@/lib/validation/manager";
import { MARKETS, MAX_BUSINESS_DATE, MIN_BUSINESS_DATE, PAGE_SIZES } from "@/lib/vocabulary";

/** The portfolio's filters as a plain GET form: the whole state lives in the URL (shareable, bookmarkable). */
export async function PortfolioFilters({ params }: { params: PortfolioParams }) {
  const [t, tLevel, tMarket] = await Promise.all([getTranslations("portfolio"), getTranslations("level"), getTranslations("market")]);
  const input = "w-full rounded border border-slate-400 bg-white px-2 py-1";
  const label = "mb-1 block text-sm font-medium";
  const hint = "mt-0.5 text-xs text-slate-600";
  return (
    <form
      method="get"
      action="/portfolio"
      role="search"
      aria-label={t("filters.heading")}
      className="no-print space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 className="font-semibold">{t("filters.heading")}</h2>
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <label htmlFor="f-q" className={label}>
            {t("filters.q")}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={params.q ?? ""} maxLength={100} className={input} />
        </div>
        <div>
          <label htmlFor="f-level" className={label}>
            {t("filters.level")}
          </label>
          <select id="f-level" name="level" defaultValue={params.level ?? ""} className={input}>
            <option value="">{t("filters.any")}</option>
            {(["gold", "silver", "none"] as const).map((l) => (
              <option key={l} value={l}>
                {tLevel(l)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-market" className={label}>
            {t("filters.market")}
          </label>
          <select id="f-market" name="market" defaultValue={params.market ?? ""} className={input}>
            <option value="">{t("filters.any")}</option>
            {MARKETS.map((m) => (
              <option key={m} value={m}>
                {tMarket(m)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-maxExams" className={label}>
            {t("filters.maxExams")}
          </label>
          <input
            id="f-maxExams"
            name="maxExams"
            type="number"
            min={0}
            max={12}
            step={1}
            inputMode="numeric"
            defaultValue={params.maxExams ?? ""}
            aria-describedby="f-maxExams-hint"
            className={input}
          />
          <p id="f-maxExams-hint" className={hint}>
            {t("filters.maxExamsHint")}
          </p>
        </div>
        <div>
          <label htmlFor="f-maxShortfall" className={label}>
            {t("filters.maxShortfall")}
          </label>
          <input
            id="f-maxShortfall"
            name="maxShortfall"
            type="number"
            min={0}
            max={100}
            step="any"
            inputMode="decimal"
            defaultValue={params.maxShortfall ?? ""}
            aria-describedby="f-maxShortfall-hint"
            className={input}
          />
          <p id="f-maxShortfall-hint" className={hint}>
            {t("filters.maxShortfallHint")}
          </p>
        </div>
        <div>
          <label htmlFor="f-riskDays" className={label}>
            {t("filters.riskDays")}
          </label>
          <select id="f-riskDays" name="riskDays" defaultValue={params.riskDays ? String(params.riskDays) : ""} className={input}>
            <option value="">{t("filters.any")}</option>
            {[30, 90, 180, 365].map((d) => (
              <option key={d} value={d}>
                {t("filters.withinDays", { days: d })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-notReviewedSince" className={label}>
            {t("filters.notReviewedSince")}
          </label>
          <input
            id="f-notReviewedSince"
            name="notReviewedSince"
            type="date"
            min={MIN_BUSINESS_DATE}
            max={MAX_BUSINESS_DATE}
            defaultValue={params.notReviewedSince ?? ""}
            className={input}
          />
        </div>
        <div className="flex items-end gap-2 pb-1">
          <input id="f-changed" name="changed" type="checkbox" value="1" defaultChecked={!!params.changed} className="h-4 w-4" />
          <label htmlFor="f-changed" className="text-sm font-medium">
            {t("filters.changedSinceReview")}
          </label>
        </div>
        <div>
          <label htmlFor="f-size" className={label}>
            {t("filters.size")}
          </label>
          <select id="f-size" name="size" defaultValue={String(params.size)} className={input}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800">
          {t("filters.apply")}
        </button>
        <Link href="/portfolio" className="text-blue-800 underline">
          {t("filters.clear")}
        </Link>
        <Link href="/portfolio?maxExams=1&maxShortfall=10&sort=exams" className="text-blue-800 underline">
          {t("filters.closePreset")}
        </Link>
      </div>
    </form>
  );
}
