import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import type { QueueItem } from "@/db/review";
import { formatDate, formatDateTime } from "@/lib/format";

/** On a partner's page, for channel managers: why the partner is in the review queue (a decision below clears it). */
export async function QueueBanner({ item }: { item: QueueItem | null }) {
  if (!item) return null;
  const t = await getTranslations("queue");
  return (
    <section
      role="status"
      aria-label={t("bannerLabel")}
      data-testid="queue-banner"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950"
    >
      <p className="font-medium">{t("bannerTitle")}</p>
      <QueueReasons item={item} />
      <p className="mt-1 text-sm">
        <a href="#review-heading" className="underline">
          {t("bannerAction")}
        </a>
      </p>
    </section>
  );
}

/** Why a partner is in the review queue, one sentence per reason (the queue page and the partner's banner). */
export async function QueueReasons({ item }: { item: QueueItem }) {
  const [t, tLevel, locale] = await Promise.all([getTranslations("queue"), getTranslations("level"), getLocale()]);
  const timeZone = await getTimeZone();
  const when = item.repliedAt || item.lastReviewAt;
  return (
    <ul className="ml-5 list-disc text-sm">
      {item.reasons.map((r) => (
        <li key={r} data-testid="queue-reason" data-reason={r}>
          {t(`reason.${r}`, {
            from: item.levelFrom ? tLevel(item.levelFrom) : "",
            to: item.level ? tLevel(item.level) : "",
            date: item.levelChangedOn ? formatDate(item.levelChangedOn, locale) : item.atRiskOn ? formatDate(item.atRiskOn, locale) : "",
            level: item.level ? tLevel(item.level) : "",
            then: item.levelAtRisk ? tLevel(item.levelAtRisk) : "",
            when: when ? formatDateTime(when, locale, timeZone) : "",
          })}
        </li>
      ))}
    </ul>
  );
}
