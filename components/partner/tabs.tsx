import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The partner's two pages: its status (the evaluation) and its data (the records and the import). */
export async function PartnerTabs({ partnerId, current, query = "" }: { partnerId: number; current: "status" | "data"; query?: string }) {
  const t = await getTranslations("partnerTabs");
  const tabs = [
    { key: "status", href: `/partners/${partnerId}${query}`, text: t("status") },
    { key: "data", href: `/partners/${partnerId}/data${query}`, text: t("data") },
  ] as const;
  return (
    <nav aria-label={t("label")} className="no-print border-b border-slate-300">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? "page" : undefined}
              data-testid={`tab-${tab.key}`}
              className={
                tab.key === current
                  ? "block rounded-t border border-slate-300 border-b-white bg-white px-4 py-2 font-medium"
                  : "block rounded-t border border-transparent px-4 py-2 text-blue-800 underline hover:bg-slate-100"
              }
            >
              {tab.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
