import { getLocale, getTranslations } from "next-intl/server";
import type { Evaluation } from "@/lib/competency";
import { formatDate } from "@/lib/format";
import { LevelBadge } from "@/components/level-badge";

/** The level as of a date, in a badge and in words; the dashboard also shows the revenue window here. */
export async function CurrentLevel({
  evaluation,
  partnerName,
  showWindow,
  className,
}: {
  evaluation: Evaluation;
  partnerName: string;
  showWindow: boolean;
  className: string;
}) {
  const [t, tLevel, locale] = await Promise.all([getTranslations("dashboard"), getTranslations("level"), getLocale()]);
  return (
    <section aria-labelledby="current-level-heading" className={className}>
      <h2 id="current-level-heading" className="text-lg font-semibold">
        {t("currentLevel")}
      </h2>
      <p className="mt-2 flex flex-wrap items-center gap-3">
        <span data-testid="current-level">
          <LevelBadge level={evaluation.level} />
        </span>
        <span>{t("levelSentence", { date: formatDate(evaluation.asOf, locale, "long"), partner: partnerName, level: tLevel(evaluation.level) })}</span>
      </p>
      {showWindow && (
        <p className="mt-2 text-sm text-slate-700">
          {t("window", { from: formatDate(evaluation.window.from, locale), to: formatDate(evaluation.window.to, locale) })}
        </p>
      )}
    </section>
  );
}
