"use server";
// A signed-in user changes their own password (required after a temporary one). The user comes from
// the session, never from the form; the current password is checked and wrong ones are throttled.
import { redirect } from "next/navigation";
import { currentSessionId, requireUserAllowingPasswordChange } from "@/lib/server/auth/session";
import { guardedCheck } from "@/lib/server/auth/throttle";
import { changeOwnPassword } from "@/db/manage";
import { parseForm } from "@/lib/validation/facts";
import { changePasswordSchema } from "@/lib/validation/manager";

export interface PasswordState {
  status: "idle" | "saved" | "error";
  message?: string;
  fieldErrors?: Record<string, string>;
  seconds?: number;
  nonce: number;
}

export async function changePasswordAction(_prev: PasswordState, formData: FormData): Promise<PasswordState> {
  const user = await requireUserAllowingPasswordChange();
  const parsed = parseForm(changePasswordSchema, formData);
  if (!parsed.ok) return { status: "error", message: "fixErrors", fieldErrors: parsed.fieldErrors, nonce: Date.now() };
  const keep = await currentSessionId();
  const r = await guardedCheck({ password: user.id }, () => changeOwnPassword(user.id, user.email, parsed.data.current, parsed.data.next, keep), (ok) => ok);
  if (r.kind !== "checked") return { status: "error", message: r.kind, seconds: r.kind === "throttled" ? r.seconds : undefined, nonce: Date.now() };
  if (!r.right) return { status: "error", message: "fixErrors", fieldErrors: { current: "passwordWrong" }, nonce: Date.now() };
  if (user.mustChangePassword) redirect("/");
  return { status: "saved", message: "saved", nonce: Date.now() };
}
