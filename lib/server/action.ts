import "server-only";
// The one way to write a server action: authorise → validate (zod) → run → refresh → revalidate, and
// answer with the one ActionState shape. An `actions.ts` file is a list of `action({...})` calls.
//
// - `access` names who may call it; the check runs on the server before anything is read or parsed.
//   Partner-scoped actions take the partner id as their first (bound) argument and check it.
// - `schema` is a zod schema (or built from the caller's locale / the partner) run on the form's strings;
//   a refusal answers with a message key per field and echoes what was typed (never secrets).
// - `run` does the work through db/ (which writes the audit row in the same transaction) and returns
//   the answer; a redirect, notFound or forbidden thrown inside passes through untouched.
// - After a success, a partner-scoped action refreshes the partner's stored evaluation and the paths
//   in `revalidate` are revalidated.
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { CONFIRM_FIELD, type ActionState } from "@/lib/action-state";
import { asLocale, type AppLocale } from "@/lib/i18n/config";
import { CONFIRM_DUPLICATE_FIELD, formValues, parseForm, type ValidationKey } from "@/lib/validation/facts";
import {
  requireAnySession,
  requireChannelManager,
  requirePartnerAccess,
  requirePartnerAdmin,
  requirePendingSecondFactor,
  requireSecondFactorEnrolment,
  requireUser,
  requireUserAllowingPasswordChange,
} from "@/lib/server/auth/session";
import type { SessionUser } from "@/db/sessions";
import type { PublicUser } from "@/db/users";
import { afterPartnerWrite } from "@/lib/server/stored-evaluations";
import { kickMailer } from "@/lib/server/notifications";

/** Who may call an action that is not bound to a partner. */
export type Access =
  | "public" // choosing a language, signing in
  | "pending-second-factor" // the second step of signing in
  | "second-factor-enrolment" // a channel manager's own session, pending or full
  | "signed-in" // any signed-in user, even one who must still replace a temporary password
  | "any-session" // any session, even one still waiting for its second factor (signing out)
  | "user" // any signed-in user with a full session and a password of their own
  | "channel-manager";
/** Who may call an action bound to a partner id. */
export type PartnerAccess = "partner-admin" | "channel-manager";

type UserFor<A> = A extends "public" ? null : A extends "second-factor-enrolment" | "any-session" ? SessionUser : PublicUser;

export interface ActionContext<U> {
  user: U;
  locale: AppLocale;
  formData: FormData;
}
export interface PartnerActionContext<U> extends ActionContext<U> {
  partnerId: number;
}

/** What `run` answers: an ActionState without the nonce (the wrapper sets it). */
export type Answer = Omit<ActionState, "nonce">;

type SchemaSpec<C> = z.ZodType | ((ctx: C) => z.ZodType | null | Promise<z.ZodType | null>);
type Input<S> = S extends z.ZodType ? z.output<S> : S extends (...a: never[]) => infer R ? z.output<Extract<Awaited<R>, z.ZodType>> : never;

interface Spec<C, S extends SchemaSpec<C>> {
  schema: S;
  run: (input: Input<S>, ctx: C) => Promise<Answer> | Answer;
  /** Which of the typed values to send back after a refusal: all (default) or only these. */
  echo?: "all" | readonly string[];
  /** The message keys the schema may answer with, when not the "validation" ones. */
  keys?: ReadonlySet<string>;
  /** Paths to revalidate after a success ("/" with `layout` revalidates every page). */
  revalidate?: (ctx: C) => (string | { path: string; type: "layout" | "page" })[];
}

let counter = 0;
/** A fresh nonce for every answer (unique within the process, increasing). */
const nonce = () => Date.now() * 1000 + (counter = (counter + 1) % 1000);

const MAX_ECHO = 2000;
function echoed(formData: FormData, echo: "all" | readonly string[] = "all"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(formValues(formData))) {
    if (k.startsWith("$") || (echo !== "all" && !echo.includes(k))) continue;
    out[k] = v.slice(0, MAX_ECHO);
  }
  return out;
}

async function currentLocale(): Promise<AppLocale> {
  const l = await getLocale();
  return asLocale(l);
}

async function authorise(access: Access): Promise<PublicUser | SessionUser | null> {
  switch (access) {
    case "public":
      return null;
    case "pending-second-factor":
      return requirePendingSecondFactor();
    case "second-factor-enrolment":
      return requireSecondFactorEnrolment();
    case "signed-in":
      return requireUserAllowingPasswordChange();
    case "any-session":
      return requireAnySession();
    case "user":
      return requireUser();
    case "channel-manager":
      return requireChannelManager();
  }
}

async function authorisePartner(access: PartnerAccess, partnerId: number): Promise<PublicUser> {
  if (access === "partner-admin") return requirePartnerAdmin(partnerId);
  await requireChannelManager();
  return requirePartnerAccess(partnerId);
}

/** The shared middle: validate, run, refresh, revalidate, answer. Authorisation has happened. */
async function execute<C extends ActionContext<unknown>, S extends SchemaSpec<C>>(spec: Spec<C, S>, ctx: C, partnerId: number | null): Promise<ActionState> {
  try {
    const schema = typeof spec.schema === "function" ? await (spec.schema as (c: C) => z.ZodType | null)(ctx) : (spec.schema as z.ZodType);
    if (!schema) return { status: "error", message: "notFound", nonce: nonce() };
    const parsed = parseForm(schema, ctx.formData, spec.keys);
    if (!parsed.ok) {
      const message = spec.keys ? undefined : "fixErrors";
      return { status: "error", message, fieldErrors: parsed.fieldErrors, values: echoed(ctx.formData, spec.echo), nonce: nonce() };
    }
    const answer = await spec.run(parsed.data as Input<S>, ctx);
    if (answer.status === "error") {
      return { values: echoed(ctx.formData, spec.echo), ...answer, nonce: nonce() };
    }
    if (partnerId !== null) afterPartnerWrite(partnerId);
    for (const p of spec.revalidate?.(ctx) ?? []) {
      if (typeof p === "string") revalidatePath(p);
      else revalidatePath(p.path, p.type);
    }
    kickMailer(); // a success may have written notifications: their e-mails go out in the background

    return { ...answer, nonce: nonce() };
  } catch (err) {
    unstable_rethrow(err); // redirect(), notFound(), forbidden() and Next's own signals
    console.error("server action failed:", err instanceof Error ? err.message : err);
    return { status: "error", message: "genericError", nonce: nonce() };
  }
}

/** The answer to a db/ write that reports `{ ok }` or `{ ok: false, error }` (the error is a message key). */
export function savedOr(r: { ok: true } | { ok: false; error: string }): Answer {
  return r.ok ? { status: "saved", message: "saved" } : { status: "error", message: r.error };
}

/** The answer when a guarded secret check was not made: too many attempts (wait), or too many at once. */
export function notChecked(r: { kind: "throttled"; seconds: number } | { kind: "busy" }): Answer {
  return r.kind === "throttled" ? { status: "error", message: "throttled", messageValues: { seconds: r.seconds } } : { status: "error", message: "busy" };
}

/**
 * Asks before saving a value that is possible but unusual (a date in the future, a very large amount, a
 * name already in use): answers with the warnings per field and nothing saved, unless the form was sent
 * with the confirmation (the "save anyway" button). Null when there is nothing to ask: go on and save.
 */
export function askFirst(
  ctx: ActionContext<unknown>,
  warnings: Record<string, ValidationKey | null | undefined>,
  values?: Record<string, string | number>,
): Answer | null {
  const asked = Object.fromEntries(Object.entries(warnings).filter((e): e is [string, ValidationKey] => !!e[1]));
  if (Object.keys(asked).length === 0 || ctx.formData.get(CONFIRM_FIELD) === "1") return null;
  return { status: "error", message: "confirmNeeded", fieldErrors: asked, messageValues: values, needsConfirmation: true, confirmed: confirmationsGiven(ctx) };
}

/** The "save anyway" confirmations this submission carries (of unusual values, of probable duplicates). */
export function confirmationsGiven(ctx: ActionContext<unknown>): string[] {
  return [CONFIRM_FIELD, CONFIRM_DUPLICATE_FIELD].filter((k) => ctx.formData.get(k) === "1");
}

/** A forged call (no form data where the browser always sends it) is answered, not thrown. */
const malformed = (): ActionState => ({ status: "error", message: "genericError", nonce: nonce() });
const isForm = (v: unknown): v is FormData => typeof FormData !== "undefined" && v instanceof FormData;

/** An action used with `useActionState`: `(previous state, form data) → state`. */
export function action<A extends Access, S extends SchemaSpec<ActionContext<UserFor<A>>>>(
  spec: { access: A } & Spec<ActionContext<UserFor<A>>, S>,
): (prev: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_prev, formData) => {
    const user = (await authorise(spec.access)) as UserFor<A>;
    if (!isForm(formData)) return malformed();
    return execute(spec, { user, locale: await currentLocale(), formData }, null);
  };
}

/** An action bound to a partner: `(partner id, previous state, form data) → state`; the id is checked first. */
export function partnerAction<S extends SchemaSpec<PartnerActionContext<PublicUser>>>(
  spec: { access: PartnerAccess; refreshesEvaluation?: boolean } & Spec<PartnerActionContext<PublicUser>, S>,
): (partnerId: number, prev: ActionState, formData: FormData) => Promise<ActionState> {
  return async (partnerId, _prev, formData) => {
    const user = await authorisePartner(spec.access, partnerId);
    if (!isForm(formData)) return malformed();
    const ctx = { user, partnerId, locale: await currentLocale(), formData };
    return execute(spec, ctx, spec.refreshesEvaluation === false ? null : partnerId);
  };
}

/** A plain form action (no state shown, e.g. a button in the header): `(form data) → nothing`. */
export function formAction<A extends Access, S extends SchemaSpec<ActionContext<UserFor<A>>>>(
  spec: { access: A } & Spec<ActionContext<UserFor<A>>, S>,
): (formData: FormData) => Promise<void> {
  const run = action(spec);
  return async (formData) => {
    await run({ status: "idle", nonce: 0 }, isForm(formData) ? formData : (undefined as unknown as FormData));
  };
}
