import { getLocale, getTranslations } from "next-intl/server";
import type { PartnerData } from "@/db/partners";
import {
  deleteCustomerAction,
  deleteIndividualAction,
  deletePassAction,
  deleteRevenueAction,
  saveCustomerAction,
  saveIndividualAction,
  savePassAction,
  saveRevenueAction,
} from "@/app/partners/[partnerId]/actions";
import { examCatalogue } from "@/lib/competency";
import { formatDate, formatMoney, todayIso } from "@/lib/format";
import { formatMoneyInput } from "@/lib/money";
import { asLocale } from "@/lib/i18n/config";
import { PRODUCTS } from "@/lib/vocabulary";
import { RecordSection } from "./record-section";
import { distinctNames } from "@/lib/names";

/** The partner's facts: customers, revenue lines, people and exam passes, editable by the partner's admin. */
/** Revenue lines listed at first (newest first); the rest behind "show all", so a large partner's page stays light. */
export const REVENUE_ROWS_SHOWN = 50;

export async function PartnerDataSections({
  data,
  readOnly,
  asOf,
  showAllRevenue = false,
  showAllHref,
}: {
  data: PartnerData;
  readOnly: boolean;
  asOf: string;
  showAllRevenue?: boolean;
  showAllHref?: string;
}) {
  const [t, tDash, localeRaw] = await Promise.all([getTranslations("entry"), getTranslations("dashboard"), getLocale()]);
  const locale = asLocale(localeRaw);
  const id = data.partner.id;
  const today = todayIso();
  const d = (s: string | null) => (s ? formatDate(s, locale, "short") : "—");
  const customerName = new Map(data.customers.map((c) => [c.id, c.name]));
  const personName = distinctNames(data.individuals); // two people of one name are told apart
  const catalogue = new Map(examCatalogue(data.partner.ruleSet).map((e) => [e.code, e]));
  const products = PRODUCTS.map((p) => ({ value: p, label: tDash(`productNames.${p}`) }));
  const common = { partnerId: id, ruleSet: data.partner.ruleSet, readOnly };
  const examOptions = [...catalogue.values()].map((e) => ({ code: e.code, title: e.title, group: e.group }));
  const passes = data.individuals.flatMap((p) => p.passes);

  return (
    <section aria-labelledby="data-heading" className="no-print space-y-4">
      <h2 id="data-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      {readOnly && <p className="text-sm text-slate-700">{t("readOnly")}</p>}

      <RecordSection
        {...common}
        sectionId="customers"
        title={t("customers.heading")}
        addTitle={t("customers.addTitle")}
        emptyText={t("customers.none")}
        columns={[t("customers.name"), t("customers.dpor")]}
        textColumns={[0]}
        rows={data.customers.map((c) => ({
          id: c.id,
          version: c.version,
          label: c.name,
          cells: [
            c.name,
            c.dporFrom
              ? c.dporUntil
                ? t("customers.dporRange", { from: d(c.dporFrom), until: d(c.dporUntil) })
                : t("customers.dporOpen", { from: d(c.dporFrom) })
              : t("customers.notDpor"),
          ],
          values: { name: c.name, dporFrom: c.dporFrom ?? "", dporUntil: c.dporUntil ?? "" },
        }))}
        fields={[
          { name: "name", label: t("customers.name"), type: "text" },
          { name: "dporFrom", label: t("customers.dporFrom"), type: "date" },
          { name: "dporUntil", label: t("customers.dporUntil"), type: "date" },
        ]}
        saveAction={saveCustomerAction.bind(null, id)}
        deleteAction={deleteCustomerAction.bind(null, id)}
      />

      <RecordSection
        {...common}
        sectionId="revenue"
        title={t("revenue.heading")}
        addTitle={t("revenue.addTitle")}
        blockedReason={data.customers.length === 0 ? t("revenue.needCustomer") : undefined}
        emptyText={t("revenue.none")}
        columns={[t("revenue.date"), t("revenue.customer"), t("revenue.product"), t("revenue.amount"), t("revenue.note")]}
        textColumns={[1, 4]}
        footer={
          !showAllRevenue && data.revenue.length > REVENUE_ROWS_SHOWN && showAllHref ? (
            <p className="mt-2 text-sm" data-testid="revenue-shown-of">
              {t("revenue.shownOf", { shown: REVENUE_ROWS_SHOWN, total: data.revenue.length })}{" "}
              <a href={showAllHref} className="text-blue-800 underline">
                {t("revenue.showAll", { total: data.revenue.length })}
              </a>
            </p>
          ) : undefined
        }
        rows={[...data.revenue]
          .reverse()
          .slice(0, showAllRevenue ? undefined : REVENUE_ROWS_SHOWN)
          .map((r) => ({
            id: r.id,
            version: r.version,
            label: `${customerName.get(r.customerId) ?? ""} ${d(r.date)} ${formatMoney(r.amountCents, locale)}`,
            cells: [d(r.date), customerName.get(r.customerId) ?? "", tDash(`productNames.${r.product}`), formatMoney(r.amountCents, locale), r.note ?? ""],
            values: { customerId: String(r.customerId), product: r.product, date: r.date, amount: formatMoneyInput(r.amountCents, locale), note: r.note ?? "" },
          }))}
        fields={[
          {
            name: "customerId",
            label: t("revenue.customer"),
            type: "select",
            options: [{ value: "", label: t("revenue.chooseCustomer") }, ...data.customers.map((c) => ({ value: String(c.id), label: c.name }))],
          },
          { name: "product", label: t("revenue.product"), type: "select", options: products },
          { name: "date", label: t("revenue.date"), type: "date" },
          {
            name: "amount",
            label: t("revenue.amount"),
            type: "money",
            hint: t("revenue.amountHint", { example: locale === "en" ? "100,000.00" : "100.000,00" }),
          },
          { name: "note", label: t("revenue.note"), type: "text" },
        ]}
        saveAction={saveRevenueAction.bind(null, id)}
        deleteAction={deleteRevenueAction.bind(null, id)}
      />

      <RecordSection
        {...common}
        sectionId="people"
        title={t("people.heading")}
        addTitle={t("people.addTitle")}
        emptyText={t("people.none")}
        columns={[t("people.name"), t("people.email"), t("people.joinedOn"), t("people.status")]}
        textColumns={[0, 1]}
        rows={data.individuals.map((p) => ({
          id: p.id,
          version: p.version,
          label: personName.get(p.id) ?? p.name,
          // Membership on the as-of date; the verb's tense from today ("Saiu em" for a past date, "Sai em" for a planned one).
          cells: [
            p.email ? p.name : (personName.get(p.id) ?? p.name),
            p.email ?? "",
            d(p.joinedOn),
            [
              (p.leftOn && p.leftOn <= asOf) || (p.joinedOn && p.joinedOn > asOf) ? t("people.inactive") : t("people.active"),
              p.joinedOn && p.joinedOn > today ? t("people.joins", { date: d(p.joinedOn) }) : null,
              p.leftOn ? t(p.leftOn <= today ? "people.left" : "people.leaves", { date: d(p.leftOn) }) : null,
            ]
              .filter(Boolean)
              .join(" · "),
          ],
          values: { name: p.name, email: p.email ?? "", joinedOn: p.joinedOn ?? "", leftOn: p.leftOn ?? "" },
        }))}
        fields={[
          { name: "name", label: t("people.name"), type: "text" },
          { name: "email", label: t("people.email"), type: "email" },
          { name: "joinedOn", label: t("people.joinedOn"), type: "date" },
          { name: "leftOn", label: t("people.leftOn"), type: "date", hint: t("people.leftHint") },
        ]}
        saveAction={saveIndividualAction.bind(null, id)}
        deleteAction={deleteIndividualAction.bind(null, id)}
      />

      <RecordSection
        {...common}
        sectionId="passes"
        catalogue={examOptions}
        title={t("passes.heading")}
        addTitle={t("passes.addTitle")}
        emptyText={t("passes.none")}
        textColumns={[0]}
        blockedReason={data.individuals.length === 0 ? t("passes.needPerson") : undefined}
        columns={[t("passes.person"), t("passes.exam"), t("passes.passedOn")]}
        rows={passes.map((x) => {
          const exam = catalogue.get(x.exam);
          return {
            id: x.id,
            version: x.version,
            label: `${personName.get(x.individualId) ?? ""} ${x.exam}`,
            cells: [personName.get(x.individualId) ?? "", exam ? `${x.exam} — ${exam.title} (${exam.group})` : x.exam, d(x.passedOn)],
            values: { individualId: String(x.individualId), exam: x.exam, passedOn: x.passedOn },
          };
        })}
        fields={[
          {
            name: "individualId",
            label: t("passes.person"),
            type: "select",
            options: [
              { value: "", label: t("passes.choosePerson") },
              ...data.individuals.map((p) => ({ value: String(p.id), label: personName.get(p.id) ?? p.name })),
            ],
          },
          { name: "exam", label: t("passes.exam"), type: "exam" },
          { name: "passedOn", label: t("passes.passedOn"), type: "date" },
        ]}
        saveAction={savePassAction.bind(null, id)}
        deleteAction={deletePassAction.bind(null, id)}
      />
    </section>
  );
}
