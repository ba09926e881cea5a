import QRCode from "qrcode";
import { getTranslations } from "next-intl/server";
import { requireSecondFactorEnrolment } from "@/lib/server/auth/session";
import { isTotpEnabled, startTotpEnrolment } from "@/db/mfa";
import { TwoFactorEnrol } from "@/components/two-factor-enrol";

export default async function TwoFactorPage() {
  const session = await requireSecondFactorEnrolment();
  const t = await getTranslations("mfa");
  const enabled = isTotpEnabled(session.id);
  // A full session without a second factor cannot exist for a channel manager; a pending one enrols here.
  const enrolment = !enabled && session.mfaPending ? startTotpEnrolment(session.id) : null;
  const qr = enrolment ? await QRCode.toDataURL(enrolment.uri, { margin: 1, width: 220 }) : null;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("enrolTitle")}</h1>
      <TwoFactorEnrol enabled={enabled} qr={qr} secret={enrolment?.secret ?? null} />
    </div>
  );
}
