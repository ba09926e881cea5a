// The domain's vocabulary, declared once. The engine's own words (levels, markets, products, rule sets,
// exam groups) live in lib/competency and are re-exported here; the application's words (review
// decisions, roles, business-date bounds, horizons, the portfolio's sorts and page sizes, limits) are
// declared here. The schema's enums, the forms' options, the validators and the filters all read these.
// From the engine's types module (plain constants), not its index: client bundles that read the
// vocabulary then carry no engine code.
export {
  LEVELS,
  LEVEL_RANK,
  MARKETS,
  PRODUCTS,
  RULE_SET_IDS,
  EXAM_GROUPS,
  type Level,
  type Market,
  type Product,
  type RuleSetId,
  type ExamGroup,
} from "./competency/types";

/** A channel manager's decision on a review note. */
export const DECISIONS = ["approved", "needs-information", "note"] as const;
export type Decision = (typeof DECISIONS)[number];

export const ROLES = ["partner_admin", "channel_manager"] as const;
export type Role = (typeof ROLES)[number];

/** Business dates (as-of, invoices, DPOR periods, memberships, exam passes) lie within these bounds. */
export const MIN_BUSINESS_DATE = "2000-01-01";
export const MAX_BUSINESS_DATE = "2100-12-31";

/** Days ahead in which a level drop is projected (the dashboard's horizon and the stored risk date). */
export const RISK_HORIZON_DAYS = 365;
/** "At risk" on the portfolio's counts: the level would be lost within this many days. */
export const AT_RISK_DAYS = 90;

/** The portfolio's sortable columns. */
export const PORTFOLIO_SORTS = ["name", "partnerId", "market", "level", "revenue", "shortfall", "slots", "exams", "risk", "review"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** Text limits, in characters as people count them. */
export const NAME_MAX = 200;
export const NOTE_MAX = 500;
export const EMAIL_MAX = 254;
export const REVIEW_MAX = 2000;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/**
 * What one partner may record at most. They bound the work of one evaluation (the engine is linear in
 * the data) and keep every sum exact: 200,000 lines of at most US$ 1,000,000,000.00 (MAX_MONEY_CENTS)
 * sum to at most 2 × 10^16 cents, beyond 2^53 (so sums are bigints past it) but far within SQLite's
 * 2^63. Enforced in the database write layer (db/facts.ts), which refuses the row and stores nothing.
 */
export const PARTNER_LIMITS = {
  revenueLines: 200_000,
  individuals: 5_000,
  customers: 50_000,
  examPasses: 50_000,
} as const;

/**
 * Above this amount (per revenue line, in whole US dollars, credits alike) the form asks "are you sure?"
 * before saving: a typing slip of three zeros is likelier than such an invoice. PLAUSIBLE_AMOUNT_USD
 * changes it on the server.
 */
export const DEFAULT_PLAUSIBLE_AMOUNT_USD = 10_000_000;

/**
 * Import file limits (one file, one kind of record). A file over them is refused before it is read:
 * the browser checks the size before sending, the server checks the declared length, then the bytes and
 * the rows. Keep these within the per-partner limits (PARTNER_LIMITS) when both exist.
 */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;
/** What one import may be about. */
export const IMPORT_KINDS = ["revenue", "customers", "people", "passes"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// The review loop (issue 12): queue reasons, notifications, e-mail choices, the audit log's records.

/** Why a partner is in a channel manager's review queue. */
export const QUEUE_REASONS = ["level-changed", "losing-level", "awaiting-answer", "answered"] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];
/** "Losing a level" in the review queue: the level would be lost within this many days. */
export const QUEUE_RISK_DAYS = 30;
/** Partners per page of the review queue (a network-wide queue can hold thousands). */
export const QUEUE_PAGE_SIZE = 50;

/** What a notification is about. Partner admins get the first eight, channel managers the last three. */
export const NOTIFICATION_KINDS = [
  "at-risk-90",
  "at-risk-30",
  "anniversary-60",
  "anniversary-30",
  "anniversary-7",
  "review-note",
  "settings-change",
  "person-left",
  "review-reply",
  "level-change",
  "new-partner",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** Days before the level would be lost at which partner admins are told (most urgent first). */
export const RISK_NOTICE_DAYS = [30, 90] as const;
/** Days before the competency's anniversary (a year after the level was attained) at which partner admins are told. */
export const ANNIVERSARY_NOTICE_DAYS = [7, 30, 60] as const;

/** How a user wants notifications by e-mail. */
export const EMAIL_MODES = ["each", "daily", "off"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** The kinds of record the audit log shows (its entity names), for its filter. */
export const AUDIT_ENTITIES = [
  "partner",
  "user",
  "customer",
  "revenue_line",
  "individual",
  "exam_pass",
  "review_note",
  "review_reply",
  "session",
  "user-totp",
  "mfa_reset_request",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export of the audit log holds (narrow the filters for more). */
export const AUDIT_EXPORT_MAX = 100_000;

/** A forgotten-password link is valid this long, once. */
export const RESET_LINK_MINUTES = 30;
/** A second-factor reset asked for by one channel manager waits this long for a second one's confirmation. */
export const MFA_RESET_REQUEST_HOURS = 24;

/** The lists a data-entry form chooses from (a revenue line's customer, a pass's person). */
export const CHOICE_LISTS = ["customers", "people"] as const;
export type ChoiceList = (typeof CHOICE_LISTS)[number];
/** Up to this many, a form offers the whole list as a select; beyond, a search box asks the server. */
export const INLINE_CHOICES_MAX = 100;
/** The most matches one search answers with (it says how many more there are). */
export const CHOICES_SHOWN = 20;
