import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import type { LevelChange } from "@/lib/competency";
import type { ReviewNote } from "@/db/manage";
import type { ReviewReply } from "@/db/review";
import { AdminAccounts, ReplyForm, type AdminAccount } from "@/components/loop/forms";
import { formatDate, formatDateTime } from "@/lib/format";
import { NewAdminForm, PartnerSettingsForm, ReviewForm } from "./forms";

/** Review notes: the form (channel managers), the history newest first, each note's replies, and a reply form (partner admins). */
export async function ReviewPanel({
  partnerId,
  notes,
  canWrite,
  replies,
  canReply,
}: {
  partnerId: number;
  notes: ReviewNote[];
  canWrite: boolean;
  replies?: Map<number, ReviewReply[]>;
  canReply?: boolean;
}) {
  const [t, tDecision, tThread, locale, timeZone] = await Promise.all([
    getTranslations("review"),
    getTranslations("decision"),
    getTranslations("thread"),
    getLocale(),
    getTimeZone(),
  ]);
  return (
    <section
      aria-labelledby="review-heading"
      data-testid="review-panel"
      className="break-inside-avoid space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="review-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      {canWrite && (
        <div className="no-print">
          <ReviewForm partnerId={partnerId} />
        </div>
      )}
      <h3 className="font-medium">{t("history")}</h3>
      {notes.length === 0 ? (
        <p className="text-sm text-slate-700">{t("empty")}</p>
      ) : (
        <ol className="space-y-2" data-testid="review-history">
          {notes.map((n) => (
            <li key={n.id} id={`note-${n.id}`} className="scroll-mt-4 rounded border border-slate-200 p-2 text-sm" data-testid="review-note">
              <p className="font-medium">
                <span data-testid="review-decision">{tDecision(n.decision)}</span>
                {" · "}
                <span className="font-normal text-slate-700">{t("by", { author: n.authorName, date: formatDateTime(n.createdAt, locale, timeZone) })}</span>
                {n.decision === "needs-information" &&
                  ((replies?.get(n.id)?.length ?? 0) > 0 ? (
                    <span className="ml-2 rounded bg-green-100 px-1.5 text-xs text-green-900" data-testid="note-answered">
                      {tThread("answered")}
                    </span>
                  ) : (
                    <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900" data-testid="note-awaiting">
                      {tThread("awaiting")}
                    </span>
                  ))}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words">{n.body}</p>
              {(replies?.get(n.id)?.length ?? 0) > 0 && (
                <ol className="mt-2 space-y-1 border-l-2 border-blue-200 pl-3" aria-label={tThread("replies")} data-testid="replies">
                  {replies!.get(n.id)!.map((r) => (
                    <li key={r.id} data-testid="reply">
                      <p className="text-slate-700">{tThread("replyBy", { author: r.authorName, date: formatDateTime(r.createdAt, locale, timeZone) })}</p>
                      <p className="whitespace-pre-wrap break-words">{r.body}</p>
                    </li>
                  ))}
                </ol>
              )}
              {canReply && (
                <div className="no-print">
                  <ReplyForm partnerId={partnerId} noteId={n.id} />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** When the partner reached or lost Silver or Gold, from its recorded facts. */
export async function LevelHistory({ changes, through }: { changes: LevelChange[]; through: string }) {
  const [t, tLevel, locale] = await Promise.all([getTranslations("history"), getTranslations("level"), getLocale()]);
  return (
    <section
      aria-labelledby="history-heading"
      data-testid="level-history"
      className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="history-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro", { date: formatDate(through, locale) })}</p>
      {changes.length === 0 ? (
        <p className="mt-2 text-sm">{t("empty")}</p>
      ) : (
        <ol className="mt-2 space-y-1 text-sm">
          {[...changes].reverse().map((c) => {
            const up = c.from === "none" || (c.from === "silver" && c.to === "gold");
            return (
              <li key={c.date} data-testid="history-item">
                <span className="font-medium tabular-nums">{formatDate(c.date, locale)}</span>:{" "}
                {up
                  ? t("reached", { level: tLevel(c.to), from: tLevel(c.from) })
                  : t("lost", { level: tLevel(c.from), to: tLevel(c.to), reasons: c.lost.map((r) => t(`reason.${r}`)).join(t("reasonJoin")) })}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** A partner's settings and admin accounts (channel managers only). */
export async function PartnerAdminPanel(props: { partnerId: number; market: string; ruleSet: string; version: number; admins: AdminAccount[] }) {
  const t = await getTranslations("manage");
  return (
    <section
      aria-labelledby="manage-heading"
      className="no-print space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="manage-panel"
    >
      <h2 id="manage-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <PartnerSettingsForm partnerId={props.partnerId} market={props.market} ruleSet={props.ruleSet} version={props.version} />
      <h3 className="font-medium">{t("adminsHeading")}</h3>
      {props.admins.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noAdmins")}</p>
      ) : (
        <div data-testid="admins">
          <AdminAccounts partnerId={props.partnerId} admins={props.admins} />
        </div>
      )}
      <NewAdminForm partnerId={props.partnerId} />
    </section>
  );
}
