"use server";
// A signed-in user's preferences kept in this browser: the time zone times are shown in (empty: follow
// the browser's). One wrapper call; the value is checked against the zones Intl knows.
import { cookies } from "next/headers";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { field, refuse } from "@/lib/validation/facts";
import { isTimeZone } from "@/lib/format";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/config";

const timeZone = field<string>((raw) => (raw === "" || isTimeZone(raw) ? raw : refuse("timeZoneInvalid")), "timeZoneInvalid");

export const savePreferencesAction = action({
  access: "signed-in",
  schema: z.object({ timeZone }),
  run: async (d) => {
    const jar = await cookies();
    if (d.timeZone) jar.set(TIME_ZONE_COOKIE, d.timeZone, { path: "/", sameSite: "lax", httpOnly: false, maxAge: 60 * 60 * 24 * 365 });
    else jar.delete(TIME_ZONE_COOKIE);
    return { status: "saved", message: "saved", values: { timeZone: d.timeZone } };
  },
  revalidate: () => [{ path: "/", type: "layout" }],
});
