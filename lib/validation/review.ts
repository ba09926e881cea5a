// Schemas of the review loop's forms (replies, accounts, notifications, forgotten passwords) and the
// audit log's URL. Errors are message keys under "loopForm" (messages/*/review.json).
import { z } from "zod";
import { isValidDate } from "@/lib/competency";
import {
  AUDIT_ENTITIES,
  EMAIL_MAX,
  EMAIL_MODES,
  MAX_BUSINESS_DATE,
  MIN_BUSINESS_DATE,
  PASSWORD_MAX,
  PASSWORD_MIN,
  REVIEW_MAX,
  type EmailMode,
} from "@/lib/vocabulary";
import { charLength } from "./facts";

/** Every key these forms may answer with (under "loopForm"). */
export const LOOP_KEYS: ReadonlySet<string> = new Set([
  "replyRequired",
  "replyTooLong",
  "invalidReference",
  "fixErrors",
  "notFound",
  "genericError",
  "saved",
  "emailModeInvalid",
  "passwordRequired",
  "passwordTooShort",
  "passwordTooLong",
  "passwordMismatch",
  "emailRequired",
  "emailMalformed",
  "linkInvalid",
  "resetSent",
  "self",
  "sameManager",
  "alreadyRequested",
  "nothingChanged",
  "throttled",
  "mailOff",
]);

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : null);

/** A hidden row id: a positive integer in plain digits. */
const rowId = z.unknown().transform((v, ctx) => {
  const s = str(v)?.trim() ?? "";
  if (!/^[1-9][0-9]{0,15}$/.test(s) || !Number.isSafeInteger(Number(s))) {
    ctx.addIssue({ code: "custom", message: "invalidReference" });
    return z.NEVER;
  }
  return Number(s);
});

const text = (required: string, tooLong: string, max: number) =>
  z.unknown().transform((v, ctx) => {
    const s = (str(v) ?? "").trim();
    if (s === "") ctx.addIssue({ code: "custom", message: required });
    else if (charLength(s) > max) ctx.addIssue({ code: "custom", message: tooLong });
    return s;
  });

export const replySchema = z.object({ noteId: rowId, body: text("replyRequired", "replyTooLong", REVIEW_MAX) });

export const accountSchema = z.object({ userId: rowId });
export const mfaTargetSchema = z.object({ userId: rowId });
export const mfaRequestSchema = z.object({ requestId: rowId });

export const notificationSettingsSchema = z.object({
  emailMode: z.unknown().transform((v, ctx): EmailMode => {
    const s = (str(v) ?? "").trim();
    if (!(EMAIL_MODES as readonly string[]).includes(s)) {
      ctx.addIssue({ code: "custom", message: "emailModeInvalid" });
      return z.NEVER;
    }
    return s as EmailMode;
  }),
});

const emailFormat = z.email();
export const forgotSchema = z.object({
  email: z.unknown().transform((v, ctx) => {
    const s = (str(v) ?? "").trim().toLowerCase();
    if (s === "") ctx.addIssue({ code: "custom", message: "emailRequired" });
    else if (s.length > EMAIL_MAX || !emailFormat.safeParse(s).success) ctx.addIssue({ code: "custom", message: "emailMalformed" });
    return s;
  }),
});

const newPassword = z.unknown().transform((v, ctx) => {
  const s = str(v) ?? "";
  if (s === "") ctx.addIssue({ code: "custom", message: "passwordRequired" });
  else if (charLength(s) < PASSWORD_MIN) ctx.addIssue({ code: "custom", message: "passwordTooShort" });
  else if (charLength(s) > PASSWORD_MAX) ctx.addIssue({ code: "custom", message: "passwordTooLong" });
  return s;
});

export const resetPasswordSchema = z
  .object({ token: z.unknown().transform((v) => (str(v) ?? "").slice(0, 200)), next: newPassword, confirm: z.unknown().optional() })
  .superRefine((v, ctx) => {
    if (v.next && v.confirm !== v.next) ctx.addIssue({ code: "custom", message: "passwordMismatch", path: ["confirm"] });
  })
  .transform(({ token, next }) => ({ token, next }));

// ---------------------------------------------------------------------------------------------
// The audit log's state in the URL (anything unreadable is ignored).

export interface AuditParams {
  person?: string;
  entity?: string;
  from?: string;
  to?: string;
  /** Keyset cursors "created_at~id". */
  older?: { at: string; id: number };
  newer?: { at: string; id: number };
}

type Raw = Record<string, string | string[] | undefined>;

export function parseAuditParams(raw: Raw): AuditParams {
  const get = (k: string) => {
    const v = raw[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s : undefined;
  };
  const date = (s?: string) => (s && isValidDate(s) && s >= MIN_BUSINESS_DATE && s <= MAX_BUSINESS_DATE ? s : undefined);
  const cursor = (s?: string) => {
    const m = s ? /^(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)~(\d{1,16})$/.exec(s) : null;
    return m ? { at: m[1]!, id: Number(m[2]) } : undefined;
  };
  const person = get("person");
  const entity = get("entity");
  return {
    person: person && charLength(person) <= 100 ? person : undefined,
    entity: entity && (AUDIT_ENTITIES as readonly string[]).includes(entity) ? entity : undefined,
    from: date(get("from")),
    to: date(get("to")),
    older: cursor(get("older")),
    newer: cursor(get("newer")),
  };
}

/** The audit log's query string for a state (the cursors replaced by `page`). */
export function auditQueryString(p: AuditParams, page: { older?: { at: string; id: number }; newer?: { at: string; id: number } } = {}): string {
  const sp = new URLSearchParams();
  if (p.person) sp.set("person", p.person);
  if (p.entity) sp.set("entity", p.entity);
  if (p.from) sp.set("from", p.from);
  if (p.to) sp.set("to", p.to);
  if (page.older) sp.set("older", `${page.older.at}~${page.older.id}`);
  if (page.newer) sp.set("newer", `${page.newer.at}~${page.newer.id}`);
  const s = sp.toString();
  return s ? `?${s}` : "";
}
