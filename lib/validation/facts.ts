// One zod schema per fact form (customers, revenue lines, individuals, exam passes), plus the edit and
// delete variants. Inputs are FormData strings (a missing or empty field means "not given"); every error
// is a message key under "validation" in messages/{en,pt-BR}/validation.json, never a sentence.
import { z } from "zod";
import { examCatalogue, findExam, isValidDate, normaliseExamCode, type Product, type RuleSetId } from "@/lib/competency";
import type { AppLocale } from "@/lib/i18n/config";
import { parseMoney } from "@/lib/money";
import { EMAIL_MAX, MAX_BUSINESS_DATE, MIN_BUSINESS_DATE, NAME_MAX, NOTE_MAX, PRODUCTS } from "@/lib/vocabulary";

/** Every key these schemas (and the fact forms) may show; each exists in both catalogues under "validation". */
export const VALIDATION_KEYS = [
  "dateRequired",
  "dateInvalid",
  "dateOutOfRange",
  "nameRequired",
  "nameTooLong",
  "invalidReference",
  "dporUntilBeforeFrom",
  "dporUntilWithoutFrom",
  "productInvalid",
  "moneyRequired",
  "moneyInvalid",
  "moneyFraction",
  "moneyZero",
  "moneyTooLarge",
  "noteTooLong",
  "emailInvalid",
  "leftBeforeJoined",
  "examRequired",
  "examUnknown",
  "fixErrors",
  "conflict",
  "notFound",
  "duplicatePass",
  "customerHasRevenue",
  // per-partner limits (lib/vocabulary.ts PARTNER_LIMITS), refused by db/facts.ts
  "limitRevenueLines",
  "limitPeople",
  "limitCustomers",
  "limitPasses",
  // probable duplicates (the form offers "save anyway")
  "duplicateCustomer",
  "duplicatePersonEmail",
  "duplicatePersonName",
  "duplicateRevenue",
  // the what-if planner's "apply"
  "whatIfInvalid",
  "whatIfApplied",
  "saved",
  "deleted",
  "genericError",
  // channel-manager forms (lib/validation/manager.ts)
  "decisionInvalid",
  "reviewRequired",
  "reviewTooLong",
  "marketInvalid",
  "ruleSetInvalid",
  "msPartnerIdInvalid",
  "msPartnerIdTaken",
  "emailRequired",
  "emailMalformed",
  "emailTaken",
  "nothingChanged",
  "partnerCreated",
  "adminCreated",
  // password change
  "passwordRequired",
  "passwordTooShort",
  "passwordTooLong",
  "passwordMismatch",
  "passwordWrong",
  "passwordSameAsOld",
  "throttled",
  "busy",
  // names (finding 7 of issue 10)
  "nameControlChars",
  "nameBidi",
  "nameInvisible",
  // a select left on "choose …"
  "customerRequired",
  "personRequired",
  // dates after today: refused where they cannot be, asked about where they may be planned
  "invoiceInFuture",
  "passInFuture",
  "dporFromInFuture",
  "joinedInFuture",
  "leftInFuture",
  // unusual but possible values: the form asks to confirm
  "confirmNeeded",
  "confirmSave",
  "amountImplausible",
  "partnerNameExists",
  // preferences
  "timeZoneInvalid",
] as const;
export type ValidationKey = (typeof VALIDATION_KEYS)[number];
const KNOWN_KEYS: ReadonlySet<string> = new Set(VALIDATION_KEYS);

// ---------------------------------------------------------------------------------------------
// Field building blocks. Each takes the raw form value (string, or missing) and either returns the
// clean value or refuses with one message key.

export class Refusal {
  constructor(readonly key: ValidationKey) {}
}
export const refuse = (key: ValidationKey) => new Refusal(key);

/** A form field: missing/null counts as "", any other non-string is refused with `typeKey`. */
export function field<T>(check: (raw: string) => T | Refusal, typeKey: ValidationKey) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx): T => {
      const raw = v === undefined || v === null ? "" : typeof v === "string" ? v : null;
      const r = raw === null ? refuse(typeKey) : check(raw);
      if (r instanceof Refusal) {
        ctx.addIssue({ code: "custom", message: r.key });
        return z.NEVER;
      }
      return r;
    });
}

/** Length in characters as people count them (code points, so an emoji is one). */
export const charLength = (s: string) => [...s].length;

function checkDate(raw: string, required: boolean): string | null | Refusal {
  const s = raw.trim();
  if (s === "") return required ? refuse("dateRequired") : null;
  if (!isValidDate(s)) return refuse("dateInvalid");
  if (s < MIN_BUSINESS_DATE || s > MAX_BUSINESS_DATE) return refuse("dateOutOfRange");
  return s;
}

/** A required business date: YYYY-MM-DD, a real calendar day, 2000-01-01 … 2100-12-31. */
export const businessDate = field<string>((s) => checkDate(s, true) as string | Refusal, "dateInvalid");

/** The same, optional: an empty field gives null. */
export const optionalBusinessDate = field<string | null>((s) => checkDate(s, false), "dateInvalid");

/** C0 and C1 control characters (tab and line breaks included: a name is one line) and DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Characters that show nothing on their own: white space, format characters (zero-width, bidi marks),
 * other default-ignorables, combining marks without a base, the braille blank.
 */
const INVISIBLE = /[\s\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/gu;

/**
 * True when every bidi embedding, override (U+202A–U+202E) and isolate (U+2066–U+2069) is closed, in
 * order, within the text: an unclosed one would reverse whatever is shown after the name.
 */
export function bidiBalanced(s: string): boolean {
  const open: string[] = [];
  for (const ch of s) {
    if (/[\u202a\u202b\u202d\u202e]/.test(ch)) open.push("\u202c");
    else if (/[\u2066-\u2068]/.test(ch)) open.push("\u2069");
    else if (ch === "\u202c" || ch === "\u2069") {
      if (open.pop() !== ch) return false;
    }
  }
  return open.length === 0;
}

/** The problem with a (trimmed, NFC) name's characters, or null. */
export function nameCharacterProblem(s: string): ValidationKey | null {
  if (CONTROL.test(s)) return "nameControlChars";
  if (!bidiBalanced(s)) return "nameBidi";
  if (s.replace(INVISIBLE, "") === "") return "nameInvisible";
  return null;
}

/**
 * A display name: NFC-normalised and trimmed, 1–200 characters, one line, with something visible and no
 * unclosed bidi control. Markup is kept as plain text; renderers escape it.
 */
export const name = field<string>((raw) => {
  const s = raw.normalize("NFC").trim();
  if (s === "") return refuse("nameRequired");
  const problem = nameCharacterProblem(s);
  if (problem) return refuse(problem);
  if (charLength(s) > NAME_MAX) return refuse("nameTooLong");
  return s;
}, "nameRequired");

/** A row id or version from a hidden field: a positive safe integer written in plain digits. */
function checkId(raw: string): number | Refusal {
  const s = raw.trim();
  if (!/^[1-9][0-9]{0,15}$/.test(s)) return refuse("invalidReference");
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : refuse("invalidReference");
}
export const id = field<number>(checkId, "invalidReference");
export const version = id;

/** A record chosen in a select (a customer, a person): "choose …" left selected is refused with `requiredKey`. */
export const reference = (requiredKey: ValidationKey) =>
  field<number>((raw) => {
    return raw.trim() === "" ? refuse(requiredKey) : checkId(raw);
  }, "invalidReference");

const emailFormat = z.email();

/** An optional e-mail address (empty gives null), at most 254 characters. */
export const optionalEmail = field<string | null>((raw) => {
  const s = raw.trim();
  if (s === "") return null;
  if (s.length > EMAIL_MAX || !emailFormat.safeParse(s).success) return refuse("emailInvalid");
  return s;
}, "emailInvalid");

/** An optional free-text note (empty gives null), at most 500 characters. */
export const optionalNote = field<string | null>((raw) => {
  const s = raw.trim();
  if (s === "") return null;
  return charLength(s) > NOTE_MAX ? refuse("noteTooLong") : s;
}, "noteTooLong");

export const product = field<Product>((raw) => {
  const s = raw.trim();
  return (PRODUCTS as readonly string[]).includes(s) ? (s as Product) : refuse("productInvalid");
}, "productInvalid");

/** An amount typed in the user's locale, as integer cents (negative for credits). */
export function amount(locale: AppLocale) {
  return field<number>((raw) => {
    const r = parseMoney(raw, locale);
    return r.ok ? r.cents : refuse(r.error);
  }, "moneyInvalid");
}

/** An exam code in any accepted spelling ("mb2714", "MB2 714"), normalised, from the rule set's catalogue. */
export function exam(ruleSet: RuleSetId) {
  return field<string>((raw) => {
    if (raw.trim() === "") return refuse("examRequired");
    const code = normaliseExamCode(raw);
    if (code === null) return refuse("examUnknown");
    return findExam(ruleSet, code)?.code ?? refuse("examUnknown");
  }, "examUnknown");
}

// ---------------------------------------------------------------------------------------------
// The forms.

const isDate = (v: unknown): v is string => typeof v === "string" && isValidDate(v);
/** Cross-field checks run even when another field failed (so all errors show at once), as long as the form is an object. */
export const alongsideFieldErrors = { when: (p: { value: unknown }) => typeof p.value === "object" && p.value !== null };

export const customerSchema = z.object({ name, dporFrom: optionalBusinessDate, dporUntil: optionalBusinessDate }).superRefine((v, ctx) => {
  if (!isDate(v.dporUntil)) return;
  if (v.dporFrom === null) ctx.addIssue({ code: "custom", message: "dporUntilWithoutFrom", path: ["dporUntil"] });
  else if (isDate(v.dporFrom) && v.dporUntil < v.dporFrom) ctx.addIssue({ code: "custom", message: "dporUntilBeforeFrom", path: ["dporUntil"] });
}, alongsideFieldErrors);

const revenueSchemas = new Map<string, ReturnType<typeof buildRevenueSchema>>();
function buildRevenueSchema(locale: AppLocale, today: string | undefined) {
  return z
    .object({ customerId: reference("customerRequired"), product, date: businessDate, amount: amount(locale), note: optionalNote })
    .superRefine(refuseAfter(today ?? MAX_BUSINESS_DATE, { date: "invoiceInFuture" }), alongsideFieldErrors)
    .transform(({ amount: amountCents, ...rest }) => ({ ...rest, amountCents }));
}
/** Revenue line; the amount is read in the user's locale and comes out as `amountCents`. With `today`, a later invoice date is refused. */
export function revenueSchema(locale: AppLocale, today?: string) {
  const key = `${locale}|${today ?? ""}`;
  let s = revenueSchemas.get(key);
  if (!s) {
    if (revenueSchemas.size > 100) revenueSchemas.clear(); // one entry per locale and day in use
    revenueSchemas.set(key, (s = buildRevenueSchema(locale, today)));
  }
  return s;
}

export const individualSchema = z.object({ name, email: optionalEmail, joinedOn: optionalBusinessDate, leftOn: optionalBusinessDate }).superRefine((v, ctx) => {
  if (isDate(v.joinedOn) && isDate(v.leftOn) && v.leftOn < v.joinedOn) ctx.addIssue({ code: "custom", message: "leftBeforeJoined", path: ["leftOn"] });
}, alongsideFieldErrors);

const examPassSchemas = new Map<string, ReturnType<typeof buildExamPassSchema>>();
function buildExamPassSchema(ruleSet: RuleSetId, today: string | undefined) {
  examCatalogue(ruleSet); // an unknown rule set is a programming error: fail here, not on every parse
  return z
    .object({ individualId: reference("personRequired"), exam: exam(ruleSet), passedOn: businessDate })
    .superRefine(refuseAfter(today ?? MAX_BUSINESS_DATE, { passedOn: "passInFuture" }), alongsideFieldErrors);
}
/** Exam pass; the exam must be in the given rule set's catalogue. With `today`, a later pass date is refused. */
export function examPassSchema(ruleSet: RuleSetId, today?: string) {
  const key = `${ruleSet}|${today ?? ""}`;
  let s = examPassSchemas.get(key);
  if (!s) {
    if (examPassSchemas.size > 100) examPassSchemas.clear();
    examPassSchemas.set(key, (s = buildExamPassSchema(ruleSet, today)));
  }
  return s;
}

/**
 * Refuses dates after `today` in the named fields, each with its own message: an invoice or an exam pass
 * is a fact of the past. (Dates that may be planned, such as a leaving date, are asked about instead.)
 * A refinement of the form's object, run alongside its field errors.
 */
function refuseAfter(today: string, fields: Partial<Record<string, ValidationKey>>) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const [f, key] of Object.entries(fields)) {
      const d = v[f];
      if (key && isDate(d) && d > today) ctx.addIssue({ code: "custom", message: key, path: [f] });
    }
  };
}

/** The named fields whose date lies after `today`, each with its warning (for asking before saving). */
export function futureDates(values: Record<string, unknown>, today: string, fields: Partial<Record<string, ValidationKey>>): Record<string, ValidationKey> {
  const out: Record<string, ValidationKey> = {};
  for (const [f, key] of Object.entries(fields)) {
    const d = values[f];
    if (key && isDate(d) && d > today) out[f] = key;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Edits and deletes carry the row id and the version the user saw (optimistic locking).

const identity = z.object({ id, version });

/** Adds { id, version } to a form schema, for updates. Errors of both parts are reported together. */
export function withIdentity<S extends z.ZodType<object>>(schema: S) {
  return z.intersection(identity, schema);
}

export const deleteSchema = identity;

/** The field a form sends again, set to "1", to save a probable duplicate anyway. */
export const CONFIRM_DUPLICATE_FIELD = "confirmDuplicate";

export const customerUpdateSchema = withIdentity(customerSchema);
export const individualUpdateSchema = withIdentity(individualSchema);
export const revenueUpdateSchema = (locale: AppLocale) => withIdentity(revenueSchema(locale));
export const examPassUpdateSchema = (ruleSet: RuleSetId) => withIdentity(examPassSchema(ruleSet));

export type CustomerInput = z.output<typeof customerSchema>;
export type RevenueInput = z.output<ReturnType<typeof revenueSchema>>;
export type IndividualInput = z.output<typeof individualSchema>;
export type ExamPassInput = z.output<ReturnType<typeof examPassSchema>>;
export type Identity = z.output<typeof deleteSchema>;

// ---------------------------------------------------------------------------------------------
// Running a schema on a submitted form.

/** The form-level entry in `fieldErrors` (an issue that belongs to no field). */
export const FORM_ERROR_FIELD = "_form";

/** First message key per field ("a.b" for nested paths, "_form" for the whole form). Unknown messages become "genericError". */
export function fieldErrors(error: z.ZodError, known: ReadonlySet<string> = KNOWN_KEYS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : FORM_ERROR_FIELD;
    if (field in out) continue;
    out[field] = known.has(issue.message) ? issue.message : "genericError";
  }
  return out;
}

export type FormInput = FormData | URLSearchParams | Readonly<Record<string, unknown>>;
export type ParseFormResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> };

/** The submitted strings (first value per name; files and non-strings are ignored). */
export function formValues(input: FormInput): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: unknown) => {
    if (typeof v === "string" && k !== "__proto__" && !Object.prototype.hasOwnProperty.call(out, k)) out[k] = v;
  };
  if (typeof FormData !== "undefined" && input instanceof FormData) for (const [k, v] of input.entries()) put(k, v);
  else if (input instanceof URLSearchParams) for (const [k, v] of input.entries()) put(k, v);
  else if (input && typeof input === "object") for (const k of Object.keys(input)) put(k, (input as Record<string, unknown>)[k]);
  return out;
}

/**
 * Validates a submitted form. On success `data` holds only the schema's fields (extras are dropped);
 * on failure `fieldErrors` maps field names to message keys and `values` echoes what was typed,
 * so the form can be shown again as the user left it.
 */
export function parseForm<S extends z.ZodType>(schema: S, input: FormInput, known?: ReadonlySet<string>): ParseFormResult<z.output<S>> {
  const values = formValues(input);
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  const errors = fieldErrors(r.error, known);
  if (Object.keys(errors).length === 0) errors[FORM_ERROR_FIELD] = "genericError";
  return { ok: false, fieldErrors: errors, values };
}
