import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";
import type { AuditPage } from "@/lib/server/audit-log";
import { auditChanges } from "@/lib/audit-words";
import { auditQueryString, type AuditParams } from "@/lib/validation/review";
import { AUDIT_ENTITIES, AUDIT_EXPORT_MAX, MAX_BUSINESS_DATE, MIN_BUSINESS_DATE } from "@/lib/vocabulary";

/** The audit log: filters (a GET form: the state lives in the URL), the lines in words, pages, CSV. */
export async function AuditView(props: { title: string; intro: string; basePath: string; params: AuditParams; page: AuditPage; showPartner: boolean }) {
  const [t, tAll, locale] = await Promise.all([getTranslations("audit"), getTranslations(), getLocale()]);
  const timeZone = await getTimeZone();
  const tr = (k: string, v?: Record<string, string | number>) => tAll(k as never, v as never);
  const { params: p, page, basePath } = props;
  const input = "w-full rounded border border-slate-400 bg-white px-2 py-1";
  const label = "mb-1 block text-sm font-medium";
  const first = page.lines[0];
  const last = page.lines[page.lines.length - 1];
  const filters = auditQueryString(p);
  const button = "rounded border border-slate-400 bg-white px-3 py-1 hover:bg-slate-100";
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{props.title}</h1>
          <p className="text-sm text-slate-700">{props.intro}</p>
        </div>
        <a href={`${basePath}/export${filters}`} download className={button} data-testid="audit-csv">
          {t("exportCsv")}
        </a>
      </header>
      <form
        method="get"
        action={basePath}
        role="search"
        aria-label={t("filters")}
        className="no-print space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <label htmlFor="a-person" className={label}>
              {t("person")}
            </label>
            <input id="a-person" name="person" type="search" defaultValue={p.person ?? ""} maxLength={100} className={input} aria-describedby="a-person-hint" />
            <p id="a-person-hint" className="mt-0.5 text-xs text-slate-600">
              {t("personHint")}
            </p>
          </div>
          <div>
            <label htmlFor="a-entity" className={label}>
              {t("kind")}
            </label>
            <select id="a-entity" name="entity" defaultValue={p.entity ?? ""} className={input}>
              <option value="">{t("any")}</option>
              {AUDIT_ENTITIES.map((e) => (
                <option key={e} value={e}>
                  {t(`entity.${e}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="a-from" className={label}>
              {t("from")}
            </label>
            <input id="a-from" name="from" type="date" min={MIN_BUSINESS_DATE} max={MAX_BUSINESS_DATE} defaultValue={p.from ?? ""} className={input} />
          </div>
          <div>
            <label htmlFor="a-to" className={label}>
              {t("to")}
            </label>
            <input id="a-to" name="to" type="date" min={MIN_BUSINESS_DATE} max={MAX_BUSINESS_DATE} defaultValue={p.to ?? ""} className={input} />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800">
            {t("apply")}
          </button>
          <Link href={basePath} className="text-blue-800 underline">
            {t("clear")}
          </Link>
          <span className="text-xs text-slate-600">{t("csvLimit", { max: AUDIT_EXPORT_MAX })}</span>
        </div>
      </form>

      {page.lines.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4" data-testid="audit-empty">
          {t("empty")}
        </p>
      ) : (
        <ol className="space-y-2" data-testid="audit-lines">
          {page.lines.map((l) => {
            const changes = auditChanges(l.before, l.after, tr, locale, page.names);
            return (
              <li key={l.id} className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="audit-line" data-entity={l.entity}>
                <p>
                  <time dateTime={l.at} className="font-medium tabular-nums">
                    {formatDateTime(l.at, locale, timeZone)}
                  </time>
                  {" · "}
                  <span data-testid="audit-who">{l.actorName ? `${l.actorName} <${l.actorEmail}>` : t("system")}</span>
                  {" · "}
                  <span data-testid="audit-what">{t("what", { action: t(`action.${l.action}`), record: t(`entity.${l.entity}`) })}</span>
                  {props.showPartner && l.partnerName && (
                    <>
                      {" "}
                      ·{" "}
                      <Link className="text-blue-800 underline" href={`/partners/${l.partnerId}`}>
                        {l.partnerName}
                      </Link>
                    </>
                  )}
                </p>
                {changes.length > 0 && (
                  <dl className="mt-1 grid gap-x-3 gap-y-0.5 sm:grid-cols-[minmax(8rem,auto)_1fr]">
                    {changes.map((c) => (
                      <div key={c.field} className="contents" data-testid="audit-change" data-field={c.field}>
                        <dt className="text-slate-700">{c.label}</dt>
                        <dd className="break-words">
                          {l.before !== null && l.after !== null && (
                            <>
                              <span className="text-slate-600 line-through">{c.before ?? t("emptyValue")}</span>
                              {" → "}
                            </>
                          )}
                          {l.after === null ? (
                            <span className="text-slate-600 line-through">{c.before}</span>
                          ) : (
                            <span className="font-medium">{c.after ?? t("emptyValue")}</span>
                          )}
                        </dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <nav aria-label={t("pages")} className="no-print flex flex-wrap items-center gap-3 text-sm">
        {page.hasNewer && first ? (
          <Link href={`${basePath}${auditQueryString(p, { newer: { at: first.at, id: first.id } })}`} rel="prev" className={button}>
            {t("newer")}
          </Link>
        ) : (
          <span className="rounded border border-slate-200 px-3 py-1 text-slate-500" aria-disabled="true">
            {t("newer")}
          </span>
        )}
        {page.hasNewer && (
          <Link href={`${basePath}${filters}`} className="text-blue-800 underline">
            {t("newest")}
          </Link>
        )}
        {page.hasOlder && last ? (
          <Link href={`${basePath}${auditQueryString(p, { older: { at: last.at, id: last.id } })}`} rel="next" className={button}>
            {t("older")}
          </Link>
        ) : (
          <span className="rounded border border-slate-200 px-3 py-1 text-slate-500" aria-disabled="true">
            {t("older")}
          </span>
        )}
      </nav>
    </div>
  );
}
