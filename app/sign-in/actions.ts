"use server";
// Public by design: this is where a session starts. It checks credentials on the server, never says
// whether the email exists, slows down repeated failures per account and per address, and sends
// channel managers on to their second factor.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { checkCredentials } from "@/db/users";
import { isTotpEnabled, needsSecondFactor, verifySecondFactor } from "@/db/mfa";
import { requirePendingSecondFactor, startSession } from "@/lib/server/auth/session";
import { guardedCheck } from "@/lib/server/auth/throttle";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { signInSchema } from "@/lib/validation/sign-in";

export interface SignInState {
  error?: string;
  seconds?: number;
  fieldErrors?: Partial<Record<"email" | "password" | "code", string>>;
  email?: string;
}

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
  const r = await guardedCheck({ signIn: parsed.data.email }, () => checkCredentials(parsed.data.email, parsed.data.password), (u) => u !== null);
  if (r.kind !== "checked") return { error: r.kind, seconds: r.kind === "throttled" ? r.seconds : undefined, email };
  const user = r.value;
  if (!user) return { error: "invalid", email };
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
  const r = await guardedCheck({ secondFactor: user.id }, () => verifySecondFactor(user.id, code), (v) => v === "ok");
  if (r.kind !== "checked") return { error: r.kind, seconds: r.kind === "throttled" ? r.seconds : undefined };
  if (r.value !== "ok") return { fieldErrors: { code: r.value } };
  await startSession(user); // a new token for the full session
  redirect("/");
}
