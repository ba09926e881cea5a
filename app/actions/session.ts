"use server";
// Session and preference actions. signOut requires a session (a full one, or one still waiting for its
// second factor); setLocale is open to anyone
// (choosing a language is allowed before sign-in) and only writes the caller's own user row.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { endSession, getCurrentUser, requireAnySession } from "@/lib/server/auth/session";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { setUserLocale } from "@/db/users";

export async function signOutAction(): Promise<void> {
  await requireAnySession();
  await endSession();
  redirect("/sign-in");
}

export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData instanceof FormData ? formData.get("locale") : null;
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", httpOnly: false, maxAge: 60 * 60 * 24 * 365 });
  const user = await getCurrentUser();
  if (user) setUserLocale(user.id, locale);
  revalidatePath("/", "layout");
}
