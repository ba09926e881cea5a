// Reads what arrived at the test SMTP server (e2e/smtp-server.ts): decoded subject and text per message.
import fs from "node:fs";
import path from "node:path";
import { MAIL_DIR } from "./smtp-server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : qp(data.replace(/_/g, " ")),
  );
}
function qp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "=" && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function parse(raw: string): Mail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1] ?? "";
  const enc = header("Content-Transfer-Encoding").toLowerCase();
  const text = enc === "quoted-printable" ? qp(body) : enc === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body;
  return { to: header("X-Envelope-To"), subject: decodeWords(header("Subject")), text };
}

/** Every message sent to this address so far. */
export function mailsTo(address: string): Mail[] {
  if (!fs.existsSync(MAIL_DIR)) return [];
  return fs
    .readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => parse(fs.readFileSync(path.join(MAIL_DIR, f), "utf8")))
    .filter((m) => m.to.split(",").includes(address));
}
