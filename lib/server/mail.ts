import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

// E-mail through SMTP when SMTP_URL is set (e.g. smtp://user:pass@mail.example:587, smtps://… for TLS);
// MAIL_FROM is the sender. Without SMTP_URL the app works and says that e-mail is off. Links in e-mails
// point at APP_URL (never at the Host header a request brought, which a client chooses).

export function mailEnabled(): boolean {
  return !!process.env.SMTP_URL;
}

export function mailFrom(): string {
  return process.env.MAIL_FROM || "Cloud CRM Competency Tracker <no-reply@localhost>";
}

/** The app's public address, for links in e-mails. */
export function appUrl(): string {
  return (process.env.APP_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

const globalForMail = globalThis as unknown as { __mailTransport?: { url: string; transport: Transporter } };

function transport(): Transporter {
  const url = process.env.SMTP_URL!;
  if (globalForMail.__mailTransport?.url !== url) {
    globalForMail.__mailTransport = { url, transport: nodemailer.createTransport(url) };
  }
  return globalForMail.__mailTransport.transport;
}

/** Sends one plain-text message; throws when the SMTP server refuses it. */
export async function sendMail(m: { to: string; subject: string; text: string; locale: string }): Promise<void> {
  if (!mailEnabled()) throw new Error("e-mail is off (no SMTP_URL)");
  await transport().sendMail({ from: mailFrom(), to: m.to, subject: m.subject, text: m.text, headers: { "Content-Language": m.locale } });
}
