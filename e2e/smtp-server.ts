// A real local SMTP server for the e2e run (Playwright's globalSetup): every message the app sends is
// written to data/e2e-mail/ as a raw .eml file, which tests read (e2e/mailbox.ts).
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export const MAIL_DIR = path.join(process.cwd(), "data", "e2e-mail");
export const smtpPort = () => Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 25);

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.rmSync(MAIL_DIR, { recursive: true, force: true });
  fs.mkdirSync(MAIL_DIR, { recursive: true });
  let seq = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        const file = path.join(MAIL_DIR, `${Date.now()}-${++seq}.eml`);
        fs.writeFileSync(`${file}.tmp`, `X-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString("utf8")}`);
        fs.renameSync(`${file}.tmp`, file); // readers never see half a message
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(smtpPort(), "127.0.0.1", () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
