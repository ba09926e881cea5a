import { getLocale, getTranslations } from "next-intl/server";
import type { Evaluation } from "@/lib/competency";
import { formatDate } from "@/lib/format";

/** The interpretations of the program rules that matter for reading the figures. */
export async function HowCounted({ evaluation }: { evaluation: Evaluation }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale()]);
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <summary className="cursor-pointer font-semibold">{t("howHeading")}</summary>
      <ul className="mt-2 ml-5 list-disc space-y-1 text-sm">
        <li>{t("howThresholds")}</li>
        <li>{t("howWindow", { from: formatDate(evaluation.window.from, locale), to: formatDate(evaluation.window.to, locale) })}</li>
        <li>{t("howDpor")}</li>
        <li>{t("howProducts", { products: t(`productWording.${evaluation.ruleSet}`) })}</li>
        <li>{t("howPeople")}</li>
        <li>{t("howPasses")}</li>
      </ul>
    </details>
  );
}
