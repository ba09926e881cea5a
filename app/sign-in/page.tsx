import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/server/auth/session";
import { SignInForm } from "@/components/sign-in-form";
import { mailEnabled } from "@/lib/server/mail";
import Link from "next/link";

export default async function SignInPage() {
  // Public page; a signed-in user has nothing to do here.
  if (await getCurrentUser()) redirect("/");
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-semibold">{t("signIn.title")}</h1>
      <p className="mb-6 text-slate-700">{t("app.tagline")}</p>
      <p className="mb-4 text-sm text-slate-600">{t("signIn.intro")}</p>
      <SignInForm />
      {mailEnabled() && (
        <p className="mt-4 text-sm">
          <Link href="/sign-in/forgot" className="text-blue-800 underline">
            {t("forgot.link")}
          </Link>
        </p>
      )}
    </div>
  );
}
