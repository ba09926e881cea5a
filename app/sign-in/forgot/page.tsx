import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/server/auth/session";
import { mailEnabled } from "@/lib/server/mail";
import { ForgotPasswordForm } from "@/components/loop/forms";

/** Public: asks for a single-use link by e-mail (when the server can send e-mail). */
export default async function ForgotPasswordPage() {
  if (await getCurrentUser()) redirect("/");
  const t = await getTranslations("forgot");
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {mailEnabled() ? (
        <>
          <p className="text-slate-700">{t("intro")}</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p role="status" className="rounded bg-amber-50 p-3 text-amber-900" data-testid="mail-off">
          {t("mailOff")}
        </p>
      )}
      <p>
        <Link href="/sign-in" className="text-blue-800 underline">
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
