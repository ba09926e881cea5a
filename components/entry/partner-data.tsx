import { getLocale, getTranslations } from "next-intl/server";
import type { CustomerRecord, IndividualRecord, PartnerData, PassRecord, RevenueRecord } from "@/db/partners";
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
import { INLINE_CHOICES_MAX, PRODUCTS, type ChoiceList } from "@/lib/vocabulary";
import { choicesOf, labelFieldOf, type Choice } from "@/lib/choices";
import { Pager } from "@/components/pager";
import { RecordSection, type EditRow, type FieldDef, type RecordRow } from "./record-section";
import { distinctNames } from "@/lib/names";

/** Rows per page of each list on the data page: a large partner's page stays light. */
export const DATA_PAGE_SIZE = 50;

export const DATA_SECTIONS = ["customers", "revenue", "people", "passes"] as const;
export type DataSection = (typeof DATA_SECTIONS)[number];

/** The record the URL opens for editing (`?edit=revenue:123`), found among the partner's own records. */
export type EditTarget =
  | { section: "customers"; record: CustomerRecord }
  | { section: "revenue"; record: RevenueRecord }
  | { section: "people"; record: IndividualRecord }
  | { section: "passes"; record: PassRecord };

const withoutValues = ({ values: _values, ...row }: EditRow): RecordRow => row;
const slice = <T,>(list: T[], page: number) => list.slice((page - 1) * DATA_PAGE_SIZE, page * DATA_PAGE_SIZE);

/** A field that chooses a customer or person: a select of them all, or for a long list a search box. */
function chooser(name: string, label: string, list: ChoiceList, choose: string, options: Choice[]): FieldDef {
  return options.length > INLINE_CHOICES_MAX
    ? { name, label, type: "search", list }
    : { name, label, type: "select", options: [{ value: "", label: choose }, ...options] };
}

/**
 * The partner's facts: customers, revenue lines, people and exam passes, each list a page at a time,
 * editable by the partner's admin (one record at a time, the one the URL names).
 */
export async function PartnerDataSections({
  data,
  revenue,
  pages,
  editing,
  readOnly,
  asOf,
  path,
  params,
}: {
  /** The partner's customers and people with their passes (the revenue lines come a page at a time). */
  data: PartnerData;
  revenue: { lines: RevenueRecord[]; total: number };
  /** The page shown of each list (1-based, within range). */
  pages: Record<DataSection, number>;
  editing: EditTarget | null;
  readOnly: boolean;
  asOf: string;
  path: string;
  /** The page's query without `edit`: links keep it. */
  params: Record<string, string>;
}) {
  const [t, tDash, localeRaw] = await Promise.all([getTranslations("entry"), getTranslations("dashboard"), getLocale()]);
  const locale = asLocale(localeRaw);
  const id = data.partner.id;
  const today = todayIso();
  const d = (s: string | null) => (s ? formatDate(s, locale, "short") : "—");
  const customerName = new Map(data.customers.map((c) => [c.id, c.name]));
  const personName = distinctNames(data.individuals); // two people of one name are told apart
  const choices = choicesOf(data); // the forms' customers and people (the same names)
  const catalogue = new Map(examCatalogue(data.partner.ruleSet).map((e) => [e.code, e]));
  const passes = data.individuals.flatMap((p) => p.passes);
  const query = new URLSearchParams(params).toString();
  const pageHref = (section: DataSection) => (n: number) => {
    const q = new URLSearchParams(params);
    if (n > 1) q.set(`${section}Page`, String(n));
    else q.delete(`${section}Page`);
    const s = q.toString();
    return `${path}${s ? `?${s}` : ""}#section-${section}`;
  };
  const pager = (section: DataSection, total: number, title: string) => (
    <Pager page={pages[section]} pageSize={DATA_PAGE_SIZE} total={total} href={pageHref(section)} label={title} testId={`${section}-pages`} />
  );
  // Only the partner's admin gets forms: a read-only view sends no fields, options or exam catalogue.
  const fieldsIf = <T,>(fields: T[]) => (readOnly ? [] : fields);
  const common = { partnerId: id, ruleSet: data.partner.ruleSet, readOnly, path, query };
  type RecordOf<S extends DataSection> = Extract<EditTarget, { section: S }>["record"];
  const editingOf = <S extends DataSection>(section: S, toRow: (r: RecordOf<S>) => EditRow) =>
    !readOnly && editing?.section === section ? toRow(editing.record as RecordOf<S>) : undefined;

  const customerRow = (c: CustomerRecord): EditRow => ({
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
  });
  const revenueRow = (r: RevenueRecord): EditRow => ({
    id: r.id,
    version: r.version,
    label: `${customerName.get(r.customerId) ?? ""} ${d(r.date)} ${formatMoney(r.amountCents, locale)}`,
    cells: [d(r.date), customerName.get(r.customerId) ?? "", tDash(`productNames.${r.product}`), formatMoney(r.amountCents, locale), r.note ?? ""],
    values: {
      customerId: String(r.customerId),
      [labelFieldOf("customerId")]: customerName.get(r.customerId) ?? "",
      product: r.product,
      date: r.date,
      amount: formatMoneyInput(r.amountCents, locale),
      note: r.note ?? "",
    },
  });
  const personRow = (p: IndividualRecord): EditRow => ({
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
  });
  const passRow = (x: PassRecord): EditRow => {
    const exam = catalogue.get(x.exam);
    return {
      id: x.id,
      version: x.version,
      label: `${personName.get(x.individualId) ?? ""} ${x.exam}`,
      cells: [personName.get(x.individualId) ?? "", exam ? `${x.exam} — ${exam.title} (${exam.group})` : x.exam, d(x.passedOn)],
      values: {
        individualId: String(x.individualId),
        [labelFieldOf("individualId")]: personName.get(x.individualId) ?? "",
        exam: x.exam,
        passedOn: x.passedOn,
      },
    };
  };

  return (
    <section aria-labelledby="data-heading" className="no-print space-y-4">
      <h2 id="data-heading" className="sr-only">
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
        rows={slice(data.customers, pages.customers).map((c) => withoutValues(customerRow(c)))}
        editing={editingOf("customers", customerRow)}
        footer={pager("customers", data.customers.length, t("customers.heading"))}
        fields={fieldsIf([
          { name: "name", label: t("customers.name"), type: "text" as const },
          { name: "dporFrom", label: t("customers.dporFrom"), type: "date" as const },
          { name: "dporUntil", label: t("customers.dporUntil"), type: "date" as const },
        ])}
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
        rows={revenue.lines.map((r) => withoutValues(revenueRow(r)))}
        editing={editingOf("revenue", revenueRow)}
        footer={pager("revenue", revenue.total, t("revenue.heading"))}
        fields={fieldsIf([
          chooser("customerId", t("revenue.customer"), "customers", t("revenue.chooseCustomer"), choices.customers),
          {
            name: "product",
            label: t("revenue.product"),
            type: "select" as const,
            options: PRODUCTS.map((p) => ({ value: p, label: tDash(`productNames.${p}`) })),
          },
          { name: "date", label: t("revenue.date"), type: "date" as const },
          {
            name: "amount",
            label: t("revenue.amount"),
            type: "money" as const,
            hint: t("revenue.amountHint", { example: locale === "en" ? "100,000.00" : "100.000,00" }),
          },
          { name: "note", label: t("revenue.note"), type: "text" as const },
        ])}
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
        rows={slice(data.individuals, pages.people).map((p) => withoutValues(personRow(p)))}
        editing={editingOf("people", personRow)}
        footer={pager("people", data.individuals.length, t("people.heading"))}
        fields={fieldsIf([
          { name: "name", label: t("people.name"), type: "text" as const },
          { name: "email", label: t("people.email"), type: "email" as const },
          { name: "joinedOn", label: t("people.joinedOn"), type: "date" as const },
          { name: "leftOn", label: t("people.leftOn"), type: "date" as const, hint: t("people.leftHint") },
        ])}
        saveAction={saveIndividualAction.bind(null, id)}
        deleteAction={deleteIndividualAction.bind(null, id)}
      />

      <RecordSection
        {...common}
        sectionId="passes"
        catalogue={readOnly ? undefined : [...catalogue.values()].map((e) => ({ code: e.code, title: e.title, group: e.group }))}
        title={t("passes.heading")}
        addTitle={t("passes.addTitle")}
        emptyText={t("passes.none")}
        textColumns={[0]}
        blockedReason={data.individuals.length === 0 ? t("passes.needPerson") : undefined}
        columns={[t("passes.person"), t("passes.exam"), t("passes.passedOn")]}
        rows={slice(passes, pages.passes).map((x) => withoutValues(passRow(x)))}
        editing={editingOf("passes", passRow)}
        footer={pager("passes", passes.length, t("passes.heading"))}
        fields={fieldsIf([
          chooser("individualId", t("passes.person"), "people", t("passes.choosePerson"), choices.people),
          { name: "exam", label: t("passes.exam"), type: "exam" as const },
          { name: "passedOn", label: t("passes.passedOn"), type: "date" as const },
        ])}
        saveAction={savePassAction.bind(null, id)}
        deleteAction={deletePassAction.bind(null, id)}
      />
    </section>
  );
}
