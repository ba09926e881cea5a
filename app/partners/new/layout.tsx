import type { ReactNode } from "react";
import { ClientIntl } from "@/components/i18n/client-intl";

// Client components here translate in the browser: they get the client's messages (decision 0011).
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientIntl>{children}</ClientIntl>;
}
