import Link from "next/link";

/** Previous / "page X of Y" / next, for any paged list (a server component: `href` builds each page's link). */
export function Pager({
  page,
  pages,
  href,
  text,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  text: { label: string; prev: string; next: string; page: string };
}) {
  const link = "rounded border border-slate-400 bg-white px-3 py-1 hover:bg-slate-100";
  const off = "rounded border border-slate-200 px-3 py-1 text-slate-500";
  return (
    <nav aria-label={text.label} className="no-print flex flex-wrap items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={link}>
          {text.prev}
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          {text.prev}
        </span>
      )}
      <span data-testid="page-info">{text.page}</span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className={link}>
          {text.next}
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          {text.next}
        </span>
      )}
    </nav>
  );
}
