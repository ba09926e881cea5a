import Link from "next/link";
import { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE } from "@/lib/vocabulary";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/format";

/** A plain GET form: the as-of date lives in the URL, so a view can be shared. */
export async function AsOfForm({ asOf, path, invalid }: { asOf: string; path: string; invalid: boolean }) {
  const t = await getTranslations("dashboard");
  return (
    <form method="get" action={path} className="no-print flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="asOf" className="block text-sm font-medium">
          {t("asOfLabel")}
        </label>
        <input
          id="asOf"
          name="asOf"
          type="date"
          defaultValue={asOf}
          min={MIN_BUSINESS_DATE}
          max={MAX_BUSINESS_DATE}
          className="rounded border border-slate-400 px-2 py-1"
        />
      </div>
      <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800">
        {t("asOfSubmit")}
      </button>
      <Link href={path} className="px-2 py-1.5 text-blue-800 underline">
        {t("asOfToday")}
      </Link>
      {invalid && (
        <p role="status" className="w-full text-sm text-amber-800">
          {t("asOfInvalid")}
        </p>
      )}
    </form>
  );
}

/** An as-of date before the rule set came into force: the rules did not exist yet, and the page says so. */
export async function RuleSetNotYet({ asOf, ruleSet, from }: { asOf: string; ruleSet: string; from: string }) {
  if (asOf >= from) return null;
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale()]);
  return (
    <p role="note" data-testid="rule-set-not-yet" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 print:bg-white">
      {t("ruleSetNotYet", { asOf: formatDate(asOf, locale), id: ruleSet, from: formatDate(from, locale) })}
    </p>
  );
}
