import { getLocale, getTranslations } from "next-intl/server";
import type { Evaluation } from "@/lib/competency";
import { formatDate, formatMoney } from "@/lib/format";
import { RevenueChart } from "./revenue-chart";

/** The window, the monthly chart, counted revenue by customer, and every excluded line with its reason. */
export async function RevenueDetail({ evaluation, customerNames }: { evaluation: Evaluation; customerNames: Map<string, string> }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale()]);
  const byCustomer = new Map<string, { lines: number; cents: number }>();
  for (const l of evaluation.counted) {
    const e = byCustomer.get(l.customerId) ?? { lines: 0, cents: 0 };
    e.lines += 1;
    e.cents += l.amountCents;
    byCustomer.set(l.customerId, e);
  }
  const customer = (id: string) => customerNames.get(id) ?? id;
  const excluded = [...evaluation.excludedRevenue].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <section aria-labelledby="revenue-detail" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {/* The heading stays on the page of its chart when printed. */}
      <div className="break-inside-avoid space-y-4">
        <h2 id="revenue-detail" className="text-lg font-semibold">
          {t("revenueDetail")}
        </h2>
        <p className="text-sm">{t("window", { from: formatDate(evaluation.window.from, locale), to: formatDate(evaluation.window.to, locale) })}</p>
        <RevenueChart evaluation={evaluation} />
      </div>
      <div>
        <h3 className="font-medium">{t("countedHeading")}</h3>
        {byCustomer.size === 0 ? (
          <p className="text-sm">{t("countedNone")}</p>
        ) : (
          <table className="mt-1 w-full text-left text-sm" data-testid="counted-table">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-2">
                  {t("customer")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  {t("lines")}
                </th>
                <th scope="col" className="py-1 text-right">
                  {t("total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...byCustomer.entries()].map(([id, e]) => (
                <tr key={id} className="border-b border-slate-100">
                  <td className="py-1 pr-2 [overflow-wrap:anywhere]">{customer(id)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{e.lines}</td>
                  <td className="py-1 text-right tabular-nums">{formatMoney(e.cents, locale)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-medium">
                <th scope="row" className="py-1 pr-2">
                  {t("total")}
                </th>
                <td className="py-1 pr-2 text-right tabular-nums">{evaluation.counted.length}</td>
                <td className="py-1 text-right tabular-nums">{formatMoney(evaluation.qualifyingRevenueCents, locale)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </div>
      <div>
        <h3 className="font-medium">{t("excludedHeading")}</h3>
        {excluded.length === 0 ? (
          <p className="text-sm">{t("excludedNone")}</p>
        ) : (
          <div className="relative">
            <table className="stack-table mt-1 w-full text-left text-sm" data-testid="excluded-table">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-1 pr-2">
                    {t("date")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("customer")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("product")}
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right">
                    {t("amount")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("reason")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {excluded.map((l) => (
                  <tr key={`${l.index}`} className="border-b border-slate-100" data-testid="excluded-row">
                    <td className="py-1 pr-2 whitespace-nowrap" data-label={t("date")}>
                      {formatDate(l.date, locale, "short")}
                    </td>
                    <td className="py-1 pr-2 [overflow-wrap:anywhere]" data-label={t("customer")}>
                      {customer(l.customerId)}
                    </td>
                    <td className="py-1 pr-2" data-label={t("product")}>
                      {t(`productNames.${l.product}`)}
                    </td>
                    <td className="py-1 pr-2 text-right tabular-nums" data-label={t("amount")}>
                      {formatMoney(l.amountCents, locale)}
                    </td>
                    {/* A line dated after the as-of date is not "outside the window" in the reader's sense: it has not happened yet. */}
                    <td className="py-1" data-label={t("reason")}>
                      {t(`reasons.${l.reason === "outside-window" && l.date > evaluation.asOf ? "after-as-of" : l.reason}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
