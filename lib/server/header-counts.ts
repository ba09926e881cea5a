import "server-only";
import { unreadCount } from "@/db/notifications";
import type { PublicUser } from "@/db/users";
import { ensureTimeBasedNotifications } from "@/lib/server/notifications";
import { reviewQueueCount } from "@/lib/server/review-queue";

export interface HeaderCounts {
  unread: number;
  queue: number | null;
}

/** The header's badges: unread notifications (a partner admin's time-based ones generated first), the review queue's size. */
export async function headerCounts(user: PublicUser): Promise<HeaderCounts | null> {
  if (user.mustChangePassword) return null;
  try {
    ensureTimeBasedNotifications(user);
    return { unread: unreadCount(user.id), queue: user.role === "channel_manager" ? await reviewQueueCount() : null };
  } catch (err) {
    console.error("header counts:", err instanceof Error ? err.message : err);
    return null;
  }
}
