import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";
import { requireUser } from "@/lib/server/auth/session";
import { listNotifications } from "@/db/notifications";
import { ensureTimeBasedNotifications } from "@/lib/server/notifications";
import { mailEnabled } from "@/lib/server/mail";
import { notificationText } from "@/lib/notification-text";
import { MarkAllRead } from "@/components/loop/forms";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const PAGE = 50;

/** The user's notifications, newest first; each opens where to act (and is then read). */
export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  ensureTimeBasedNotifications(user);
  const before = Number((await searchParams).before);
  const items = listNotifications(user.id, { before: Number.isSafeInteger(before) && before > 0 ? before : undefined, limit: PAGE + 1 });
  const [t, tAll, locale] = await Promise.all([getTranslations("notifications"), getTranslations(), getLocale()]);
  const timeZone = await getTimeZone();
  const tr = (k: string, v?: Record<string, string | number>) => tAll(k as never, v as never);
  const shown = items.slice(0, PAGE);
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-700">
            {mailEnabled() ? t("mailOn") : <span data-testid="mail-off">{t("mailOff")}</span>}{" "}
            <Link href="/account/notifications" className="text-blue-800 underline">
              {t("settings")}
            </Link>
          </p>
        </div>
        <MarkAllRead />
      </header>
      {shown.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4" data-testid="notifications-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="space-y-2" data-testid="notifications">
          {shown.map((n) => (
            <li
              key={n.id}
              data-testid="notification"
              data-kind={n.kind}
              data-read={n.read ? "1" : "0"}
              className={`rounded border p-3 text-sm ${n.read ? "border-slate-200 bg-white" : "border-blue-300 bg-blue-50"}`}
            >
              {/* A plain link: the route marks it read, then opens where to act. */}
              <a href={`/notifications/open/${n.id}`} className="font-medium text-blue-900 underline">
                {notificationText(n, tr, locale)}
              </a>
              <p className="text-xs text-slate-600">
                {!n.read && <span className="mr-2 font-semibold">{t("unread")}</span>}
                {formatDateTime(n.createdAt, locale, timeZone)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {items.length > PAGE && (
        <Link href={`/notifications?before=${shown[shown.length - 1]!.id}`} className="text-blue-800 underline">
          {t("older")}
        </Link>
      )}
    </div>
  );
}
