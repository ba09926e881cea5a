import "server-only";
import { addDays } from "@/lib/competency";
import { reviewQueue, type QueueItem } from "@/db/review";
import { refreshStaleEvaluations } from "@/lib/server/stored-evaluations";
import { todayIso } from "@/lib/format";
import { QUEUE_RISK_DAYS } from "@/lib/vocabulary";

/** The review queue as of today (stale stored evaluations are brought up to date first, as the portfolio does). */
export function loadReviewQueue(today = todayIso()): QueueItem[] {
  refreshStaleEvaluations(today);
  return reviewQueue(addDays(today, QUEUE_RISK_DAYS));
}

/** The queue's size for the header (reads what is stored; never recomputes). */
export function reviewQueueCount(today = todayIso()): number {
  return reviewQueue(addDays(today, QUEUE_RISK_DAYS)).length;
}

/** Why one partner is in the queue (its page says so), or null. */
export function queueItemOf(partnerId: number, today = todayIso()): QueueItem | null {
  return reviewQueue(addDays(today, QUEUE_RISK_DAYS), partnerId)[0] ?? null;
}
