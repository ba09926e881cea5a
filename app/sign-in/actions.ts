"use server";
// Public by design: this is where a session starts. It checks credentials on the server, never says
// whether the email exists, slows down repeated failures per account and per address, and sends
// channel managers on to their second factor.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { action } from "@/lib/server/action";
import { checkCredentials, normaliseEmail } from "@/db/users";
import { clearFailures, recordFailure, throttleWaitMs, type ThrottleKey } from "@/db/throttle";
import { isTotpEnabled, needsSecondFactor, verifySecondFactor } from "@/db/mfa";
import { startSession } from "@/lib/server/auth/session";
import { clientAddress } from "@/lib/server/auth/client-address";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { CODE_KEYS, SIGN_IN_KEYS, codeSchema, signInSchema } from "@/lib/validation/sign-in";

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export const signInAction = action({
  access: "public",
  schema: signInSchema,
  keys: SIGN_IN_KEYS,
  echo: ["email"],
  run: async (d) => {
    const keys: ThrottleKey[] = [`account:${normaliseEmail(d.email)}`, `address:${clientAddress(await headers())}`];
    const wait = throttleWaitMs(keys);
    if (wait > 0) return { status: "error", message: "throttled", messageValues: { seconds: seconds(wait) } };

    const user = await checkCredentials(d.email, d.password);
    if (!user) {
      recordFailure(keys);
      return { status: "error", message: "invalid" };
    }
    clearFailures([keys[0]!]);
    if (user.locale) (await cookies()).set(LOCALE_COOKIE, user.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
    if (needsSecondFactor(user.role)) {
      await startSession(user, { mfaPending: true });
      redirect(isTotpEnabled(user.id) ? "/sign-in/verify" : "/account/two-factor");
    }
    await startSession(user);
    redirect("/");
  },
});

/** Second step for users with a second factor: a TOTP code or an unused recovery code. */
export const verifySecondFactorAction = action({
  access: "pending-second-factor",
  schema: codeSchema,
  keys: CODE_KEYS,
  echo: [],
  run: async ({ code }, { user }) => {
    const keys: ThrottleKey[] = [`account:mfa-${user.id}`, `address:${clientAddress(await headers())}`];
    const wait = throttleWaitMs(keys);
    if (wait > 0) return { status: "error", message: "throttled", messageValues: { seconds: seconds(wait) } };
    if (!(await verifySecondFactor(user.id, code))) {
      recordFailure(keys);
      return { status: "error", fieldErrors: { code: "codeInvalid" } };
    }
    clearFailures([keys[0]!]);
    await startSession(user); // a new token for the full session
    redirect("/");
  },
});
