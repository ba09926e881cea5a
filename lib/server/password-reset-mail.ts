import "server-only";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import { asLocale } from "@/lib/i18n/config";
import { RESET_LINK_MINUTES } from "@/lib/vocabulary";

type Send = (m: { to: string; subject: string; text: string; locale: string }) => Promise<void>;

/** The forgotten-password e-mail, in the account's language. Failures are logged, never shown. */
export async function sendResetLink(to: { email: string; name: string; locale: string | null }, link: string, send: Send): Promise<void> {
  try {
    const locale = asLocale(to.locale ?? "pt-BR");
    const t = createTranslator({ locale, messages: (await loadMessages(locale)) as Parameters<typeof createTranslator>[0]["messages"] });
    await send({
      to: to.email,
      locale,
      subject: t("mail.resetSubject"),
      text: [t("mail.greeting", { name: to.name }), "", t("mail.resetBody", { minutes: RESET_LINK_MINUTES }), "", link, "", t("mail.resetIgnore")].join("\n"),
    });
  } catch (err) {
    console.error("password reset e-mail failed:", err instanceof Error ? err.message : err);
  }
}
