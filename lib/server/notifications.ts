import "server-only";
import { createTranslator } from "next-intl";
import { addDays, addYears, daysBetween, evaluate, levelHistory } from "@/lib/competency";
import { getPartnerData, toFacts } from "@/db/partners";
import { storedEvaluations } from "@/db/portfolio";
import { ifFree } from "@/db/client";
import {
  evaluationStamp,
  markMail,
  partnerAdminsOf,
  pendingMailFor,
  recordScan,
  scanDone,
  skipStaleMail,
  usersWithPendingMail,
  type NewNotification,
  type NotificationItem,
} from "@/db/notifications";
import { listPartners } from "@/db/partners";
import { refreshPartnerEvaluation } from "@/lib/server/stored-evaluations";
import { buildDashboard, type DashboardModel } from "@/lib/server/dashboard";
import { appUrl, mailEnabled, sendMail } from "@/lib/server/mail";
import { loadMessages } from "@/lib/i18n/messages";
import { asLocale, type AppLocale } from "@/lib/i18n/config";
import { notificationText } from "@/lib/notification-text";
import { todayIso } from "@/lib/format";
import { ANNIVERSARY_NOTICE_DAYS, RISK_NOTICE_DAYS } from "@/lib/vocabulary";

// Time-based notifications (a level at risk within 90/30 days, the anniversary at 60/30/7 days, a person
// who fills a slot leaving) are generated per partner and day: lazily when the partner's admins open a
// page, and for every partner by runDailyNotifications (npm run notify:daily; the background refresher
// can call it). Both are idempotent: a scan is skipped when already done for that day and that stored
// evaluation, and each event has a unique key per user (db/notifications.ts). Event notifications
// (review notes, replies, settings, level changes, new partners) are written by the change itself.

/** Days around a leaving date in which a person leaving is announced (before: planned; after: recorded late). */
const LEAVING_AHEAD_DAYS = 90;
const LEAVING_BEHIND_DAYS = 30;

/** What a scan reads of a partner: its data and its level changes through the scan's day. */
type ScanModel = Pick<DashboardModel, "data" | "history">;

function readScanModel(partnerId: number, today: string): ScanModel | null {
  const data = getPartnerData(partnerId);
  return data ? { data, history: levelHistory(toFacts(data), { through: today, ruleSet: data.partner.ruleSet }) } : null;
}

/**
 * The partner's time-based events as of `today`, from its stored evaluation and the engine. A page view
 * passes the dashboard's model (kept per partner and date, lib/server/dashboard.ts), so a large partner's
 * 50,000 lines are read and swept once for both; the daily job reads each partner once.
 */
export function timeBasedEvents(partnerId: number, today: string, model: ScanModel | null = readScanModel(partnerId, today)): NewNotification[] {
  let stored = storedEvaluations([partnerId]).get(partnerId) ?? null;
  if (!stored || stored.asOf !== today) stored = refreshPartnerEvaluation(partnerId, today);
  if (!stored || !model) return [];
  const data = model.data;
  const partner = data.partner;
  const out: NewNotification[] = [];
  const link = `/partners/${partnerId}`;

  if (stored.atRiskOn && stored.levelAtRisk !== null) {
    const days = daysBetween(today, stored.atRiskOn);
    const within = RISK_NOTICE_DAYS.find((d) => days <= d); // the most urgent notice only
    if (within !== undefined && days >= 0) {
      out.push({
        partnerId,
        kind: within === 30 ? "at-risk-30" : "at-risk-90",
        key: `at-risk-${within}:${partnerId}:${stored.atRiskOn}`,
        data: { partner: partner.name, level: stored.level, to: stored.levelAtRisk, date: stored.atRiskOn, days },
        link: `${link}#risk-heading`,
      });
    }
  }

  if (stored.level !== "none") {
    const attained = [...model.history].reverse().find((c) => c.to === stored!.level)?.date;
    if (attained) {
      let anniversary = addYears(attained, 1);
      while (anniversary < today) anniversary = addYears(anniversary, 1);
      const days = daysBetween(today, anniversary);
      const within = ANNIVERSARY_NOTICE_DAYS.find((d) => days <= d);
      if (within !== undefined) {
        out.push({
          partnerId,
          kind: `anniversary-${within}` as NewNotification["kind"],
          key: `anniversary-${within}:${partnerId}:${anniversary}`,
          data: { partner: partner.name, level: stored.level, date: anniversary, days },
          link,
        });
      }
    }
  }

  // Who fills a slot depends on the people and their passes only, not on customers or revenue: the
  // evaluations below leave those out, and one evaluation serves everyone leaving on the same day.
  const peopleOnly = toFacts({ ...data, customers: [], revenue: [] });
  const holdersBefore = new Map<string, Set<string>>();
  const holdersOnEve = (leftOn: string): Set<string> => {
    let holders = holdersBefore.get(leftOn);
    if (!holders) {
      const before = evaluate(peopleOnly, { asOf: addDays(leftOn, -1), ruleSet: partner.ruleSet });
      holders = new Set([...before.silver.exams.slots, ...before.gold.exams.slots].flatMap((s) => (s.filledBy === null ? [] : [s.filledBy])));
      holdersBefore.set(leftOn, holders);
    }
    return holders;
  };
  for (const person of data.individuals) {
    if (!person.leftOn) continue;
    if (person.leftOn > addDays(today, LEAVING_AHEAD_DAYS) || person.leftOn < addDays(today, -LEAVING_BEHIND_DAYS)) continue;
    if (!holdersOnEve(person.leftOn).has(String(person.id))) continue;
    out.push({
      partnerId,
      kind: "person-left",
      key: `person-left:${person.id}:${person.leftOn}`,
      data: { partner: partner.name, person: person.name, date: person.leftOn },
      link: `${link}/data#section-people`,
    });
  }
  return out;
}

/** Generates one partner's time-based notifications for its admins (once per day and stored evaluation). */
export function generateTimeBasedNotifications(partnerId: number, today = todayIso(), model?: () => ScanModel | null): number {
  const stamp = evaluationStamp(partnerId);
  if (stamp !== null && scanDone(partnerId, today, stamp)) return 0;
  const events = timeBasedEvents(partnerId, today, model ? model() : undefined);
  const admins = partnerAdminsOf(partnerId);
  const added = recordScan(
    partnerId,
    today,
    evaluationStamp(partnerId),
    events.map((n) => ({ userIds: admins, n })),
  );
  if (added > 0) kickMailer();
  return added;
}

/** For a page view: a partner admin's own partner is scanned lazily (never fails the page). */
export function ensureTimeBasedNotifications(user: { role: string; partnerId: number | null }): void {
  if (user.role !== "partner_admin" || user.partnerId === null) return;
  try {
    // In passing, only when the database is free: the next page view tries again (db/client.ts ifFree).
    const partnerId = user.partnerId;
    // The dashboard's model of today, which the page will show anyway (or a later view finds cached).
    const today = todayIso();
    ifFree(() => generateTimeBasedNotifications(partnerId, today, () => buildDashboard(partnerId, today)));
  } catch (err) {
    console.error("time-based notifications:", err instanceof Error ? err.message : err);
  }
}

/** The daily job: every partner's time-based notifications, then the e-mails (digests included). */
export async function runDailyNotifications(today = todayIso()): Promise<{ partners: number; added: number }> {
  let added = 0;
  const partners = listPartners();
  for (const p of partners) added += generateTimeBasedNotifications(p.id, today);
  await deliverPendingMail(today);
  return { partners: partners.length, added };
}

// ---------------------------------------------------------------------------------------------
// E-mail: one message per notification, or one digest a day, as each user chose, in their language.

async function translatorFor(locale: AppLocale) {
  const messages = await loadMessages(locale);
  return createTranslator({ locale, messages: messages as Parameters<typeof createTranslator>[0]["messages"] });
}

/** A notification as an e-mail: its sentence as the subject, and the link to act. */
function mailBody(t: Awaited<ReturnType<typeof translatorFor>>, locale: AppLocale, items: NotificationItem[], name: string): string {
  const lines = items.map((n) => `• ${notificationText(n, t as never, locale)}\n  ${appUrl()}${n.link}`);
  return [t("mail.greeting", { name }), "", ...lines, "", t("mail.footer", { url: `${appUrl()}/account/notifications` })].join("\n");
}

/** Sends what is waiting; returns how many messages went out. Safe to call often (it skips what was sent). */
export async function deliverPendingMail(today = todayIso()): Promise<number> {
  if (!mailEnabled()) return 0;
  skipStaleMail(new Date(Date.now() - 2 * 86_400_000).toISOString());
  let sent = 0;
  for (const u of usersWithPendingMail()) {
    const items = pendingMailFor(u.userId);
    if (items.length === 0) continue;
    if (u.mode === "off") {
      markMail(
        u.userId,
        items.map((i) => i.id),
        "skipped",
      );
      continue;
    }
    const locale = asLocale(u.locale ?? "pt-BR");
    const t = await translatorFor(locale);
    try {
      if (u.mode === "each") {
        for (const n of items) {
          await sendMail({
            to: u.email,
            locale,
            subject: `${t("mail.subjectPrefix")} ${notificationText(n, t as never, locale)}`.slice(0, 200),
            text: mailBody(t, locale, [n], u.name),
          });
          markMail(u.userId, [n.id], "sent");
          sent++;
        }
      } else if (u.lastDigestOn !== today) {
        await sendMail({ to: u.email, locale, subject: t("mail.digestSubject", { count: items.length }), text: mailBody(t, locale, items, u.name) });
        markMail(
          u.userId,
          items.map((i) => i.id),
          "sent",
          today,
        );
        sent++;
      }
    } catch (err) {
      console.error(`e-mail to user ${u.userId} failed:`, err instanceof Error ? err.message : err);
    }
  }
  return sent;
}

const globalForMailer = globalThis as unknown as { __mailer?: { running: Promise<void> | null; again: boolean } };

/** Starts delivering pending e-mail in the background (one run at a time; a call during a run queues one more). */
export function kickMailer(): void {
  if (!mailEnabled()) return;
  const m = (globalForMailer.__mailer ??= { running: null, again: false });
  if (m.running) {
    m.again = true;
    return;
  }
  m.running = deliverPendingMail()
    .then(
      () => undefined,
      (err) => console.error("mailer:", err instanceof Error ? err.message : err),
    )
    .finally(() => {
      m.running = null;
      if (m.again) {
        m.again = false;
        kickMailer();
      }
    });
}
