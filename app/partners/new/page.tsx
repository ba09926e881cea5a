import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireChannelManager } from "@/lib/server/auth/session";
import { NewPartnerForm } from "@/components/manage/forms";

export default async function NewPartnerPage() {
  await requireChannelManager();
  const t = await getTranslations("manage");
  return (
    <div className="max-w-3xl space-y-4">
      <p className="no-print">
        <Link href="/portfolio" className="text-blue-800 underline">
          {t("backToPortfolio")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("newPartnerTitle")}</h1>
      <p className="text-slate-700">{t("newPartnerIntro")}</p>
      <NewPartnerForm />
    </div>
  );
}
