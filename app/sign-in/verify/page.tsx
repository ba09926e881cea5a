import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePendingSecondFactor } from "@/lib/server/auth/session";
import { isTotpEnabled } from "@/db/mfa";
import { SecondFactorForm } from "@/components/second-factor-form";

export default async function VerifyPage() {
  const user = await requirePendingSecondFactor();
  if (!isTotpEnabled(user.id)) redirect("/account/two-factor");
  const t = await getTranslations("mfa");
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{t("verifyTitle")}</h1>
      <p className="text-slate-700">{t("verifyIntro")}</p>
      <SecondFactorForm />
    </div>
  );
}
