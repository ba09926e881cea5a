// Schemas of the channel manager's forms (review notes, partner settings, new partners and their
// admins), the password change, and the portfolio's URL. Errors are message keys under "validation".
import { z } from "zod";
import { isRuleSetId, isValidDate, type Level, type Market, type RuleSetId } from "@/lib/competency";
import {
  DECISIONS,
  DEFAULT_PAGE_SIZE,
  EMAIL_MAX,
  LEVELS,
  MARKETS,
  MAX_BUSINESS_DATE,
  MIN_BUSINESS_DATE,
  PAGE_SIZES,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PORTFOLIO_SORTS,
  REVIEW_MAX,
  type Decision,
  type PortfolioSort,
} from "@/lib/vocabulary";
import { alongsideFieldErrors, charLength, field, name, refuse, version } from "./facts";

const decision = field<Decision>(
  (raw) => ((DECISIONS as readonly string[]).includes(raw.trim()) ? (raw.trim() as Decision) : refuse("decisionInvalid")),
  "decisionInvalid",
);

/** A review note: trimmed, 1–2000 characters; markup is plain text. */
const reviewBody = field<string>((raw) => {
  const s = raw.trim();
  if (s === "") return refuse("reviewRequired");
  return charLength(s) > REVIEW_MAX ? refuse("reviewTooLong") : s;
}, "reviewRequired");

export const market = field<Market>(
  (raw) => ((MARKETS as readonly string[]).includes(raw.trim()) ? (raw.trim() as Market) : refuse("marketInvalid")),
  "marketInvalid",
);
export const ruleSet = field<RuleSetId>((raw) => (isRuleSetId(raw.trim()) ? (raw.trim() as RuleSetId) : refuse("ruleSetInvalid")), "ruleSetInvalid");

/** A Microsoft partner ID: 4 to 12 digits (spaces are ignored). */
export const msPartnerId = field<string>((raw) => {
  const s = raw.replace(/\s+/g, "");
  return /^[0-9]{4,12}$/.test(s) ? s : refuse("msPartnerIdInvalid");
}, "msPartnerIdInvalid");

const emailFormat = z.email();
/** A required e-mail address, lower-cased. */
export const email = field<string>((raw) => {
  const s = raw.trim().toLowerCase();
  if (s === "") return refuse("emailRequired");
  return s.length > EMAIL_MAX || !emailFormat.safeParse(s).success ? refuse("emailMalformed") : s;
}, "emailMalformed");

export const reviewNoteSchema = z.object({ decision, body: reviewBody });
export const partnerSettingsSchema = z.object({ version, market, ruleSet });
export const newPartnerSchema = z.object({ name, msPartnerId, market, ruleSet, adminName: name, adminEmail: email });
export const newAdminSchema = z.object({ adminName: name, adminEmail: email });

const password = field<string>((raw) => {
  if (raw === "") return refuse("passwordRequired");
  if (charLength(raw) < PASSWORD_MIN) return refuse("passwordTooShort");
  return charLength(raw) > PASSWORD_MAX ? refuse("passwordTooLong") : raw;
}, "passwordRequired");
const currentPassword = field<string>((raw) => (raw === "" ? refuse("passwordRequired") : raw.slice(0, PASSWORD_MAX * 4)), "passwordRequired");

export const changePasswordSchema = z
  .object({ current: currentPassword, next: password, confirm: z.unknown().optional() })
  .superRefine((v, ctx) => {
    if (typeof v.next !== "string") return;
    if (v.confirm !== v.next) ctx.addIssue({ code: "custom", message: "passwordMismatch", path: ["confirm"] });
    else if (v.next === v.current) ctx.addIssue({ code: "custom", message: "passwordSameAsOld", path: ["next"] });
  }, alongsideFieldErrors)
  .transform(({ current, next }) => ({ current, next }));

// ---------------------------------------------------------------------------------------------
// The portfolio's state in the URL. Anything unreadable falls back to "not set", so an edited or old
// link still opens; the page says which parameters it ignored.

export interface PortfolioParams {
  level?: Level;
  market?: Market;
  maxExams?: number;
  /** Percent, 0–100 (may have decimals). */
  maxShortfall?: number;
  /** Days ahead: the level would be lost within this many days. */
  riskDays?: number;
  notReviewedSince?: string;
  /** Only partners whose level changed since their last review note. */
  changed?: boolean;
  q?: string;
  sort: PortfolioSort;
  dir: "asc" | "desc";
  page: number;
  size: number;
}

type Raw = Record<string, string | string[] | undefined>;

/** A search parameter the portfolio could not read, with what was given (the page says which and why). */
export interface IgnoredParam {
  param: string;
  value: string;
}

/** Reads the portfolio's search parameters; returns the clean state, the names of the ignored ones, and those with their values. */
export function parsePortfolioParams(raw: Raw): { params: PortfolioParams; ignored: string[]; rejected: IgnoredParam[] } {
  const ignored: string[] = [];
  const rejected: IgnoredParam[] = [];
  const get = (k: string): string | undefined => {
    const v = raw[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s.trim() === "" ? undefined : s.trim();
  };
  const pick = <T>(k: string, ok: (s: string) => T | undefined): T | undefined => {
    const s = get(k);
    if (s === undefined) return undefined;
    const v = ok(s);
    if (v === undefined) {
      ignored.push(k);
      rejected.push({ param: k, value: s });
    }
    return v;
  };
  const intIn = (min: number, max: number) => (s: string) => (/^\d{1,6}$/.test(s) && +s >= min && +s <= max ? +s : undefined);
  const params: PortfolioParams = {
    level: pick("level", (s) => ((LEVELS as readonly string[]).includes(s) ? (s as Level) : undefined)),
    market: pick("market", (s) => ((MARKETS as readonly string[]).includes(s) ? (s as Market) : undefined)),
    maxExams: pick("maxExams", intIn(0, 12)),
    maxShortfall: pick("maxShortfall", (s) => {
      const n = Number(s.replace(",", "."));
      return /^\d{1,3}([.,]\d{1,2})?$/.test(s) && n >= 0 && n <= 100 ? n : undefined;
    }),
    riskDays: pick("riskDays", intIn(1, 365)),
    notReviewedSince: pick("notReviewedSince", (s) => (isValidDate(s) && s >= MIN_BUSINESS_DATE && s <= MAX_BUSINESS_DATE ? s : undefined)),
    changed: pick("changed", (s) => (s === "1" ? true : undefined)),
    q: pick("q", (s) => (charLength(s) <= 100 ? s : undefined)),
    sort: pick("sort", (s) => ((PORTFOLIO_SORTS as readonly string[]).includes(s) ? (s as PortfolioSort) : undefined)) ?? "name",
    dir: pick("dir", (s) => (s === "asc" || s === "desc" ? s : undefined)) ?? "asc",
    page: pick("page", intIn(1, 100_000)) ?? 1,
    size: pick("size", (s) => ((PAGE_SIZES as readonly number[]).includes(Number(s)) ? Number(s) : undefined)) ?? DEFAULT_PAGE_SIZE,
  };
  return { params, ignored, rejected };
}

/** The URL query for a portfolio state (defaults left out), with some keys replaced. */
export function portfolioQueryString(p: PortfolioParams, change: Partial<Record<keyof PortfolioParams, string | number | undefined>> = {}): string {
  const merged: Record<string, string | number | undefined> = { ...p, changed: p.changed ? 1 : undefined, ...change };
  const defaults: Record<string, string | number> = { sort: "name", dir: "asc", page: 1, size: DEFAULT_PAGE_SIZE };
  const sp = new URLSearchParams();
  for (const k of ["q", "level", "market", "maxExams", "maxShortfall", "riskDays", "notReviewedSince", "changed", "sort", "dir", "page", "size"]) {
    const v = merged[k];
    if (v === undefined || v === "" || defaults[k] === v) continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}
