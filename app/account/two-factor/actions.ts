"use server";
// Enrolment of the second factor. Only a channel manager's own session (pending or full) may enrol,
// and only for itself: the user id comes from the session, never from the form.
import { completeTotpEnrolment } from "@/db/mfa";
import { requireSecondFactorEnrolment, startSession } from "@/lib/server/auth/session";
import { guardedCheck } from "@/lib/server/auth/throttle";

export interface EnrolState { codes?: string[]; error?: string; seconds?: number; nonce: number }

export async function enrolTotpAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const session = await requireSecondFactorEnrolment();
  const code = String(formData.get("code") ?? "").slice(0, 64);
  if (!code.trim()) return { error: "codeRequired", nonce: Date.now() };
  const r = await guardedCheck({ secondFactor: session.id }, () => completeTotpEnrolment(session.id, code), (v) => v.ok);
  if (r.kind !== "checked") return { error: r.kind, seconds: r.kind === "throttled" ? r.seconds : undefined, nonce: Date.now() };
  if (!r.value.ok) return { error: r.value.error, nonce: Date.now() };
  const codes = r.value.codes;
  const { mfaPending: _p, ...user } = session;
  await startSession(user); // the second factor is done: a full session with a new token
  return { codes, nonce: Date.now() };
}
