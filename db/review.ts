import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Decision, Level, QueueReason } from "@/lib/vocabulary";
import { getDb, tx } from "./client";
import { writeAudit } from "./audit";
import { managerIds, notifyUsers } from "./notifications";
import { partners, reviewNotes, reviewReplies, users } from "./schema";

// The review loop: partner admins' replies to review notes, and the channel managers' review queue.

export interface ReviewReply {
  id: number;
  noteId: number;
  body: string;
  createdAt: string;
  authorName: string;
  authorRole: "partner_admin" | "channel_manager";
}

/**
 * A partner admin's reply to one of their partner's review notes. The note must belong to the partner
 * (an id from another partner finds nothing). Audited; the note's author (a channel manager) is told.
 */
export function addReviewReply(actorId: number, partnerId: number, noteId: number, body: string): { ok: true; id: number } | { ok: false; error: "notFound" } {
  return tx((db) => {
    const note = db
      .select({ id: reviewNotes.id, authorId: reviewNotes.authorId })
      .from(reviewNotes)
      .where(and(eq(reviewNotes.id, noteId), eq(reviewNotes.partnerId, partnerId)))
      .get();
    if (!note) return { ok: false, error: "notFound" };
    const row = db
      .insert(reviewReplies)
      .values({ noteId, partnerId, authorId: actorId, body })
      .returning({ id: reviewReplies.id, noteId: reviewReplies.noteId, body: reviewReplies.body, createdAt: reviewReplies.createdAt })
      .get();
    writeAudit(db, { actorId, partnerId, entity: "review_reply", entityId: row.id, action: "create", after: row });
    const partner = db.select({ name: partners.name }).from(partners).where(eq(partners.id, partnerId)).get();
    const author = db.select({ name: users.name }).from(users).where(eq(users.id, actorId)).get();
    // The note's author is told; when that account is gone or disabled, every channel manager is.
    const managers = managerIds(db);
    const to = managers.includes(note.authorId) ? [note.authorId] : managers;
    notifyUsers(db, to, {
      partnerId,
      kind: "review-reply",
      key: `review-reply:${row.id}`,
      data: { partner: partner?.name ?? "", author: author?.name ?? "", excerpt: body.slice(0, 140) },
      link: `/partners/${partnerId}#note-${noteId}`,
    });
    return { ok: true, id: row.id };
  });
}

/** The replies to a partner's notes, oldest first, by note. */
export function listReplies(partnerId: number, noteIds: number[]): Map<number, ReviewReply[]> {
  const out = new Map<number, ReviewReply[]>();
  if (noteIds.length === 0) return out;
  const rows = getDb()
    .select({
      id: reviewReplies.id,
      noteId: reviewReplies.noteId,
      body: reviewReplies.body,
      createdAt: reviewReplies.createdAt,
      authorName: users.name,
      authorRole: users.role,
    })
    .from(reviewReplies)
    .innerJoin(users, eq(users.id, reviewReplies.authorId))
    .where(and(eq(reviewReplies.partnerId, partnerId), inArray(reviewReplies.noteId, noteIds)))
    .orderBy(asc(reviewReplies.createdAt), asc(reviewReplies.id))
    .all();
  for (const r of rows) out.set(r.noteId, [...(out.get(r.noteId) ?? []), r]);
  return out;
}

export interface QueueItem {
  partnerId: number;
  name: string;
  msPartnerId: string;
  level: Level | null;
  reasons: QueueReason[];
  /** level-changed: the level at the last review (or before the first change) and now. */
  levelFrom: Level | null;
  levelChangedOn: string | null;
  /** losing-level: the day the level would be lost, and the level then. */
  atRiskOn: string | null;
  levelAtRisk: Level | null;
  /** The last review note (awaiting-answer / answered refer to it). */
  lastNoteId: number | null;
  lastDecision: Decision | null;
  lastReviewAt: string | null;
  repliedAt: string | null;
}

export interface QueueRow {
  partner_id: number;
  name: string;
  ms_partner_id: string;
  level: Level | null;
  at_risk_on: string | null;
  level_at_risk: Level | null;
  note_id: number | null;
  decision: Decision | null;
  note_at: string | null;
  risk_seen: string | null;
  first_from: Level | null;
  last_change_on: string | null;
  replied_at: string | null;
}

/**
 * The channel managers' review queue as of `riskBy` (today + 30 days): partners whose level changed since
 * their last review note, those that would lose a level by `riskBy` (unless a note was written since
 * that risk date was known), and those whose last note asks for information (awaiting the partner's
 * answer, or answered and awaiting a decision). A new review note (a decision) clears the first two and
 * replaces the last. `partnerId` restricts it to one partner (the partner page's banner).
 */
export function reviewQueue(riskBy: string, partnerId?: number): QueueItem[] {
  const q = reviewQueueQuery(riskBy, partnerId);
  return reviewQueueItems(
    getDb()
      .$client.prepare(q.sql)
      .all(...q.params) as QueueRow[],
    riskBy,
  );
}

/** reviewQueue's statement, to run elsewhere (lib/server/sql-worker.ts); its rows go to reviewQueueItems. */
export function reviewQueueQuery(riskBy: string, partnerId?: number): { sql: string; params: unknown[] } {
  const only = partnerId === undefined ? "" : "WHERE id = @partnerId";
  return {
    sql: `
    WITH cand(id) AS (
      SELECT id FROM (
        SELECT partner_id AS id FROM level_changes
        UNION SELECT partner_id FROM partner_evaluations WHERE at_risk_on IS NOT NULL AND at_risk_on <= @riskBy
        UNION SELECT partner_id FROM review_notes WHERE decision = 'needs-information'
      ) ${only}
    ),
    base AS (
      SELECT p.id AS partner_id, p.name, p.ms_partner_id, e.level, e.at_risk_on, e.level_at_risk,
        (SELECT n.id FROM review_notes n WHERE n.partner_id = p.id ORDER BY n.created_at DESC, n.id DESC LIMIT 1) AS note_id
      FROM cand JOIN partners p ON p.id = cand.id LEFT JOIN partner_evaluations e ON e.partner_id = p.id
    )
    SELECT b.*, n.decision, n.created_at AS note_at, n.risk_seen,
      (SELECT lc.from_level FROM level_changes lc WHERE lc.partner_id = b.partner_id AND lc.created_at > coalesce(n.created_at, '')
        ORDER BY lc.id ASC LIMIT 1) AS first_from,
      (SELECT lc.as_of FROM level_changes lc WHERE lc.partner_id = b.partner_id AND lc.created_at > coalesce(n.created_at, '')
        ORDER BY lc.id DESC LIMIT 1) AS last_change_on,
      (SELECT max(r.created_at) FROM review_replies r WHERE r.note_id = n.id) AS replied_at
    FROM base b LEFT JOIN review_notes n ON n.id = b.note_id
  `,
    params: [{ riskBy, partnerId: partnerId ?? null }],
  };
}

/** The queue from reviewQueueQuery's rows: each partner's reasons, most urgent first. */
export function reviewQueueItems(rows: QueueRow[], riskBy: string): QueueItem[] {
  const items: QueueItem[] = [];
  for (const r of rows) {
    const reasons: QueueReason[] = [];
    if (r.first_from !== null && r.level !== null && r.first_from !== r.level) reasons.push("level-changed");
    if (r.at_risk_on !== null && r.at_risk_on <= riskBy && r.risk_seen !== r.at_risk_on) reasons.push("losing-level");
    if (r.decision === "needs-information") reasons.push(r.replied_at ? "answered" : "awaiting-answer");
    if (reasons.length === 0) continue;
    items.push({
      partnerId: r.partner_id,
      name: r.name,
      msPartnerId: r.ms_partner_id,
      level: r.level,
      reasons,
      levelFrom: reasons.includes("level-changed") ? r.first_from : null,
      levelChangedOn: reasons.includes("level-changed") ? r.last_change_on : null,
      atRiskOn: reasons.includes("losing-level") ? r.at_risk_on : null,
      levelAtRisk: reasons.includes("losing-level") ? r.level_at_risk : null,
      lastNoteId: r.note_id,
      lastDecision: r.decision,
      lastReviewAt: r.note_at,
      repliedAt: r.replied_at,
    });
  }
  // Most urgent first: a level already changed, then the soonest loss, then answers to read, then those awaited.
  // The rank is computed once per item and names compared with one collator: a network-wide queue holds
  // tens of thousands of partners (localeCompare builds a collator at each of ~300,000 comparisons).
  const ranked = items.map((i) => ({ i, rank: Math.min(...i.reasons.map((x) => REASON_RANK[x])), risk: i.atRiskOn ?? "9" }));
  ranked.sort((a, b) => a.rank - b.rank || (a.risk < b.risk ? -1 : a.risk > b.risk ? 1 : 0) || byName.compare(a.i.name, b.i.name));
  return ranked.map((r) => r.i);
}

const REASON_RANK: Record<QueueReason, number> = { "level-changed": 0, "losing-level": 1, answered: 2, "awaiting-answer": 3 };
const byName = new Intl.Collator();
