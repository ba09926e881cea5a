"use server";
// Enrolment of the second factor. Only a channel manager's own session (pending or full) may enrol,
// and only for itself: the user id comes from the session, never from the form.
import { action } from "@/lib/server/action";
import { completeTotpEnrolment } from "@/db/mfa";
import { startSession } from "@/lib/server/auth/session";
import { CODE_KEYS, codeSchema } from "@/lib/validation/sign-in";

export const enrolTotpAction = action({
  access: "second-factor-enrolment",
  schema: codeSchema,
  keys: CODE_KEYS,
  echo: [],
  run: async ({ code }, { user: session }) => {
    const codes = await completeTotpEnrolment(session.id, code);
    if (!codes) return { status: "error", fieldErrors: { code: "codeInvalid" } };
    const { mfaPending: _p, ...user } = session;
    await startSession(user); // the second factor is done: a full session with a new token
    return { status: "saved", codes };
  },
});
