import { getLocale, getTranslations } from "next-intl/server";
import { requireUserAllowingPasswordChange } from "@/lib/server/auth/session";
import { resolveTimeZone } from "@/lib/server/i18n-request";
import { formatDateTime } from "@/lib/format";
import { PreferencesForm } from "@/components/preferences-form";

export default async function PreferencesPage() {
  await requireUserAllowingPasswordChange();
  const [t, locale, tz] = await Promise.all([getTranslations("preferences"), getLocale(), resolveTimeZone()]);
  const zones = Intl.supportedValuesOf("timeZone");
  if (!zones.includes("UTC")) zones.unshift("UTC");
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <PreferencesForm chosen={tz.chosen} browser={tz.browser} zones={zones} now={formatDateTime(new Date(), locale, tz.timeZone)} />
    </div>
  );
}
