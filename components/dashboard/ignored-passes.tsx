import { getLocale, getTranslations } from "next-intl/server";
import type { Evaluation } from "@/lib/competency";
import { formatDate } from "@/lib/format";

/** Passes listed on the dashboard; the printed report lists up to PRINTED_ROWS. */
export const IGNORED_PASSES_SHOWN = 20;

/** Exam passes on record that do not count on the as-of date, each with its reason (the first `limit`, and how many more). */
export async function IgnoredPasses({ evaluation, limit = IGNORED_PASSES_SHOWN }: { evaluation: Evaluation; limit?: number }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale()]);
  const all = evaluation.individualsStatus.flatMap((p) => p.ignoredPasses.map((x) => ({ person: p.name, ...x })));
  if (all.length === 0) return null;
  const rows = all.slice(0, limit);
  return (
    <section
      aria-labelledby="ignored-passes"
      className="break-inside-avoid rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm print:bg-white"
      data-testid="ignored-passes"
    >
      <h2 id="ignored-passes" className="text-lg font-semibold">
        {t("ignoredHeading")}
      </h2>
      <ul className="ml-5 list-disc text-sm">
        {rows.map((r, i) => (
          <li key={i}>{t("ignoredPass", { person: r.person, exam: r.exam, date: formatDate(r.passedOn, locale), reason: t(`ignoredReasons.${r.reason}`) })}</li>
        ))}
      </ul>
      {all.length > rows.length && (
        <p className="mt-1 text-sm" data-testid="ignored-more">
          {t("ignoredMore", { count: all.length - rows.length })}
        </p>
      )}
    </section>
  );
}
