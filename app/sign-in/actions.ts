"use server";
// Public by design: this is where a session starts. It checks credentials on the server and never
// says whether the email exists.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { checkCredentials } from "@/db/users";
import { startSession } from "@/lib/auth/session";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { signInSchema } from "@/lib/validation/sign-in";

export interface SignInState {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
  email?: string;
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email") ?? "", password: formData.get("password") ?? "" });
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")).slice(0, 320) : "";
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as "email" | "password";
      fieldErrors[key] ??= issue.message;
    }
    return { fieldErrors, email };
  }
  const user = await checkCredentials(parsed.data.email, parsed.data.password);
  if (!user) return { error: "invalid", email };
  await startSession(user);
  if (user.locale) (await cookies()).set(LOCALE_COOKIE, user.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  redirect("/");
}
