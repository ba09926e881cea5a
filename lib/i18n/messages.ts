// The catalogues are split by area so that each area's strings live together; they merge into one
// message tree per locale. Every file must exist in both locales (a unit test checks the keys match).
import type { AppLocale } from "./config";

export const MESSAGE_FILES = ["core", "dashboard", "validation", "portfolio", "security", "bulk", "review"] as const;

type Tree = { [k: string]: string | Tree };

/**
 * The namespaces that client components translate in the browser: only these are sent to the client
 * (every other string is rendered on the server). A unit test checks every `useTranslations` of a
 * "use client" file against this list, and the form kit's namespaces.
 */
export const CLIENT_NAMESPACES = [
  "entry",
  "validation",
  "decision",
  "manage",
  "market",
  "review",
  "password",
  "report",
  "mfa",
  "signIn",
  "level",
  "import",
  "whatIf",
  "settingsChange",
  "duplicates",
  "thread",
  "accounts",
  "notifications",
  "notificationSettings",
  "forgot",
  "preferences",
  "loopForm",
] as const;

export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number];

/**
 * What the client components of a partner's status page (the dashboard) translate for a channel manager:
 * the review, reply, settings and account forms and their confirmations — not the data entry, import or
 * what-if, which have pages of their own. Less to send with every view of the most viewed page.
 */
export const STATUS_PAGE_NAMESPACES = [
  "validation",
  "decision",
  "manage",
  "market",
  "review",
  "level",
  "settingsChange",
  "duplicates",
  "thread",
  "accounts",
  "report",
  "loopForm",
] as const satisfies readonly ClientNamespace[];

/** The same page for a partner admin, whose only form there is the reply to a review note (components/loop/forms.tsx). */
export const STATUS_PAGE_ADMIN_NAMESPACES = ["thread", "loopForm"] as const satisfies readonly ClientNamespace[];

/** The client's part of a message tree (all the client namespaces, or the ones a page names). */
export function clientMessages(messages: Record<string, unknown>, namespaces: readonly ClientNamespace[] = CLIENT_NAMESPACES): Record<string, unknown> {
  return Object.fromEntries(namespaces.filter((n) => n in messages).map((n) => [n, messages[n]]));
}

export async function loadMessages(locale: AppLocale): Promise<Tree> {
  const parts = await Promise.all(MESSAGE_FILES.map(async (f) => (await import(`../../messages/${locale}/${f}.json`)).default as Tree));
  const merged: Tree = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      if (k in merged) throw new Error(`message namespace "${k}" is defined in two files`);
      merged[k] = v;
    }
  }
  return merged;
}
