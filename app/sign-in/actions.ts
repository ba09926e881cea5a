"use server";
// Public by design: this is where a session starts. It checks credentials on the server, never says
// whether the email exists, takes an attempt before every password check (per account and per address,
// lib/server/auth/throttle.ts), and sends channel managers on to their second factor.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { action, notChecked } from "@/lib/server/action";
import { checkCredentials } from "@/db/users";
import { isTotpEnabled, needsSecondFactor, verifySecondFactor } from "@/db/mfa";
import { startSession } from "@/lib/server/auth/session";
import { guardedCheck } from "@/lib/server/auth/throttle";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { CODE_KEYS, SIGN_IN_KEYS, codeSchema, signInSchema } from "@/lib/validation/sign-in";

export const signInAction = action({
  access: "public",
  schema: signInSchema,
  keys: SIGN_IN_KEYS,
  echo: ["email"],
  run: async (d) => {
    const r = await guardedCheck(
      { signIn: d.email },
      () => checkCredentials(d.email, d.password),
      (u) => u !== null,
    );
    if (r.kind !== "checked") return notChecked(r);
    const user = r.value;
    if (!user) return { status: "error", message: "invalid" };
    if (user.locale) (await cookies()).set(LOCALE_COOKIE, user.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
    if (needsSecondFactor(user.role)) {
      await startSession(user, { mfaPending: true });
      redirect(isTotpEnabled(user.id) ? "/sign-in/verify" : "/account/two-factor");
    }
    await startSession(user);
    redirect("/");
  },
});

/** Second step for users with a second factor: a TOTP code (once) or an unused recovery code. */
export const verifySecondFactorAction = action({
  access: "pending-second-factor",
  schema: codeSchema,
  keys: CODE_KEYS,
  echo: [],
  run: async ({ code }, { user }) => {
    const r = await guardedCheck(
      { secondFactor: user.id },
      () => verifySecondFactor(user.id, code),
      (v) => v === "ok",
    );
    if (r.kind !== "checked") return notChecked(r);
    if (r.value !== "ok") return { status: "error", fieldErrors: { code: r.value } };
    await startSession(user); // a new token for the full session
    redirect("/");
  },
});
