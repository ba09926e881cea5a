import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{t("forbiddenTitle")}</h1>
      <p>{t("forbidden")}</p>
      <Link href="/" className="text-blue-800 underline">
        {t("home")}
      </Link>
    </div>
  );
}
