import { getLocale, getTranslations } from "next-intl/server";
import type { Evaluation } from "@/lib/competency";
import { formatDate, formatMoney } from "@/lib/format";
import { RevenueChart } from "./revenue-chart";
import { Pager, pageParam } from "@/components/pager";

/** Customers listed at first in "counted by customer" (the most revenue first); the rest behind "show all". */
export const COUNTED_CUSTOMERS_SHOWN = 10;
/** Excluded lines per page (newest first). */
export const EXCLUDED_PAGE_SIZE = 10;
/** The printed report's lists stop here (a large reseller has tens of thousands of lines): the rest is counted, and the data page and CSV list it. */
export const PRINTED_ROWS = 200;

/**
 * The window, the monthly chart, counted revenue by customer, and the excluded lines with their reason.
 * With `paging` (the dashboard) the lists are bounded whatever the partner's size: the top customers
 * (all on request) and the excluded lines a page at a time; without it (the printed report) the first
 * PRINTED_ROWS of each list, and how many more there are.
 */
export async function RevenueDetail({
  evaluation,
  customerNames,
  paging,
}: {
  evaluation: Evaluation;
  customerNames: Map<string, string>;
  paging?: {
    allCustomers: boolean;
    excludedPage: string | string[] | undefined;
    /** The dashboard's URL with these parameters changed (null removes one). */
    href: (change: Record<string, string | null>) => string;
  };
}) {
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale()]);
  const byCustomer = new Map<string, { lines: number; cents: number }>();
  for (const l of evaluation.counted) {
    const e = byCustomer.get(l.customerId) ?? { lines: 0, cents: 0 };
    e.lines += 1;
    e.cents += l.amountCents;
    byCustomer.set(l.customerId, e);
  }
  const customer = (id: string) => customerNames.get(id) ?? id;
  const excludedAll = [...evaluation.excludedRevenue].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const excludedPage = paging ? pageParam(paging.excludedPage, excludedAll.length, EXCLUDED_PAGE_SIZE) : 1;
  const excluded = paging ? excludedAll.slice((excludedPage - 1) * EXCLUDED_PAGE_SIZE, excludedPage * EXCLUDED_PAGE_SIZE) : excludedAll.slice(0, PRINTED_ROWS);
  const countedAll = paging || byCustomer.size > PRINTED_ROWS ? [...byCustomer.entries()].sort((a, b) => b[1].cents - a[1].cents) : [...byCustomer.entries()];
  const countedCapped = paging && !paging.allCustomers && countedAll.length > COUNTED_CUSTOMERS_SHOWN;
  const counted = countedCapped ? countedAll.slice(0, COUNTED_CUSTOMERS_SHOWN) : paging ? countedAll : countedAll.slice(0, PRINTED_ROWS);
  const notPrinted = (shown: number, total: number) =>
    !paging && total > shown ? (
      <p className="mt-1 text-sm" data-testid="not-printed">
        {t("notPrinted", { count: total - shown })}
      </p>
    ) : null;
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
          <table
            className="mt-1 w-full text-left text-sm [&_tbody_td]:py-1 [&_tbody_td]:pr-2 [&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100"
            data-testid="counted-table"
          >
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
              {counted.map(([id, e]) => (
                <tr key={id}>
                  <td className="[overflow-wrap:anywhere]">{customer(id)}</td>
                  <td className="text-right tabular-nums">{e.lines}</td>
                  <td className="text-right tabular-nums">{formatMoney(e.cents, locale)}</td>
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
        {notPrinted(counted.length, countedAll.length)}
        {paging && countedAll.length > COUNTED_CUSTOMERS_SHOWN && (
          <p className="no-print mt-1 text-sm" data-testid="counted-shown">
            {countedCapped ? (
              <>
                {t("countedTop", { shown: COUNTED_CUSTOMERS_SHOWN, total: countedAll.length })}{" "}
                <a href={paging.href({ all: "customers" })} className="text-blue-800 underline">
                  {t("countedAll", { total: countedAll.length })}
                </a>
              </>
            ) : (
              <a href={paging.href({ all: null })} className="text-blue-800 underline">
                {t("countedFewer", { shown: COUNTED_CUSTOMERS_SHOWN })}
              </a>
            )}
          </p>
        )}
      </div>
      <div id="excluded-revenue" className="scroll-mt-4">
        <h3 className="font-medium">{t("excludedHeading")}</h3>
        {excluded.length === 0 ? (
          <p className="text-sm">{t("excludedNone")}</p>
        ) : (
          <div className="relative">
            {/* Cell padding and row borders are set once on the table: each row is sent twice (HTML and the RSC payload). */}
            <table
              className="stack-table mt-1 w-full text-left text-sm [&_td]:py-1 [&_td]:pr-2 [&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100"
              data-testid="excluded-table"
            >
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
                  <tr key={`${l.index}`} data-testid="excluded-row">
                    <td className="whitespace-nowrap" data-label={t("date")}>
                      {formatDate(l.date, locale, "short")}
                    </td>
                    <td className="[overflow-wrap:anywhere]" data-label={t("customer")}>
                      {customer(l.customerId)}
                    </td>
                    <td data-label={t("product")}>{t(`productNames.${l.product}`)}</td>
                    <td className="text-right tabular-nums" data-label={t("amount")}>
                      {formatMoney(l.amountCents, locale)}
                    </td>
                    {/* A line dated after the as-of date is not "outside the window" in the reader's sense: it has not happened yet. */}
                    <td data-label={t("reason")}>{t(`reasons.${l.reason === "outside-window" && l.date > evaluation.asOf ? "after-as-of" : l.reason}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {notPrinted(excluded.length, excludedAll.length)}
        {paging && (
          <Pager
            page={excludedPage}
            pageSize={EXCLUDED_PAGE_SIZE}
            total={excludedAll.length}
            href={(n) => paging.href({ excludedPage: n > 1 ? String(n) : null }) + "#excluded-revenue"}
            label={t("excludedHeading")}
            testId="excluded-pages"
          />
        )}
      </div>
    </section>
  );
}
