"use server";
// Session and preference actions. signOut takes any session (a full one, or one still waiting for its
// second factor); setLocale is open to anyone (choosing a language is allowed before sign-in) and only
// writes the caller's own user row.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/server/action";
import { endSession, getCurrentUser } from "@/lib/server/auth/session";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/config";
import { setUserLocale } from "@/db/users";

export const signOutAction = formAction({
  access: "any-session",
  schema: z.object({}),
  run: async () => {
    await endSession();
    redirect("/sign-in");
  },
});

export const setLocaleAction = formAction({
  access: "public",
  schema: z.object({ locale: z.enum(LOCALES) }),
  run: async ({ locale }) => {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", httpOnly: false, maxAge: 60 * 60 * 24 * 365 });
    const user = await getCurrentUser();
    if (user) setUserLocale(user.id, locale);
    return { status: "saved" };
  },
  revalidate: () => [{ path: "/", type: "layout" }],
});
