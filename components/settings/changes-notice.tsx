import { getLocale, getTranslations } from "next-intl/server";
import type { SettingsChange } from "@/db/settings-changes";
import { formatDate } from "@/lib/format";

/** The partner's latest market and rule-set changes with their effect, for its admin (and the channel manager). */
export async function SettingsChangesNotice({ changes }: { changes: SettingsChange[] }) {
  if (changes.length === 0) return null;
  const [t, tLevel, tMarket, locale] = await Promise.all([getTranslations("settingsChange"), getTranslations("level"), getTranslations("market"), getLocale()]);
  return (
    <section
      aria-labelledby="settings-changes-heading"
      data-testid="settings-changes"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950"
    >
      <h2 id="settings-changes-heading" className="font-semibold">
        {t("noticeHeading")}
      </h2>
      <ul className="mt-1 space-y-1 text-sm">
        {changes.map((c) => {
          const parts = [
            c.fromRuleSet !== c.toRuleSet ? t("ruleSetChange", { from: c.fromRuleSet, to: c.toRuleSet }) : null,
            c.fromMarket !== c.toMarket ? t("marketChange", { from: tMarket(c.fromMarket), to: tMarket(c.toMarket) }) : null,
          ]
            .filter(Boolean)
            .join("; ");
          return (
            <li key={c.id} data-testid="settings-change">
              {t("noticeItem", {
                date: formatDate(c.on, locale),
                who: c.actorName ?? "—",
                change: parts,
                effect:
                  c.levelBefore === c.levelAfter
                    ? t("levelSame", { level: tLevel(c.levelBefore) })
                    : t("levelChange", { before: tLevel(c.levelBefore), after: tLevel(c.levelAfter) }),
                passes: c.passesLost,
              })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
