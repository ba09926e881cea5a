import { getLocale, getTranslations } from "next-intl/server";
import type { DashboardModel } from "@/lib/server/dashboard";
import { AT_RISK_DAYS, RISK_HORIZON_DAYS } from "@/lib/vocabulary";
import { daysBetween } from "@/lib/competency";
import { formatDate, formatMoney } from "@/lib/format";
import { requirementText } from "./words";

/**
 * When the current level would be lost if nothing changes, why, and what would keep it. "At risk" has one
 * meaning across the app (the portfolio's too): the level is lost within AT_RISK_DAYS. A loss further
 * ahead (within the RISK_HORIZON_DAYS projection) is shown calmly, as an outlook; a partner without a
 * level has nothing to lose and gets no panel.
 */
export async function RiskPanel({ model }: { model: DashboardModel }) {
  const [t, tLevel, locale] = await Promise.all([getTranslations("dashboard"), getTranslations("level"), getLocale()]);
  const { risk, riskEvaluation, evaluation, names, customerNames } = model;
  const customer = (id: string) => customerNames.get(id) ?? id;
  const level = evaluation.level;
  if (level === "none") return null;
  const inDays = risk.atRiskOn ? daysBetween(evaluation.asOf, risk.atRiskOn) : null;
  const atRisk = inDays !== null && inDays <= AT_RISK_DAYS;
  let body: React.ReactNode;
  if (!risk.atRiskOn || !riskEvaluation) {
    body = <p>{t("riskNone", { days: RISK_HORIZON_DAYS })}</p>;
  } else {
    const keep = riskEvaluation[level];
    const lastDay = formatDate(risk.atRiskOn, locale);
    body = (
      <>
        <p className={`font-medium ${atRisk ? "text-red-800" : ""}`} data-testid="risk-date" data-date={risk.atRiskOn}>
          {atRisk
            ? t("riskOn", { level: tLevel(level), date: lastDay, then: tLevel(risk.levelThen), thenLevel: risk.levelThen })
            : t("riskLater", {
                days: AT_RISK_DAYS,
                level: tLevel(level),
                date: lastDay,
                inDays: inDays ?? 0,
                then: tLevel(risk.levelThen),
                thenLevel: risk.levelThen,
              })}
        </p>
        <ul className="ml-5 list-disc text-sm">
          {risk.causes.map((c, i) => (
            <li key={i}>
              {c.kind === "revenue-leaves-window" &&
                t("riskCauseRevenue", {
                  amount: formatMoney(c.amountCents, locale),
                  customer: customer(c.customerId),
                  revenueDate: formatDate(c.revenueDate, locale),
                })}
              {c.kind === "dpor-ends" && t("riskCauseDpor", { customer: customer(c.customerId), amount: formatMoney(c.amountCents, locale) })}
              {c.kind === "person-leaves" && t("riskCausePerson", { name: names.get(c.individualId) ?? c.name })}
              {c.kind === "exam-acceptance-ends" && t("riskCauseExam", { exam: c.exam })}
              {c.kind === "credit-enters-window" && t("riskCauseCredit", { amount: formatMoney(c.amountCents, locale), customer: customer(c.customerId) })}
              {c.kind === "dpor-starts" && t("riskCauseDporStart", { customer: customer(c.customerId) })}
            </li>
          ))}
        </ul>
        {!keep.revenue.met && (
          <p className="text-sm">{t("riskKeepRevenue", { level: tLevel(level), amount: formatMoney(keep.revenue.shortfallCents, locale), date: lastDay })}</p>
        )}
        {!keep.exams.met && (
          <p className="text-sm">
            {t("riskKeepExams", {
              level: tLevel(level),
              count: keep.plan.examsNeeded,
              date: lastDay,
              steps: keep.plan.steps
                .map((s) =>
                  s.individualId
                    ? t("planStepPerson", {
                        name: names.get(s.individualId) ?? s.individualId,
                        groups: requirementText(t, evaluation.ruleSet, s.needs, riskEvaluation?.asOf ?? evaluation.asOf, locale),
                      })
                    : t("planStepNew", { groups: requirementText(t, evaluation.ruleSet, s.needs, riskEvaluation?.asOf ?? evaluation.asOf, locale) }),
                )
                .join("; "),
            })}
          </p>
        )}
      </>
    );
  }
  return (
    <section
      aria-labelledby="risk-heading"
      data-testid="risk-panel"
      data-at-risk={atRisk ? "true" : "false"}
      className={`break-inside-avoid rounded-lg border p-4 shadow-sm ${atRisk ? "border-red-300 bg-red-50 print:bg-white" : "border-slate-200 bg-white"}`}
    >
      <h2 id="risk-heading" className="text-lg font-semibold">
        {atRisk ? t("riskHeading", { days: AT_RISK_DAYS }) : t("outlookHeading")}
      </h2>
      {body}
      <p className="mt-2 text-xs text-slate-600">{t("riskMeaning", { days: AT_RISK_DAYS })}</p>
    </section>
  );
}
