import "server-only";
import { addDays } from "@/lib/competency";
import { reviewQueue, reviewQueueItems, reviewQueueQuery, type QueueItem, type QueueRow } from "@/db/review";
import { cachedForDay, isRefreshing } from "@/lib/server/generation-cache";
import { readOffThread } from "@/lib/server/sql-worker";
import { todayIso } from "@/lib/format";
import { QUEUE_PAGE_SIZE, QUEUE_RISK_DAYS } from "@/lib/vocabulary";

/**
 * The whole queue as of today, from the stored rows as they are (never evaluating), once per change of
 * the data. It scans every partner at risk: on the worker thread (lib/server/sql-worker.ts).
 */
function queueOf(today: string, wait?: "exact"): Promise<{ value: readonly QueueItem[]; day: string }> {
  const riskBy = addDays(today, QUEUE_RISK_DAYS);
  return cachedForDay("queue", today, async () => reviewQueueItems(await readOffThread<QueueRow[]>(reviewQueueQuery(riskBy), "all"), riskBy), wait);
}

export interface ReviewQueuePage {
  items: readonly QueueItem[];
  total: number;
  page: number;
  pages: number;
  /** The background refresher is bringing the day's rows up to date: the queue may still change. */
  updating: boolean;
}

/** One page of the review queue as of today (a page past the end shows the last one). */
export async function loadReviewQueue(page = 1, today = todayIso()): Promise<ReviewQueuePage> {
  const { value: all } = await queueOf(today, "exact");
  const pages = Math.max(1, Math.ceil(all.length / QUEUE_PAGE_SIZE));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { items: all.slice((p - 1) * QUEUE_PAGE_SIZE, p * QUEUE_PAGE_SIZE), total: all.length, page: p, pages, updating: isRefreshing(today) };
}

/**
 * The queue's size for the header (reads what is stored; never recomputes), or null for the first moments
 * of a new day, while the day's queue is being counted (the header then shows the link without a number).
 */
export async function reviewQueueCount(today = todayIso()): Promise<number | null> {
  const { value, day } = await queueOf(today);
  return day === today ? value.length : null;
}

/** Why one partner is in the queue (its page says so), or null. */
export function queueItemOf(partnerId: number, today = todayIso()): QueueItem | null {
  return reviewQueue(addDays(today, QUEUE_RISK_DAYS), partnerId)[0] ?? null;
}
