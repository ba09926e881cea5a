import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { createSession, deleteSession, getSessionUser } from "@/db/sessions";
import type { PublicUser } from "@/db/users";

export type { PublicUser };

const PLAIN_COOKIE = "session";
const HOST_COOKIE = "__Host-session";

/** True when the request reached us over https (directly or through a proxy that says so). */
export async function isHttps(): Promise<boolean> {
  const h = await headers();
  return h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

async function readToken(): Promise<string | null> {
  const jar = await cookies();
  return jar.get(HOST_COOKIE)?.value ?? jar.get(PLAIN_COOKIE)?.value ?? null;
}

/** The signed-in user of this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<PublicUser | null> => {
  const token = await readToken();
  return token ? getSessionUser(token) : null;
});

/** The signed-in user; anyone else is sent to the sign-in page. */
export async function requireUser(): Promise<PublicUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** A channel manager; a partner admin gets 403. */
export async function requireChannelManager(): Promise<PublicUser> {
  const user = await requireUser();
  if (user.role !== "channel_manager") forbidden();
  return user;
}

/** A user allowed to touch this partner: any channel manager, or that partner's own admin. Others get 403. */
export async function requirePartnerAccess(partnerId: number): Promise<PublicUser> {
  const user = await requireUser();
  if (!Number.isSafeInteger(partnerId) || partnerId <= 0) forbidden();
  if (user.role === "channel_manager") return user;
  if (user.role === "partner_admin" && user.partnerId === partnerId) return user;
  forbidden();
}

/** Starts a new session (always a new token) and sets its cookie. Call from a server action. */
export async function startSession(user: PublicUser): Promise<void> {
  const jar = await cookies();
  const old = await readToken();
  if (old) deleteSession(old, null);
  const { token, expiresAtMs } = createSession(user.id);
  const secure = await isHttps();
  jar.delete(PLAIN_COOKIE);
  jar.set(secure ? HOST_COOKIE : PLAIN_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: new Date(expiresAtMs),
  });
}

/** Ends the session on the server and clears the cookie. */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  const token = await readToken();
  if (token) deleteSession(token, await getCurrentUser());
  jar.delete(PLAIN_COOKIE);
  jar.delete({ name: HOST_COOKIE, path: "/", secure: true });
}

/** The partner's own admin: the only role that enters a partner's facts (channel managers review them read-only). */
export async function requirePartnerAdmin(partnerId: number): Promise<PublicUser> {
  const user = await requirePartnerAccess(partnerId);
  if (user.role !== "partner_admin") forbidden();
  return user;
}
