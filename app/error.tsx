"use client";
import { useErrorStrings } from "@/components/error-strings";

// Shows no stack trace, SQL or path: only a safe message and the digest to quote to an administrator.
// Its words come from the root layout (no next-intl in the browser for this page).
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useErrorStrings();
  return (
    <div className="space-y-3" role="alert">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p>{t.body}</p>
      {error.digest && <p className="text-sm text-slate-600">Ref: {error.digest}</p>}
      <button type="button" onClick={reset} className="rounded bg-blue-700 px-4 py-2 text-white">
        {t.retry}
      </button>
    </div>
  );
}
