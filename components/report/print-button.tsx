"use client";
import { useTranslations } from "next-intl";

export function PrintButton() {
  const t = useTranslations("report");
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800"
      data-testid="print-button"
    >
      {t("print")}
    </button>
  );
}
