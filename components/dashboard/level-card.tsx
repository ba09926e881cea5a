import { getLocale, getTranslations } from "next-intl/server";
import type { Evaluation, LevelResult } from "@/lib/competency";
import { formatDate, formatMoney, formatPercent } from "@/lib/format";
import { joinAnd, requirementText } from "./words";

/** One level (Silver or Gold): revenue against the threshold, each slot, what is missing and the cheapest plan. */
export async function LevelCard({ level, evaluation, names }: { level: "silver" | "gold"; evaluation: Evaluation; names: Map<string, string> }) {
  const [t, tLevel, locale] = await Promise.all([getTranslations("dashboard"), getTranslations("level"), getLocale()]);
  const result: LevelResult = evaluation[level];
  const ruleSet = evaluation.ruleSet;
  const name = (id: string) => names.get(id) ?? id;
  const req = (groups: LevelResult["exams"]["slots"][number]["requires"]) => requirementText(t, ruleSet, groups, evaluation.asOf, locale);
  const threshold = result.revenue.thresholdCents;
  const ratio = threshold > 0 ? Math.max(0, Math.min(1, evaluation.qualifyingRevenueCents / threshold)) : 1;
  const percent = formatPercent(threshold > 0 ? Math.max(0, evaluation.qualifyingRevenueCents) / threshold : 1, locale);
  const filled = result.exams.slots.filter((s) => s.filledBy).length;
  const checklist = new Map(result.checklist.map((c) => [c.slotId, c]));
  const headingId = `${level}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`level-${level}`}
      className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id={headingId} className="flex items-center gap-2 text-lg font-semibold">
        <span aria-hidden="true" className={result.achieved ? "text-green-700" : "text-slate-500"}>
          {result.achieved ? "✔" : "○"}
        </span>
        {result.achieved ? t("levelAchieved", { level: tLevel(level) }) : t("levelNotAchieved", { level: tLevel(level) })}
      </h2>

      <h3 className="mt-3 font-medium">{t("revenueHeading")}</h3>
      <p data-testid={`${level}-revenue`}>
        {t("revenueLine", { amount: formatMoney(evaluation.qualifyingRevenueCents, locale), threshold: formatMoney(threshold, locale) })}
      </p>
      {/* On paper the bar is drawn with a border (borders always print) as well as with its colour kept. */}
      <div className="print-exact mt-1 h-3 w-full overflow-hidden rounded bg-slate-200 print:border print:border-slate-400" aria-hidden="true">
        <div
          data-testid={`${level}-progress`}
          data-ratio={ratio.toFixed(4)}
          className={`print-exact h-full print:box-border print:border-t-[12px] ${result.revenue.met ? "bg-green-600 print:border-green-600" : "bg-blue-600 print:border-blue-600"}`}
          style={{ width: `${(ratio * 100).toFixed(1)}%` }}
        />
      </div>
      <p className="text-sm text-slate-700">
        {t("revenuePercent", { percent })} ·{" "}
        {result.revenue.met ? t("revenueMet") : t("revenueShort", { amount: formatMoney(result.revenue.shortfallCents, locale) })}
      </p>
      {evaluation.thresholdSource === "developed-fallback" && <p className="text-sm text-amber-800">{t("fallbackThreshold")}</p>}

      <h3 className="mt-4 font-medium">{t("examsHeading")}</h3>
      <p data-testid={`${level}-slots-filled`}>{t("examsLine", { filled, total: result.exams.slots.length })}</p>
      <ol className="mt-1 space-y-2 text-sm">
        {result.exams.slots.map((s, i) => {
          const item = checklist.get(s.id);
          return (
            <li key={s.id} data-testid={`slot-${s.id}`} className="rounded border border-slate-200 p-2">
              <p>
                <span className="font-medium">{t("slotTitle", { n: i + 1 })}:</span> {req(s.requires)}
              </p>
              {s.filledBy ? (
                <p className="text-green-800">
                  <span aria-hidden="true">✔ </span>
                  {t("filledWith", {
                    name: name(s.filledBy),
                    passes: joinAnd(
                      t,
                      s.passes.map((p) => t("passOn", { exam: p.exam, date: formatDate(p.passedOn, locale) })),
                    ),
                  })}
                </p>
              ) : (
                <>
                  <p className="text-red-800">
                    <span aria-hidden="true">✘ </span>
                    {t("unfilledMissing", { groups: req(s.requires) })}
                  </p>
                  {item && item.closest.length > 0 ? (
                    <p className="text-slate-700">
                      {t("closest", {
                        people: item.closest.map((c) => t("closestPerson", { name: c.name, missing: c.missing.length ? req(c.missing) : "—" })).join("; "),
                      })}
                    </p>
                  ) : (
                    <p className="text-slate-700">{t("closestNobody")}</p>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>

      {!result.achieved && (
        <div className="mt-4 rounded border border-blue-200 bg-blue-50 p-3 print:bg-white" data-testid={`${level}-plan`}>
          <h3 className="font-medium">{t("planTitle", { level: tLevel(level) })}</h3>
          <p className="text-sm">{t("planExams", { count: result.plan.examsNeeded })}</p>
          {result.plan.steps.length > 0 && (
            <ul className="ml-5 list-disc text-sm">
              {result.plan.steps.map((s) => (
                <li key={s.slotId}>
                  {s.individualId ? t("planStepPerson", { name: name(s.individualId), groups: req(s.needs) }) : t("planStepNew", { groups: req(s.needs) })}
                </li>
              ))}
            </ul>
          )}
          <p className="text-sm">
            {result.revenue.met ? t("planNoRevenue") : t("planRevenue", { amount: formatMoney(result.revenue.shortfallCents, locale) })}
          </p>
        </div>
      )}
    </section>
  );
}
