import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/server/auth/session";
import { getEmailMode } from "@/db/notifications";
import { mailEnabled } from "@/lib/server/mail";
import { NotificationSettingsForm } from "@/components/loop/forms";

/** How the user wants notifications by e-mail: each one, a daily digest, or none. */
export default async function NotificationSettingsPage() {
  const user = await requireUser();
  const t = await getTranslations("notificationSettings");
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro", { email: user.email })}</p>
      {!mailEnabled() && (
        <p role="status" className="rounded bg-amber-50 p-2 text-amber-900" data-testid="mail-off">
          {t("mailOff")}
        </p>
      )}
      <NotificationSettingsForm mode={getEmailMode(user.id)} />
    </div>
  );
}
