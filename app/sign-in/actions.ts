"use server";
// Public by design: this is where a session starts. It checks credentials on the server, never says
// whether the email exists, slows down repeated failures per account and per address, and sends
// channel managers on to their second factor.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkCredentials, normaliseEmail } from "@/db/users";
import { clearFailures, recordFailure, throttleWaitMs, type ThrottleKey } from "@/db/throttle";
import { isTotpEnabled, needsSecondFactor, verifySecondFactor } from "@/db/mfa";
import { requirePendingSecondFactor, startSession } from "@/lib/server/auth/session";
import { clientAddress } from "@/lib/server/auth/client-address";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { signInSchema } from "@/lib/validation/sign-in";

export interface SignInState {
  error?: string;
  seconds?: number;
  fieldErrors?: Partial<Record<"email" | "password" | "code", string>>;
  email?: string;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const rawEmail = formData.get("email");
  const email = typeof rawEmail === "string" ? rawEmail.slice(0, 320) : "";
  const parsed = signInSchema.safeParse({ email: rawEmail ?? "", password: formData.get("password") ?? "" });
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as "email" | "password";
      fieldErrors[key] ??= issue.message;
    }
    return { fieldErrors, email };
  }
  const keys: ThrottleKey[] = [`account:${normaliseEmail(parsed.data.email)}`, `address:${clientAddress(await headers())}`];
  const wait = throttleWaitMs(keys);
  if (wait > 0) return { error: "throttled", seconds: seconds(wait), email };

  const user = await checkCredentials(parsed.data.email, parsed.data.password);
  if (!user) {
    recordFailure(keys);
    return { error: "invalid", email };
  }
  clearFailures([keys[0]]);
  if (user.locale) (await cookies()).set(LOCALE_COOKIE, user.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  if (needsSecondFactor(user.role)) {
    await startSession(user, { mfaPending: true });
    redirect(isTotpEnabled(user.id) ? "/sign-in/verify" : "/account/two-factor");
  }
  await startSession(user);
  redirect("/");
}

/** Second step for users with a second factor: a TOTP code or an unused recovery code. */
export async function verifySecondFactorAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const user = await requirePendingSecondFactor();
  const code = String(formData.get("code") ?? "").slice(0, 64);
  if (!code.trim()) return { fieldErrors: { code: "codeRequired" } };
  const keys: ThrottleKey[] = [`account:mfa-${user.id}`, `address:${clientAddress(await headers())}`];
  const wait = throttleWaitMs(keys);
  if (wait > 0) return { error: "throttled", seconds: seconds(wait) };
  if (!(await verifySecondFactor(user.id, code))) {
    recordFailure(keys);
    return { fieldErrors: { code: "codeInvalid" } };
  }
  clearFailures([keys[0]]);
  await startSession(user); // a new token for the full session
  redirect("/");
}
