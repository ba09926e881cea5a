"use server";
// A signed-in user changes their own password (required after a temporary one). The user comes from
// the session, never from the form; the current password is checked and wrong ones are throttled.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { action } from "@/lib/server/action";
import { currentSessionId } from "@/lib/server/auth/session";
import { clientAddress } from "@/lib/server/auth/client-address";
import { changeOwnPassword } from "@/db/manage";
import { clearFailures, recordFailure, throttleWaitMs, type ThrottleKey } from "@/db/throttle";
import { changePasswordSchema } from "@/lib/validation/manager";
import { FLASH_COOKIE } from "@/lib/action-state";

export const changePasswordAction = action({
  access: "signed-in",
  schema: changePasswordSchema,
  echo: [], // passwords are never sent back
  run: async (d, { user }) => {
    const keys: ThrottleKey[] = [`account:password-${user.id}`, `address:${clientAddress(await headers())}`];
    const wait = throttleWaitMs(keys);
    if (wait > 0) return { status: "error", message: "throttled", messageValues: { seconds: Math.ceil(wait / 1000) } };
    const ok = await changeOwnPassword(user.id, user.email, d.current, d.next, await currentSessionId());
    if (!ok) {
      recordFailure(keys);
      return { status: "error", message: "fixErrors", fieldErrors: { current: "passwordWrong" } };
    }
    clearFailures([keys[0]!]);
    if (user.mustChangePassword) {
      // The next page says it worked (the form is left behind by the redirect).
      (await cookies()).set(FLASH_COOKIE, "passwordChanged", { path: "/", sameSite: "lax", httpOnly: false, maxAge: 60 });
      redirect("/");
    }
    return { status: "saved", message: "saved" };
  },
});
