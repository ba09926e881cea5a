import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { loadReviewQueue } from "@/lib/server/review-queue";
import { formatDate, formatDateTime, todayIso } from "@/lib/format";
import { Pager } from "@/components/pager";
import { QueueReasons } from "@/components/loop/queue-banner";
import { QUEUE_PAGE_SIZE, QUEUE_RISK_DAYS } from "@/lib/vocabulary";

/** What waits for a channel manager's review: level changes, levels about to be lost, notes asking for information. */
export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await requireChannelManager();
  const sp = await searchParams;
  const queue = await loadReviewQueue(typeof sp.page === "string" ? Number(sp.page) : 1);
  const items = queue.items;
  const [t, locale] = await Promise.all([getTranslations("queue"), getLocale()]);
  const timeZone = await getTimeZone();
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-700">{t("intro", { days: QUEUE_RISK_DAYS })}</p>
      </header>
      <p role="status" data-testid="queue-count" data-count={queue.total} className="text-sm text-slate-700">
        {t("count", { count: queue.total })}
        {queue.updating && <span data-testid="queue-updating"> {t("updating", { date: formatDate(todayIso(), locale) })}</span>}
      </p>
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4" data-testid="queue-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="space-y-2" data-testid="queue">
          {items.map((i) => (
            <li key={i.partnerId} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="queue-item" data-partner={i.partnerId}>
              <p className="flex flex-wrap items-baseline gap-2">
                <Link href={`/partners/${i.partnerId}?from=queue#review-heading`} className="font-medium text-blue-800 underline">
                  {i.name}
                </Link>
                <span className="text-sm text-slate-600">{i.msPartnerId}</span>
                <span className="text-sm text-slate-600">
                  {i.lastReviewAt ? t("lastReview", { when: formatDateTime(i.lastReviewAt, locale, timeZone) }) : t("neverReviewed")}
                </span>
              </p>
              <QueueReasons item={i} />
            </li>
          ))}
        </ul>
      )}
      <Pager page={queue.page} pageSize={QUEUE_PAGE_SIZE} total={queue.total} href={(n) => `/review-queue?page=${n}`} label={t("title")} />
      <p className="text-xs text-slate-600">{t("howCleared")}</p>
    </div>
  );
}
