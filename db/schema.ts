import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
// Relative on purpose: drizzle-kit loads this file without the "@/" alias.
import { DECISIONS, EMAIL_MODES, IMPORT_KINDS, LEVELS, MARKETS, NOTIFICATION_KINDS, PRODUCTS, ROLES, RULE_SET_IDS } from "../lib/vocabulary";
import { LOCALES } from "../lib/i18n/config";

/** Editable rows carry a version that every update checks and increments (optimistic locking). */
const version = () => integer("version").notNull().default(1);
const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const partners = sqliteTable(
  "partners",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    msPartnerId: text("ms_partner_id").notNull(),
    market: text("market", { enum: MARKETS }).notNull(),
    ruleSet: text("rule_set", { enum: RULE_SET_IDS }).notNull().default("V1"),
    createdAt: createdAt(),
    version: version(),
    /** Moves with every write to the partner's customers, revenue, people or passes (migration 0009's triggers): keys the dashboard's cache. */
    factsVersion: integer("facts_version").notNull().default(0),
  },
  (t) => [uniqueIndex("partners_ms_partner_id_uq").on(t.msPartnerId), index("partners_name_idx").on(t.name)],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    partnerId: integer("partner_id").references(() => partners.id, { onDelete: "restrict" }),
    locale: text("locale", { enum: LOCALES }),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    /** Base32 TOTP secret (RFC 6238); set at enrolment, active once totpEnabledAt is set. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: text("totp_enabled_at"),
    /** The last TOTP time step (Unix seconds / 30) accepted for this account: a code of that step or an earlier one is refused (no replay). */
    totpLastStep: integer("totp_last_step"),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email), index("users_partner_idx").on(t.partnerId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie token, hex. The token itself is never stored. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAtMs: integer("created_at_ms").notNull(),
    lastSeenAtMs: integer("last_seen_at_ms").notNull(),
    expiresAtMs: integer("expires_at_ms").notNull(),
    /** Password checked, second factor not yet: such a session opens only the second-factor pages. */
    mfaPending: integer("mfa_pending", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the code (codes are random, so a fast hash is enough). */
    codeHash: text("code_hash").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Failed sign-ins per account and per address, for the growing delay. */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureMs: integer("last_failure_ms").notNull(),
  blockedUntilMs: integer("blocked_until_ms").notNull(),
});

export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    dporFrom: text("dpor_from"),
    dporUntil: text("dpor_until"),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("customers_partner_idx").on(t.partnerId)],
);

export const revenueLines = sqliteTable(
  "revenue_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    product: text("product", { enum: PRODUCTS }).notNull(),
    date: text("date").notNull(),
    amountCents: integer("amount_cents").notNull(),
    note: text("note"),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("revenue_partner_date_idx").on(t.partnerId, t.date), index("revenue_customer_idx").on(t.customerId)],
);

export const individuals = sqliteTable(
  "individuals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email"),
    joinedOn: text("joined_on"),
    leftOn: text("left_on"),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("individuals_partner_idx").on(t.partnerId)],
);

export const examPasses = sqliteTable(
  "exam_passes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    individualId: integer("individual_id")
      .notNull()
      .references(() => individuals.id, { onDelete: "cascade" }),
    exam: text("exam").notNull(),
    passedOn: text("passed_on").notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex("exam_passes_person_exam_uq").on(t.individualId, t.exam), index("exam_passes_partner_idx").on(t.partnerId)],
);

export const reviewNotes = sqliteTable(
  "review_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    decision: text("decision", { enum: DECISIONS }).notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    /** The partner's stored at-risk date when the note was written: the review queue's "losing a level" is seen. */
    riskSeen: text("risk_seen"),
  },
  (t) => [index("review_notes_partner_idx").on(t.partnerId, t.createdAt)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    partnerId: integer("partner_id").references(() => partners.id, { onDelete: "set null" }),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    action: text("action", { enum: ["create", "update", "delete", "sign-in", "sign-out"] }).notNull(),
    before: text("before"),
    after: text("after"),
  },
  (t) => [
    index("audit_partner_idx").on(t.partnerId, t.at),
    // The audit log pages filter by person, kind of record and dates, newest first (issue 12).
    index("audit_at_idx").on(t.at),
    index("audit_actor_idx").on(t.actorId, t.at),
    index("audit_entity_idx").on(t.entity, t.at),
    index("audit_partner_entity_idx").on(t.partnerId, t.entity, t.at),
  ],
);

export type PartnerRow = typeof partners.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;
export type RevenueLineRow = typeof revenueLines.$inferSelect;
export type IndividualRow = typeof individuals.$inferSelect;
export type ExamPassRow = typeof examPasses.$inferSelect;
export type ReviewNoteRow = typeof reviewNotes.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

// What the app reads and edits of each record (no partner id, no timestamps): the row types every
// layer uses, derived from the tables above so a column is declared once.
export type Partner = Pick<PartnerRow, "id" | "name" | "msPartnerId" | "market" | "ruleSet" | "version">;
export type CustomerRecord = Pick<CustomerRow, "id" | "name" | "dporFrom" | "dporUntil" | "version">;
export type RevenueRecord = Pick<RevenueLineRow, "id" | "customerId" | "product" | "date" | "amountCents" | "note" | "version">;
export type IndividualRecord = Pick<IndividualRow, "id" | "name" | "email" | "joinedOn" | "leftOn" | "version">;
export type PassRecord = Pick<ExamPassRow, "id" | "individualId" | "exam" | "passedOn" | "version">;
/** The editable values of a record: what a form submits (without id and version). */
export type ValuesOf<R> = Omit<R, "id" | "version">;

/**
 * The stored evaluation of each partner as of a day, for the portfolio. A row holds from asOf until
 * validUntil (exclusive; null: until the facts change). Triggers (migration 0003) delete a partner's row
 * in the same transaction as any change to its facts or settings, so a stored row is never stale.
 */
export const partnerEvaluations = sqliteTable(
  "partner_evaluations",
  {
    partnerId: integer("partner_id")
      .primaryKey()
      .references(() => partners.id, { onDelete: "cascade" }),
    asOf: text("as_of").notNull(),
    validUntil: text("valid_until"),
    ruleSet: text("rule_set", { enum: RULE_SET_IDS }).notNull(),
    level: text("level", { enum: LEVELS }).notNull(),
    /** 0 none, 1 silver, 2 gold: for sorting. */
    levelRank: integer("level_rank").notNull(),
    qualifyingRevenueCents: integer("qualifying_revenue_cents").notNull(),
    nextLevel: text("next_level", { enum: ["silver", "gold"] }),
    nextThresholdCents: integer("next_threshold_cents").notNull(),
    nextShortfallCents: integer("next_shortfall_cents").notNull(),
    nextShortfallBp: integer("next_shortfall_bp").notNull(),
    nextExamsNeeded: integer("next_exams_needed").notNull(),
    silverSlotsFilled: integer("silver_slots_filled").notNull(),
    silverSlots: integer("silver_slots").notNull(),
    goldSlotsFilled: integer("gold_slots_filled").notNull(),
    goldSlots: integer("gold_slots").notNull(),
    /** First day the current level would be lost within a year, if nothing changes. */
    atRiskOn: text("at_risk_on"),
    levelAtRisk: text("level_at_risk", { enum: LEVELS }),
    computedAt: text("computed_at")
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("partner_evaluations_level_idx").on(t.levelRank),
    index("partner_evaluations_risk_idx").on(t.atRiskOn),
    index("partner_evaluations_valid_idx").on(t.validUntil),
    // The portfolio's sorts read the first page from an index instead of sorting every partner.
    index("partner_evaluations_revenue_idx").on(t.qualifyingRevenueCents),
    index("partner_evaluations_level_revenue_idx").on(t.levelRank, t.qualifyingRevenueCents),
    index("partner_evaluations_shortfall_idx").on(t.nextShortfallBp),
    index("partner_evaluations_exams_idx").on(t.nextExamsNeeded),
    index("partner_evaluations_slots_idx").on(t.goldSlotsFilled, t.silverSlotsFilled),
    index("partner_evaluations_as_of_idx").on(t.asOf),
  ],
);

export type PartnerEvaluationRow = typeof partnerEvaluations.$inferSelect;

/**
 * One row per business day whose stored evaluations the background refresher brings up to date
 * (lib/server/refresher.ts). The row is the lease: the process named in `holder` owns the day's run
 * until `leaseUntilMs`, renewed with every batch; another process (another server on the same database,
 * or this one restarted) takes it over only once it has expired. `cursor` is the last partner id the
 * current pass has dealt with, written in the same transaction as that batch's rows, so a crash loses
 * nothing and the next holder resumes where it stopped.
 */
export const evaluationRefreshRuns = sqliteTable("evaluation_refresh_runs", {
  asOf: text("as_of").primaryKey(),
  holder: text("holder").notNull(),
  leaseUntilMs: integer("lease_until_ms").notNull(),
  cursor: integer("cursor").notNull().default(0),
  /** Passes over the partners this day: the first, plus one per later sweep of rows found stale. */
  passes: integer("passes").notNull().default(1),
  refreshed: integer("refreshed").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  startedAt: text("started_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  finishedAt: text("finished_at"),
});

/**
 * Partners the engine could not evaluate as of a day (it threw): the refresher does not retry them the
 * same day, and the portfolio says so instead of "being evaluated" forever. Cleared when a later
 * evaluation succeeds.
 */
export const evaluationFailures = sqliteTable("evaluation_failures", {
  partnerId: integer("partner_id")
    .primaryKey()
    .references(() => partners.id, { onDelete: "cascade" }),
  asOf: text("as_of").notNull(),
  message: text("message").notNull(),
  failedAt: text("failed_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * A single row whose number grows (triggers, migration 0004) with every change to partners, their
 * stored evaluations, failures or review notes: the portfolio caches its counts per generation.
 */
export const portfolioGeneration = sqliteTable("portfolio_generation", {
  id: integer("id").primaryKey(),
  n: integer("n").notNull(),
});

export type EvaluationRefreshRunRow = typeof evaluationRefreshRuns.$inferSelect;

/** One import of a file (issue 11): who, which file, what kind and how many rows of each outcome. */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    fileName: text("file_name").notNull(),
    rows: integer("rows").notNull(),
    imported: integer("imported").notNull(),
    refused: integer("refused").notNull(),
    duplicatesSkipped: integer("duplicates_skipped").notNull(),
    customersCreated: integer("customers_created").notNull(),
    peopleCreated: integer("people_created").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("imports_partner_idx").on(t.partnerId, t.createdAt)],
);
export type ImportRecord = typeof imports.$inferSelect;

/**
 * A market or rule-set change of a partner, with its effect as previewed and confirmed by the channel
 * manager (level before → after as of the day of the change), so the partner admin sees it.
 */
export const settingsChanges = sqliteTable(
  "settings_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    on: text("on").notNull(),
    fromMarket: text("from_market", { enum: MARKETS }).notNull(),
    toMarket: text("to_market", { enum: MARKETS }).notNull(),
    fromRuleSet: text("from_rule_set", { enum: RULE_SET_IDS }).notNull(),
    toRuleSet: text("to_rule_set", { enum: RULE_SET_IDS }).notNull(),
    levelBefore: text("level_before", { enum: LEVELS }).notNull(),
    levelAfter: text("level_after", { enum: LEVELS }).notNull(),
    /** Passes that counted before and do not after. */
    passesLost: integer("passes_lost").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("settings_changes_partner_idx").on(t.partnerId, t.createdAt)],
);
export type SettingsChangeRow = typeof settingsChanges.$inferSelect;

// ---------------------------------------------------------------------------------------------
// The review loop (issue 12).

/**
 * Each partner's last known level (from its stored evaluation). Triggers (migration 0004) keep it and
 * record every change in level_changes, whichever code path stores the evaluation.
 */
export const partnerLevels = sqliteTable("partner_levels", {
  partnerId: integer("partner_id")
    .primaryKey()
    .references(() => partners.id, { onDelete: "cascade" }),
  level: text("level", { enum: LEVELS }).notNull(),
  /** The as-of date of the evaluation that first showed this level. */
  since: text("since").notNull(),
});

/** A partner reached or lost a level (seen when its stored evaluation changed level). */
export const levelChanges = sqliteTable(
  "level_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    fromLevel: text("from_level", { enum: LEVELS }).notNull(),
    toLevel: text("to_level", { enum: LEVELS }).notNull(),
    asOf: text("as_of").notNull(),
    at: createdAt(),
  },
  (t) => [index("level_changes_partner_idx").on(t.partnerId, t.at)],
);

/** A partner admin's answer to a review note. */
export const reviewReplies = sqliteTable(
  "review_replies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    noteId: integer("note_id")
      .notNull()
      .references(() => reviewNotes.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("review_replies_note_idx").on(t.noteId, t.createdAt), index("review_replies_partner_idx").on(t.partnerId, t.createdAt)],
);

/** One notification for one user. `key` makes each event (per partner, event and day) arrive once. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnerId: integer("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    key: text("key").notNull(),
    /** JSON: the values the message needs (levels, dates, names). */
    data: text("data").notNull().default("{}"),
    /** Where to act, an app path. */
    link: text("link").notNull(),
    createdAt: createdAt(),
    readAt: text("read_at"),
    /** pending → sent (by itself or in a digest) or skipped (e-mail off, or too old when e-mail came on). */
    mail: text("mail", { enum: ["pending", "sent", "skipped"] })
      .notNull()
      .default("pending"),
  },
  (t) => [
    uniqueIndex("notifications_user_key_uq").on(t.userId, t.key),
    index("notifications_user_idx").on(t.userId, t.readAt, t.id),
    index("notifications_mail_idx").on(t.mail, t.userId),
  ],
);

/** A user's e-mail choice for notifications, and the day of their last digest. */
export const notificationSettings = sqliteTable("notification_settings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  emailMode: text("email_mode", { enum: EMAIL_MODES }).notNull().default("each"),
  lastDigestOn: text("last_digest_on"),
});

/** The day (and stored evaluation) a partner's time-based notifications were last generated for. */
export const notificationScans = sqliteTable("notification_scans", {
  partnerId: integer("partner_id")
    .primaryKey()
    .references(() => partners.id, { onDelete: "cascade" }),
  day: text("day").notNull(),
  evaluationAt: text("evaluation_at"),
});

/** A forgotten-password link: only the SHA-256 of its token is stored; valid once, for a short while. */
export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAtMs: integer("created_at_ms").notNull(),
    expiresAtMs: integer("expires_at_ms").notNull(),
    usedAtMs: integer("used_at_ms"),
  },
  (t) => [uniqueIndex("password_reset_tokens_hash_uq").on(t.tokenHash), index("password_reset_tokens_user_idx").on(t.userId, t.createdAtMs)],
);

/** One channel manager asks to reset another's second factor; a third confirms it. */
export const mfaResetRequests = sqliteTable(
  "mfa_reset_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetUserId: integer("target_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedAt: createdAt(),
    confirmedBy: integer("confirmed_by").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: text("confirmed_at"),
    cancelledAt: text("cancelled_at"),
  },
  (t) => [index("mfa_reset_requests_target_idx").on(t.targetUserId)],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type ReviewReplyRow = typeof reviewReplies.$inferSelect;
export type LevelChangeRow = typeof levelChanges.$inferSelect;
