"use client";
// A market or rule-set change's effect, shown before it is saved; the confirm button sends the form
// again with confirm=1 (it is rendered inside the settings form).
import { useLocale, useTranslations } from "next-intl";
import type { SettingsEffect } from "@/lib/settings-effect";
import { formatDate, formatMoney } from "@/lib/format";
import { asLocale } from "@/lib/i18n/config";

export function SettingsEffectView({ effect, confirmField, onCancel }: { effect: SettingsEffect; confirmField: string; onCancel: () => void }) {
  const t = useTranslations("settingsChange");
  const tLevel = useTranslations("level");
  const tMarket = useTranslations("market");
  const locale = asLocale(useLocale());
  const e = effect;
  const lower = levelRank(e.levelAfter) < levelRank(e.levelBefore);
  return (
    <div
      role="status"
      data-testid="settings-preview"
      className="space-y-2 rounded border-2 border-dashed border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-semibold">{t("previewHeading", { date: formatDate(e.asOf, locale) })}</p>
      <ul className="ml-5 list-disc space-y-1">
        {e.from.ruleSet !== e.to.ruleSet && <li>{t("ruleSetChange", { from: e.from.ruleSet, to: e.to.ruleSet })}</li>}
        {e.from.market !== e.to.market && <li>{t("marketChange", { from: tMarket(e.from.market), to: tMarket(e.to.market) })}</li>}
        <li data-testid="settings-effect-level" className={lower ? "font-semibold text-red-900" : undefined}>
          {e.levelBefore === e.levelAfter
            ? t("levelSame", { level: tLevel(e.levelBefore) })
            : t("levelChange", { before: tLevel(e.levelBefore), after: tLevel(e.levelAfter) })}
        </li>
        {e.thresholds.map((x) => (
          <li key={x.level} data-testid="settings-effect-threshold">
            {t("threshold", { level: tLevel(x.level), before: formatMoney(x.before, locale), after: formatMoney(x.after, locale) })}
          </li>
        ))}
        {e.fallbackAfter && <li>{t("fallback")}</li>}
        {e.passesLost.length === 0 ? (
          <li>{t("noPassesLost")}</li>
        ) : (
          <li data-testid="settings-effect-passes">
            {t("passesLost", { count: e.passesLost.length })}
            <ul className="ml-5 list-[circle]">
              {e.passesLost.map((p, i) => (
                <li key={i}>{t("passLost", { person: p.person, exam: p.exam, reason: t(`reason.${p.reason}`) })}</li>
              ))}
            </ul>
          </li>
        )}
      </ul>
      <p>{t("nothingSaved")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name={confirmField} value="1" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
          {t("confirm")}
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-slate-400 bg-white px-3 py-1.5">
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}

const levelRank = (l: string) => (l === "gold" ? 2 : l === "silver" ? 1 : 0);
