import { notFound } from "next/navigation";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { countRevenueLines, getPartnerData, getRevenueLine, getRevenuePage } from "@/db/partners";
import { listImports } from "@/db/imports";
import { isValidDate } from "@/lib/competency";
import { todayIso } from "@/lib/format";
import { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE } from "@/lib/vocabulary";
import { DATA_PAGE_SIZE, DATA_SECTIONS, PartnerDataSections, type DataSection, type EditTarget } from "@/components/entry/partner-data";
import { pageParam } from "@/components/pager";
import { PartnerTabs } from "@/components/partner/tabs";
import { ImportSection } from "@/components/import/import-section";

type Search = Partial<Record<"asOf" | "edit" | `${DataSection}Page`, string | string[]>>;

/**
 * A partner's data: customers, revenue lines, people and exam passes (each list a page at a time, one
 * record edited at a time, named in the URL), and the import from a file. The partner's admin writes;
 * channel managers read (and import on the partner's behalf).
 */
export default async function PartnerDataPage({ params, searchParams }: { params: Promise<{ partnerId: string }>; searchParams: Promise<Search> }) {
  const { partnerId } = await params;
  const id = Number(partnerId);
  const user = await requirePartnerAccess(id);
  const sp = await searchParams;
  const data = getPartnerData(id, { revenue: false });
  if (!data) notFound();
  const readOnly = user.role !== "partner_admin";
  const isManager = user.role === "channel_manager";
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const asOfParam = one(sp.asOf);
  const asOf = asOfParam && isValidDate(asOfParam) && asOfParam >= MIN_BUSINESS_DATE && asOfParam <= MAX_BUSINESS_DATE ? asOfParam : null;

  const passes = data.individuals.flatMap((p) => p.passes);
  const revenueTotal = countRevenueLines(id);
  const pages: Record<DataSection, number> = {
    customers: pageParam(sp.customersPage, data.customers.length, DATA_PAGE_SIZE),
    revenue: pageParam(sp.revenuePage, revenueTotal, DATA_PAGE_SIZE),
    people: pageParam(sp.peoplePage, data.individuals.length, DATA_PAGE_SIZE),
    passes: pageParam(sp.passesPage, passes.length, DATA_PAGE_SIZE),
  };
  const revenue = getRevenuePage(id, (pages.revenue - 1) * DATA_PAGE_SIZE, DATA_PAGE_SIZE, revenueTotal);

  // The record named by `?edit=<section>:<id>`, when it is this partner's (anything else is ignored).
  const edit = /^(customers|revenue|people|passes):(\d{1,15})$/.exec(one(sp.edit) ?? "");
  let editing: EditTarget | null = null;
  if (edit && !readOnly) {
    const rid = Number(edit[2]);
    const section = edit[1] as DataSection;
    if (section === "customers") {
      const record = data.customers.find((c) => c.id === rid);
      if (record) editing = { section, record };
    } else if (section === "revenue") {
      const record = getRevenueLine(id, rid);
      if (record) editing = { section, record };
    } else if (section === "people") {
      const record = data.individuals.find((p) => p.id === rid);
      if (record) editing = { section, record };
    } else {
      const record = passes.find((x) => x.id === rid);
      if (record) editing = { section, record };
    }
  }

  // The query every link keeps (the as-of date and the pages shown), without `edit`.
  const kept: Record<string, string> = {};
  if (asOf) kept.asOf = asOf;
  for (const s of DATA_SECTIONS) if (pages[s] > 1) kept[`${s}Page`] = String(pages[s]);

  const [t, tEntry, tImport, tReport] = await Promise.all([
    getTranslations("partnerData"),
    getTranslations("entry"),
    getTranslations("import"),
    getTranslations("report"),
  ]);
  const jump = "rounded border border-slate-400 bg-white px-3 py-1.5 hover:bg-slate-100";
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t("title", { partner: data.partner.name })}</h1>
        <PartnerTabs partnerId={id} current="data" query={asOf ? `?asOf=${asOf}` : ""} />
        <p className="text-slate-700">{t("intro")}</p>
        <nav aria-label={t("jumpLabel")} className="no-print flex flex-wrap gap-2 text-sm">
          {DATA_SECTIONS.map((s) => (
            <a key={s} href={`#section-${s}`} className={jump}>
              {tEntry(`${s}.heading`)}
            </a>
          ))}
          <a href="#section-import" className={jump}>
            {tImport("heading")}
          </a>
        </nav>
        {/* The partner's facts as CSV files, and who changed what. */}
        <nav aria-label={t("exportsLabel")} className="no-print flex flex-wrap gap-2 text-sm">
          {DATA_SECTIONS.map((kind) => (
            <a key={kind} href={`/partners/${id}/export/${kind}`} download className={jump}>
              {tReport(`csv.${kind}`)}
            </a>
          ))}
          <Link href={`/partners/${id}/audit`} className={jump}>
            {tReport("auditLog")}
          </Link>
        </nav>
      </header>
      <PartnerDataSections
        data={data}
        revenue={revenue}
        pages={pages}
        editing={editing}
        readOnly={readOnly}
        asOf={asOf ?? todayIso()}
        path={`/partners/${id}/data`}
        params={kept}
      />
      <ImportSection partnerId={id} onBehalf={isManager} recent={listImports(id)} />
    </div>
  );
}
