// GET /partners/ID/import/template/KIND: an empty import file for one kind of record, in the user's
// language and dialect (headers and one example row), ready to fill in a spreadsheet.
import { getLocale } from "next-intl/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { csvResponse, toCsv } from "@/lib/csv";
import { asLocale } from "@/lib/i18n/config";
import { IMPORT_COLUMNS } from "@/lib/import/columns";
import { IMPORT_KINDS, type ImportKind } from "@/lib/vocabulary";

export async function GET(_req: Request, { params }: { params: Promise<{ partnerId: string; kind: string }> }) {
  const p = await params;
  await requirePartnerAccess(Number(p.partnerId));
  if (!(IMPORT_KINDS as readonly string[]).includes(p.kind)) return new Response("Not found", { status: 404 });
  const locale = asLocale(await getLocale());
  const cols = IMPORT_COLUMNS[p.kind as ImportKind];
  return csvResponse(
    toCsv(
      cols.map((c) => c.header[locale]),
      [cols.map((c) => c.example[locale] || null)],
      locale,
    ),
    `import-${p.kind}-${locale}.csv`,
  );
}
