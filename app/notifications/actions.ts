"use server";
// A user's own notifications: mark them all read, and choose how they come by e-mail. Each is one
// wrapper call for the signed-in user (their own rows only).
import { z } from "zod";
import { action } from "@/lib/server/action";
import { LOOP_KEYS, notificationSettingsSchema } from "@/lib/validation/review";
import { markAllNotificationsRead, setEmailMode } from "@/db/notifications";

export const markAllReadAction = action({
  access: "user",
  schema: z.object({}),
  run: (_d, ctx) => {
    markAllNotificationsRead(ctx.user.id);
    return { status: "saved", message: "saved" };
  },
  revalidate: () => [{ path: "/", type: "layout" }],
});

export const saveNotificationSettingsAction = action({
  access: "user",
  schema: notificationSettingsSchema,
  keys: LOOP_KEYS,
  run: (d, ctx) => {
    setEmailMode(ctx.user.id, d.emailMode);
    return { status: "saved", message: "saved", values: { emailMode: d.emailMode } };
  },
  revalidate: () => ["/account/notifications"],
});
