"use server";
// A signed-in user changes their own password (required after a temporary one). The user comes from
// the session, never from the form; the current password is checked and wrong ones are throttled.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentSessionId, requireUserAllowingPasswordChange } from "@/lib/server/auth/session";
import { clientAddress } from "@/lib/server/auth/client-address";
import { changeOwnPassword } from "@/db/manage";
import { clearFailures, recordFailure, throttleWaitMs, type ThrottleKey } from "@/db/throttle";
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
  const keys: ThrottleKey[] = [`account:password-${user.id}`, `address:${clientAddress(await headers())}`];
  const wait = throttleWaitMs(keys);
  if (wait > 0) return { status: "error", message: "throttled", seconds: Math.ceil(wait / 1000), nonce: Date.now() };
  const ok = await changeOwnPassword(user.id, user.email, parsed.data.current, parsed.data.next, await currentSessionId());
  if (!ok) {
    recordFailure(keys);
    return { status: "error", message: "fixErrors", fieldErrors: { current: "passwordWrong" }, nonce: Date.now() };
  }
  clearFailures([keys[0]]);
  if (user.mustChangePassword) redirect("/");
  return { status: "saved", message: "saved", nonce: Date.now() };
}
