import { getLocale, getTranslations } from "next-intl/server";
import type { Evaluation, ExamGroup, LevelResult } from "@/lib/competency";
import { formatMoney } from "@/lib/format";

/** A level's requirements in plain words: revenue, each slot, and the cheapest plan. */
export async function LevelSummary({
  level, result, names, evaluation,
}: { level: "silver" | "gold"; result: LevelResult; names: Map<string, string>; evaluation: Evaluation }) {
  const [t, tLevel, tGroups, locale] = await Promise.all([
    getTranslations("dashboard"), getTranslations("level"), getTranslations("groups"), getLocale(),
  ]);
  const groupsText = (gs: ExamGroup[]) =>
    gs.map((g) => tGroups(g)).reduce((a, b) => tGroups("and", { a, b }));
  const filled = result.exams.slots.filter((s) => s.filledBy).length;
  const fallback = (evaluation as Evaluation & { thresholdSource?: string }).thresholdSource === "developed-fallback";
  return (
    <section aria-labelledby={`${level}-heading`} data-testid={`level-${level}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${level}-heading`} className="text-lg font-semibold">
        {result.achieved ? t("levelAchieved", { level: tLevel(level) }) : t("levelNotAchieved", { level: tLevel(level) })}
      </h2>
      <p className="mt-2">
        {t("revenueLine", { amount: formatMoney(evaluation.qualifyingRevenueCents, locale), threshold: formatMoney(result.revenue.thresholdCents, locale) })}
      </p>
      <p className="text-sm text-slate-700">
        {result.revenue.met ? t("revenueMet") : t("revenueShort", { amount: formatMoney(result.revenue.shortfallCents, locale) })}
      </p>
      {fallback && <p className="text-sm text-amber-800">{t("fallbackThreshold")}</p>}
      <p className="mt-3">{t("examsLine", { filled, total: result.exams.slots.length })}</p>
      <ul className="ml-5 list-disc text-sm">
        {result.exams.slots.map((s, i) => (
          <li key={s.id}>
            {t("slotRequires", { n: i + 1, groups: groupsText(s.requires) })}:{" "}
            {s.filledBy ? t("filledBy", { name: names.get(s.filledBy) ?? s.filledBy }) : t("unfilled")}
          </li>
        ))}
      </ul>
      {!result.achieved && (
        <>
          <h3 className="mt-3 font-medium">{t("planTitle")}</h3>
          <p className="text-sm">{t("planExams", { count: result.plan.examsNeeded })}</p>
          <ul className="ml-5 list-disc text-sm">
            {result.plan.steps.map((s) => (
              <li key={s.slotId}>
                {s.individualId
                  ? t("planStepPerson", { name: names.get(s.individualId) ?? s.individualId, groups: groupsText(s.needs) })
                  : t("planStepNew", { groups: groupsText(s.needs) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
