"use client";
import { useTranslations } from "next-intl";

// Shows no stack trace, SQL or path: only a safe message and the digest to quote to an administrator.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div className="space-y-3" role="alert">
      <h1 className="text-2xl font-semibold">{t("errorTitle")}</h1>
      <p>{t("error")}</p>
      {error.digest && <p className="text-sm text-slate-600">Ref: {error.digest}</p>}
      <button type="button" onClick={reset} className="rounded bg-blue-700 px-4 py-2 text-white">
        {t("retry")}
      </button>
    </div>
  );
}
