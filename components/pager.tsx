import { getTranslations } from "next-intl/server";

/**
 * A long list a page at a time: "Showing 51–100 of 158", then first / previous / next / last as links
 * (the page is in the URL, so a page can be shared and the back button works).
 */
export async function Pager({
  page,
  pageSize,
  total,
  href,
  label,
  testId,
}: {
  /** 1-based, already clamped to the pages there are. */
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  /** What the pages are of, for the navigation's accessible name. */
  label: string;
  testId?: string;
}) {
  if (total <= pageSize) return null;
  const t = await getTranslations("pager");
  const pages = pageCount(total, pageSize);
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = "rounded border border-slate-400 bg-white px-2 py-1 text-blue-800 underline hover:bg-slate-100";
  const links: [string, number, boolean][] = [
    [t("first"), 1, page > 1],
    [t("previous"), page - 1, page > 1],
    [t("next"), page + 1, page < pages],
    [t("last"), pages, page < pages],
  ];
  return (
    <nav aria-label={t("label", { what: label })} className="no-print mt-2 flex flex-wrap items-center gap-2 text-sm" data-testid={testId}>
      <span data-testid="page-info">
        {t("shown", { from, to, total })} {t("page", { page, pages })}
      </span>
      {links.map(([text, target, enabled]) =>
        enabled ? (
          <a key={text} href={href(target)} className={link}>
            {text}
          </a>
        ) : null,
      )}
    </nav>
  );
}

export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

/** The page asked for in the URL, as a page that exists (1 when absent or not a number). */
export function pageParam(value: string | string[] | undefined, total: number, pageSize: number): number {
  const n = typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : 1;
  return Math.min(Math.max(1, n), pageCount(total, pageSize));
}
