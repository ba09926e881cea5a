import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages, type ClientNamespace } from "@/lib/i18n/messages";

/**
 * The translations for client components, around the routes that have some (their layouts): a page
 * without translated client components ships no next-intl code to the browser (decision 0011). Only
 * the namespaces client components use go to the browser.
 */
export async function ClientIntl({ children, namespaces }: { children: ReactNode; namespaces?: readonly ClientNamespace[] }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={clientMessages(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
