import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";
import type { ImportRecord } from "@/db/schema";
import { ImportPanel } from "./import-panel";

/** The import panel and the partner's latest imports (each is one audit entry). */
export async function ImportSection({
  partnerId,
  onBehalf,
  recent,
}: {
  partnerId: number;
  onBehalf: boolean;
  recent: (ImportRecord & { actorName: string | null })[];
}) {
  const [t, locale, timeZone] = await Promise.all([getTranslations("import"), getLocale(), getTimeZone()]);
  return (
    <section
      id="section-import"
      aria-labelledby="import-heading"
      data-testid="section-import"
      className="no-print space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="import-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ImportPanel partnerId={partnerId} onBehalf={onBehalf} />
      <h3 className="font-medium">{t("historyHeading")}</h3>
      {recent.length === 0 ? (
        <p className="text-sm text-slate-700">{t("historyEmpty")}</p>
      ) : (
        <ul className="space-y-1 text-sm" data-testid="import-history">
          {recent.map((r) => (
            <li key={r.id} data-testid="import-history-item">
              {t("historyItem", {
                at: formatDateTime(r.createdAt, locale, timeZone),
                file: r.fileName,
                kind: t(`kinds.${r.kind}`),
                who: r.actorName ?? "—",
                imported: r.imported,
                refused: r.refused,
                duplicates: r.duplicatesSkipped,
                customers: r.customersCreated,
                people: r.peopleCreated,
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
