import "server-only";
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { EmailMode, NotificationKind } from "@/lib/vocabulary";
import type { AppLocale } from "@/lib/i18n/config";
import { getDb, preparedPerConnection, tx, type Db } from "./client";
import { notificationScans, notificationSettings, notifications, partnerEvaluations, users } from "./schema";

// Notifications: one row per user and event. The unique (user, key) index makes every event arrive once,
// however often it is generated (time-based ones are generated lazily and by a daily job). Notifications
// are derived from audited changes (or from the calendar): they are not business records and write no
// audit row.

export interface NewNotification {
  partnerId: number | null;
  kind: NotificationKind;
  /** Unique per user: what makes the event the same event (e.g. "review-note:12", "at-risk-30:4:2026-08-01"). */
  key: string;
  data: Record<string, string | number | null>;
  link: string;
}

/** Enabled admins of a partner. */
export function partnerAdminIds(db: Db, partnerId: number): number[] {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.partnerId, partnerId), eq(users.role, "partner_admin"), eq(users.disabled, false)))
    .all()
    .map((r) => r.id);
}

/** Enabled channel managers, except one (the one who acted). */
export function managerIds(db: Db, except: number | null = null): number[] {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "channel_manager"), eq(users.disabled, false)))
    .all()
    .map((r) => r.id)
    .filter((id) => id !== except);
}

/** Adds a notification for each user (an event already notified to a user is skipped). Returns how many are new. */
export function notifyUsers(db: Db, userIds: number[], n: NewNotification): number {
  let added = 0;
  for (const userId of userIds) {
    const r = db
      .insert(notifications)
      .values({ userId, partnerId: n.partnerId, kind: n.kind, key: n.key, data: JSON.stringify(n.data), link: n.link })
      .onConflictDoNothing()
      .run();
    added += r.changes;
  }
  return added;
}

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  partnerId: number | null;
  data: Record<string, string | number | null>;
  link: string;
  createdAt: string;
  read: boolean;
}

const toItem = (r: typeof notifications.$inferSelect): NotificationItem => ({
  id: r.id,
  kind: r.kind,
  partnerId: r.partnerId,
  data: JSON.parse(r.data) as NotificationItem["data"],
  link: r.link,
  createdAt: r.createdAt,
  read: r.readAt !== null,
});

/** A user's notifications, newest first, a page at a time (older than `before`, an id). */
export function listNotifications(userId: number, opts: { before?: number; limit?: number; unreadOnly?: boolean } = {}): NotificationItem[] {
  const limit = opts.limit ?? 50;
  const where = [eq(notifications.userId, userId)];
  if (opts.before) where.push(lt(notifications.id, opts.before));
  if (opts.unreadOnly) where.push(isNull(notifications.readAt));
  return getDb()
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.id))
    .limit(limit)
    .all()
    .map(toItem);
}

const unreadOf = preparedPerConnection((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
    .prepare(),
);

export function unreadCount(userId: number): number {
  return unreadOf().get({ userId })!.n;
}

/** Marks one of the user's own notifications read; returns where it leads (null: not theirs or unknown). */
export function markNotificationRead(userId: number, id: number): string | null {
  const db = getDb();
  const row = db
    .select({ link: notifications.link, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .get();
  if (!row) return null;
  if (!row.readAt)
    db.update(notifications)
      .set({ readAt: new Date().toISOString() })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
      .run();
  return row.link;
}

export function markAllNotificationsRead(userId: number): number {
  return getDb()
    .update(notifications)
    .set({ readAt: new Date().toISOString() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run().changes;
}

export function getEmailMode(userId: number): EmailMode {
  return getDb().select({ m: notificationSettings.emailMode }).from(notificationSettings).where(eq(notificationSettings.userId, userId)).get()?.m ?? "each";
}

/** The user's own choice of e-mails (a preference, like the language: no audit row). */
export function setEmailMode(userId: number, mode: EmailMode): void {
  getDb()
    .insert(notificationSettings)
    .values({ userId, emailMode: mode })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { emailMode: mode } })
    .run();
}

export interface MailRecipient {
  userId: number;
  email: string;
  name: string;
  locale: AppLocale | null;
  mode: EmailMode;
  lastDigestOn: string | null;
}

/** Users with notifications waiting for e-mail, with their choice. */
export function usersWithPendingMail(limit = 500): MailRecipient[] {
  return getDb()
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      disabled: users.disabled,
      mode: sql<EmailMode>`coalesce(${notificationSettings.emailMode}, 'each')`,
      lastDigestOn: notificationSettings.lastDigestOn,
    })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(sql`${users.id} in (select ${notifications.userId} from ${notifications} where ${notifications.mail} = 'pending')`)
    .limit(limit)
    .all()
    .filter((u) => !u.disabled)
    .map(({ disabled: _d, ...u }) => u);
}

export function pendingMailFor(userId: number, limit = 100): NotificationItem[] {
  return getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.mail, "pending")))
    .orderBy(notifications.id)
    .limit(limit)
    .all()
    .map(toItem);
}

/** Marks notifications as mailed (sent) or not to be mailed (skipped); a digest also records its day. */
export function markMail(userId: number, ids: number[], state: "sent" | "skipped", digestDay?: string): void {
  tx((db) => {
    if (ids.length)
      db.update(notifications)
        .set({ mail: state })
        .where(and(eq(notifications.userId, userId), inArray(notifications.id, ids)))
        .run();
    if (digestDay) {
      db.insert(notificationSettings)
        .values({ userId, lastDigestOn: digestDay })
        .onConflictDoUpdate({ target: notificationSettings.userId, set: { lastDigestOn: digestDay } })
        .run();
    }
  });
}

/** Pending mail of disabled users, or older than `olderThan` (an ISO time), is never sent. */
export function skipStaleMail(olderThan: string): number {
  return getDb()
    .update(notifications)
    .set({ mail: "skipped" })
    .where(
      and(
        eq(notifications.mail, "pending"),
        sql`(${notifications.createdAt} < ${olderThan} or ${notifications.userId} in (select ${users.id} from ${users} where ${users.disabled} = 1))`,
      ),
    )
    .run().changes;
}

const evaluationAtOf = preparedPerConnection((db) =>
  db
    .select({ at: partnerEvaluations.computedAt })
    .from(partnerEvaluations)
    .where(eq(partnerEvaluations.partnerId, sql.placeholder("partnerId")))
    .prepare(),
);

/** When the partner's stored evaluation was computed (null: none stored). */
export function evaluationStamp(partnerId: number): string | null {
  return evaluationAtOf().get({ partnerId })?.at ?? null;
}

const scanOf = preparedPerConnection((db) =>
  db
    .select()
    .from(notificationScans)
    .where(eq(notificationScans.partnerId, sql.placeholder("partnerId")))
    .prepare(),
);

/** Whether the partner's time-based notifications are already generated for this day and this stored evaluation. */
export function scanDone(partnerId: number, day: string, evaluationAt: string | null): boolean {
  const r = scanOf().get({ partnerId });
  return !!r && r.day === day && r.evaluationAt === evaluationAt;
}

/** Adds the time-based notifications of one partner for a day and records the scan, in one transaction. */
export function recordScan(partnerId: number, day: string, evaluationAt: string | null, items: { userIds: number[]; n: NewNotification }[]): number {
  return tx((db) => {
    let added = 0;
    for (const it of items) added += notifyUsers(db, it.userIds, it.n);
    db.insert(notificationScans)
      .values({ partnerId, day, evaluationAt })
      .onConflictDoUpdate({ target: notificationScans.partnerId, set: { day, evaluationAt } })
      .run();
    return added;
  });
}

/** The partner admins to tell of a partner's time-based events (read outside a transaction). */
export function partnerAdminsOf(partnerId: number): number[] {
  return partnerAdminIds(getDb(), partnerId);
}
