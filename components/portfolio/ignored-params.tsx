import { getTranslations } from "next-intl/server";
import type { IgnoredParam } from "@/lib/validation/manager";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "@/lib/vocabulary";

/** Parameters of the address the portfolio could not read: each one, with what was given and why it was ignored. */
export async function IgnoredParams({ rejected }: { rejected: IgnoredParam[] }) {
  if (rejected.length === 0) return null;
  const t = await getTranslations("portfolio");
  const known = new Set(["level", "market", "maxExams", "maxShortfall", "riskDays", "notReviewedSince", "q", "sort", "dir", "page", "size"]);
  return (
    <div role="status" data-testid="ignored-params" className="rounded bg-amber-50 p-2 text-sm text-amber-900">
      <p>{t("ignoredHeading")}</p>
      <ul className="ml-5 list-disc [overflow-wrap:anywhere]">
        {rejected
          .filter((r) => known.has(r.param))
          .map((r) => (
            <li key={r.param}>
              {t("ignoredItem", {
                param: r.param,
                value: r.value.length > 40 ? `${r.value.slice(0, 40)}…` : r.value,
                reason: t(`ignoredReasons.${r.param}`, { sizes: PAGE_SIZES.join(", "), default: DEFAULT_PAGE_SIZE }),
              })}
            </li>
          ))}
      </ul>
    </div>
  );
}
