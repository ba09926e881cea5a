// How a notification reads, in the reader's language: used by the notification list and the e-mails.
// Pure: the caller passes a translator over the whole catalogue.
import type { NotificationKind } from "./vocabulary";
import { formatDate } from "./format";

type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface NotificationLike {
  kind: NotificationKind;
  data: Record<string, string | number | null>;
}

/** The notification's sentence, with levels, dates, decisions and markets in words. */
export function notificationText(n: NotificationLike, t: Translate, locale: string): string {
  const d = n.data;
  const str = (k: string) => (d[k] == null ? "" : String(d[k]));
  const date = (k: string) => (d[k] ? formatDate(String(d[k]), locale) : "");
  const level = (k: string) => (d[k] ? t(`level.${d[k]}`) : "");
  const values: Record<string, string | number> = {
    partner: str("partner"),
    author: str("author"),
    excerpt: str("excerpt"),
    person: str("person"),
    msPartnerId: str("msPartnerId"),
    date: date("date"),
    days: Number(d.days ?? 0),
    level: level("level"),
    from: level("from"),
    to: level("to"),
    decision: d.decision ? t(`decision.${d.decision}`) : "",
    change: settingsChange(d, t),
  };
  return t(`notifications.kind.${n.kind}`, values);
}

function settingsChange(d: Record<string, string | number | null>, t: Translate): string {
  const parts: string[] = [];
  if (d.market && d.marketBefore && d.market !== d.marketBefore) parts.push(`${t(`market.${d.marketBefore}`)} → ${t(`market.${d.market}`)}`);
  if (d.ruleSet && d.ruleSetBefore && d.ruleSet !== d.ruleSetBefore)
    parts.push(t("notifications.ruleSetChange", { from: String(d.ruleSetBefore), to: String(d.ruleSet) }));
  return parts.join("; ");
}
