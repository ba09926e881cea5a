import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { createSession, deleteSession, getSessionUser, hashToken, type SessionUser } from "@/db/sessions";
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

/** This request's session (full or waiting for its second factor), or null. Cached per request. */
export const getCurrentSession = cache(async (): Promise<SessionUser | null> => {
  const token = await readToken();
  return token ? getSessionUser(token) : null;
});

/** The fully signed-in user of this request (second factor done where required), or null. */
export async function getCurrentUser(): Promise<PublicUser | null> {
  const s = await getCurrentSession();
  if (!s || s.mfaPending) return null;
  const { mfaPending: _pending, ...user } = s;
  return user;
}

/**
 * The signed-in user, even one who must still replace a temporary password: only the password page
 * and sign-out take this. Anyone else is sent to the sign-in page (or to finish their second factor).
 */
export async function requireUserAllowingPasswordChange(): Promise<PublicUser> {
  const s = await getCurrentSession();
  if (s?.mfaPending) redirect("/sign-in/verify");
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** The signed-in user; a user with a temporary password is sent to change it first. */
export async function requireUser(): Promise<PublicUser> {
  const user = await requireUserAllowingPasswordChange();
  if (user.mustChangePassword) redirect("/account/password");
  return user;
}

/** Any session of this request, full or waiting for its second factor (sign-out takes this); else to the sign-in page. */
export async function requireAnySession(): Promise<SessionUser> {
  const s = await getCurrentSession();
  if (!s) redirect("/sign-in");
  return s;
}

/** The stored id of this request's session (the hash of its token), or null. */
export async function currentSessionId(): Promise<string | null> {
  const token = await readToken();
  return token ? hashToken(token) : null;
}

/** A session whose password is checked but whose second factor is not: only the second-factor pages take it. */
export async function requirePendingSecondFactor(): Promise<PublicUser> {
  const s = await getCurrentSession();
  if (!s) redirect("/sign-in");
  if (!s.mfaPending) redirect("/");
  const { mfaPending: _pending, ...user } = s;
  return user;
}

/**
 * A channel manager's own session, pending or full, for enrolling the second factor: anyone without a
 * session goes to sign-in, anyone else gets 403.
 */
export async function requireSecondFactorEnrolment(): Promise<SessionUser> {
  const s = await getCurrentSession();
  if (!s) redirect("/sign-in");
  if (s.role !== "channel_manager") forbidden();
  return s;
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
export async function startSession(user: PublicUser, opts: { mfaPending?: boolean } = {}): Promise<void> {
  const jar = await cookies();
  const old = await readToken();
  if (old) deleteSession(old, null);
  const { token, expiresAtMs } = createSession(user.id, opts);
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
  if (token) deleteSession(token, await getCurrentSession());
  jar.delete(PLAIN_COOKIE);
  jar.delete({ name: HOST_COOKIE, path: "/", secure: true });
}

/** The partner's own admin: the only role that enters a partner's facts (channel managers review them read-only). */
export async function requirePartnerAdmin(partnerId: number): Promise<PublicUser> {
  const user = await requirePartnerAccess(partnerId);
  if (user.role !== "partner_admin") forbidden();
  return user;
}
