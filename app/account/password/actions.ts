"use server";
// A signed-in user changes their own password (required after a temporary one). The user comes from
// the session, never from the form; the current password is checked through the attempt guard.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { action, notChecked } from "@/lib/server/action";
import { currentSessionId } from "@/lib/server/auth/session";
import { guardedCheck } from "@/lib/server/auth/throttle";
import { changeOwnPassword } from "@/db/manage";
import { changePasswordSchema } from "@/lib/validation/manager";
import { FLASH_COOKIE } from "@/lib/action-state";

export const changePasswordAction = action({
  access: "signed-in",
  schema: changePasswordSchema,
  echo: [], // passwords are never sent back
  run: async (d, { user }) => {
    const keep = await currentSessionId();
    const r = await guardedCheck(
      { password: user.id },
      () => changeOwnPassword(user.id, user.email, d.current, d.next, keep),
      (ok) => ok,
    );
    if (r.kind !== "checked") return notChecked(r);
    if (!r.right) return { status: "error", message: "fixErrors", fieldErrors: { current: "passwordWrong" } };
    if (user.mustChangePassword) {
      // The next page says it worked (the form is left behind by the redirect).
      (await cookies()).set(FLASH_COOKIE, "passwordChanged", { path: "/", sameSite: "lax", httpOnly: false, maxAge: 60 });
      redirect("/");
    }
    return { status: "saved", message: "saved" };
  },
});
