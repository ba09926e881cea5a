import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { isResetTokenValid } from "@/db/accounts";
import { ResetPasswordForm } from "@/components/loop/forms";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Public: the page a forgotten-password link opens; a used, expired or unknown link says so. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw.slice(0, 200) : "";
  const t = await getTranslations("forgot");
  const valid = isResetTokenValid(token);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{t("resetTitle")}</h1>
      {valid ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900" data-testid="link-invalid">
          {t("linkInvalid")}
        </p>
      )}
      <p>
        <Link href="/sign-in/forgot" className="text-blue-800 underline">
          {t("again")}
        </Link>
      </p>
    </div>
  );
}
