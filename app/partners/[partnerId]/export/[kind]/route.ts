import { getLocale, getTranslations } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { getPartnerData } from "@/db/partners";
import { findExam } from "@/lib/competency";
import { csvResponse, toCsv, type CsvCell } from "@/lib/csv";
import { asLocale } from "@/lib/i18n/config";
import { todayIso } from "@/lib/format";

const KINDS = ["customers", "revenue", "people", "passes"] as const;
type Kind = (typeof KINDS)[number];

/** One partner's recorded facts as CSV: customers, revenue lines, people or exam passes. */
export async function GET(_req: Request, { params }: { params: Promise<{ partnerId: string; kind: string }> }) {
  const p = await params;
  const id = Number(p.partnerId);
  await requirePartnerAccess(id);
  if (!(KINDS as readonly string[]).includes(p.kind)) return new Response("Not found", { status: 404 });
  const kind = p.kind as Kind;
  const data = getPartnerData(id);
  if (!data) return new Response("Not found", { status: 404 });
  const [t, tProduct, localeRaw] = await Promise.all([getTranslations("csv"), getTranslations("dashboard.productNames"), getLocale()]);
  const locale = asLocale(localeRaw);
  const customer = new Map(data.customers.map((c) => [c.id, c.name]));
  const person = new Map(data.individuals.map((i) => [i.id, i.name]));
  let header: string[];
  let rows: CsvCell[][];
  switch (kind) {
    case "customers":
      header = [t("customer"), t("dporFrom"), t("dporUntil")];
      rows = data.customers.map((c) => [c.name, c.dporFrom, c.dporUntil]);
      break;
    case "revenue":
      header = [t("customer"), t("product"), t("date"), t("amount"), t("note")];
      rows = data.revenue.map((r) => [customer.get(r.customerId) ?? "", tProduct(r.product), r.date, { cents: r.amountCents }, r.note]);
      break;
    case "people":
      header = [t("person"), t("email"), t("joinedOn"), t("leftOn"), t("passCount")];
      rows = data.individuals.map((i) => [i.name, i.email, i.joinedOn, i.leftOn, { int: i.passes.length }]);
      break;
    case "passes":
      header = [t("person"), t("exam"), t("examTitle"), t("group"), t("passedOn")];
      rows = data.individuals.flatMap((i) =>
        i.passes.map((x) => {
          const def = findExam(data.partner.ruleSet, x.exam);
          return [person.get(i.id) ?? "", x.exam, def?.title ?? null, def?.group ?? null, x.passedOn];
        }),
      );
      break;
  }
  return csvResponse(toCsv(header, rows, locale), `partner-${data.partner.msPartnerId}-${kind}-${todayIso()}.csv`);
}
