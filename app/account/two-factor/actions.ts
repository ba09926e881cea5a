"use server";
// Enrolment of the second factor. Only a channel manager's own session (pending or full) may enrol,
// and only for itself: the user id comes from the session, never from the form. Wrong codes are
// throttled like every other secret check.
import { action, notChecked } from "@/lib/server/action";
import { completeTotpEnrolment } from "@/db/mfa";
import { startSession } from "@/lib/server/auth/session";
import { guardedCheck } from "@/lib/server/auth/throttle";
import { CODE_KEYS, codeSchema } from "@/lib/validation/sign-in";

export const enrolTotpAction = action({
  access: "second-factor-enrolment",
  schema: codeSchema,
  keys: CODE_KEYS,
  echo: [],
  run: async ({ code }, { user: session }) => {
    const r = await guardedCheck(
      { secondFactor: session.id },
      () => completeTotpEnrolment(session.id, code),
      (v) => v.ok,
    );
    if (r.kind !== "checked") return notChecked(r);
    if (!r.value.ok) return { status: "error", fieldErrors: { code: r.value.error } };
    const { mfaPending: _p, ...user } = session;
    await startSession(user); // the second factor is done: a full session with a new token
    return { status: "saved", codes: r.value.codes };
  },
});
