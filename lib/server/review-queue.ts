import "server-only";
import { addDays } from "@/lib/competency";
import { reviewQueue, type QueueItem } from "@/db/review";
import { cachedByGeneration, isRefreshing } from "@/lib/server/generation-cache";
import { todayIso } from "@/lib/format";
import { QUEUE_PAGE_SIZE, QUEUE_RISK_DAYS } from "@/lib/vocabulary";

/** The whole queue as of today, from the stored rows as they are (never evaluating), once per change of the data. */
function queueOf(today: string): readonly QueueItem[] {
  return cachedByGeneration(`queue|${today}`, today, () => reviewQueue(addDays(today, QUEUE_RISK_DAYS)));
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
export function loadReviewQueue(page = 1, today = todayIso()): ReviewQueuePage {
  const all = queueOf(today);
  const pages = Math.max(1, Math.ceil(all.length / QUEUE_PAGE_SIZE));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { items: all.slice((p - 1) * QUEUE_PAGE_SIZE, p * QUEUE_PAGE_SIZE), total: all.length, page: p, pages, updating: isRefreshing(today) };
}

/** The queue's size for the header (reads what is stored; never recomputes). */
export function reviewQueueCount(today = todayIso()): number {
  return queueOf(today).length;
}

/** Why one partner is in the queue (its page says so), or null. */
export function queueItemOf(partnerId: number, today = todayIso()): QueueItem | null {
  return reviewQueue(addDays(today, QUEUE_RISK_DAYS), partnerId)[0] ?? null;
}
