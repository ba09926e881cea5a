import { getTranslations } from "next-intl/server";
import { requireUserAllowingPasswordChange } from "@/lib/server/auth/session";
import { PasswordForm } from "@/components/password-form";

export default async function PasswordPage() {
  const user = await requireUserAllowingPasswordChange();
  const t = await getTranslations("password");
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {user.mustChangePassword && (
        <p role="status" className="rounded bg-amber-50 p-2 text-amber-900" data-testid="must-change">
          {t("mustChange")}
        </p>
      )}
      <PasswordForm />
    </div>
  );
}
