"use server";
// Forgotten passwords (public by design, like signing in). Asking for a link answers the same whether
// or not the address has an account, and is throttled per address; the link's token works once, for 30
// minutes, and sets a new password that ends every session of the account.
import { headers } from "next/headers";
import { action } from "@/lib/server/action";
import { forgotSchema, LOOP_KEYS, resetPasswordSchema } from "@/lib/validation/review";
import { createPasswordResetToken, resetPasswordWithToken } from "@/db/accounts";
import { takeAttempt, type ThrottleKey } from "@/db/throttle";
import { clientAddress } from "@/lib/server/auth/client-address";
import { appUrl, mailEnabled, sendMail } from "@/lib/server/mail";
import { sendResetLink } from "@/lib/server/password-reset-mail";

export const requestPasswordResetAction = action({
  access: "public",
  schema: forgotSchema,
  keys: LOOP_KEYS,
  echo: ["email"],
  run: async (d) => {
    if (!mailEnabled()) return { status: "error", message: "mailOff" };
    // Every request counts against the address (its own key, not the sign-in failures'): 10 free, then slower.
    const keys: ThrottleKey[] = [`address:reset-${clientAddress(await headers())}`];
    // Taken in one transaction before anything else, so parallel requests cannot all pass the check.
    const taken = takeAttempt(keys);
    if (!taken.ok) return { status: "error", message: "throttled", messageValues: { seconds: Math.max(1, Math.ceil(taken.waitMs / 1000)) } };
    const link = createPasswordResetToken(d.email);
    // Sent in the background: the answer takes the same time and says the same whether or not it exists.
    if (link) void sendResetLink(link, `${appUrl()}/sign-in/reset?token=${encodeURIComponent(link.token)}`, sendMail);
    return { status: "saved", message: "resetSent" };
  },
});

export const resetPasswordAction = action({
  access: "public",
  schema: resetPasswordSchema,
  keys: LOOP_KEYS,
  echo: [],
  run: async (d) => {
    const r = await resetPasswordWithToken(d.token, d.next);
    return r ? { status: "saved", message: "saved" } : { status: "error", message: "linkInvalid" };
  },
});
