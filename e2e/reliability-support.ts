// Shared by the reliability specs: sessions through the real sign-in action, answers of server actions,
// and row counts of one partner straight from SQLite.
import { expect, request as requests, type Locator } from "@playwright/test";
import type Database from "better-sqlite3";
import { actionId, callAction } from "./actions";
import { DEMO_PASSWORD } from "./helpers";

/**
 * Signs in through signInAction and returns "session=…", for one session of its own. Each sign-in uses a
 * fresh request context: a context's cookie jar would send the previous session, which sign-in ends.
 */
export async function signInCookie(email: string): Promise<string> {
  const context = await requests.newContext();
  try {
    const res = await callAction(context, { id: actionId("signInAction"), args: [{}], form: { email, password: DEMO_PASSWORD } });
    const session = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("session="));
    if (!session) throw new Error(`no session cookie for ${email}: ${res.status()}`);
    return session.value.split(";")[0]!;
  } finally {
    await context.dispose();
  }
}

/** The status of a data-entry action's answer (FormState.status in the RSC payload), or null when there is none. */
export function answerStatus(body: string): string | null {
  return /"status":"(idle|saved|deleted|error)"/.exec(body)?.[1] ?? null;
}

/**
 * A name as the app's duplicate warnings compare it: without case, accents or extra spaces. Written again
 * here on purpose: the browser tests depend on the running app only (DESIGN.md), and an independent
 * statement of the rule is what they check the app against.
 */
export function comparable(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Integer cents as people type them in pt-BR: 1.234,57 (or without the dots, or with US$). */
export function ptBr(cents: number, style: "grouped" | "plain" | "currency" = "grouped"): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  const grouped = style === "plain" ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const text = `${grouped},${String(abs % 100).padStart(2, "0")}`;
  return style === "currency" ? `${sign}US$ ${text}` : `${sign}${text}`;
}

export function partnerOf(db: Database.Database, email: string): { partnerId: number; userId: number } {
  const r = db.prepare("select partner_id partnerId, id userId from users where email = ?").get(email) as { partnerId: number; userId: number } | undefined;
  if (!r) throw new Error(`no user ${email}`);
  return r;
}

export const FACT_TABLES = ["customers", "revenue_lines", "individuals", "exam_passes", "audit_log"] as const;

/** Rows of one partner per table. */
export function countsOf(db: Database.Database, partnerId: number): Record<(typeof FACT_TABLES)[number], number> {
  return Object.fromEntries(
    FACT_TABLES.map((t) => [t, (db.prepare(`select count(*) n from ${t} where partner_id = ?`).get(partnerId) as { n: number }).n]),
  ) as Record<(typeof FACT_TABLES)[number], number>;
}

/** Submits a record form and waits for the server's answer (its message's nonce changes on every answer). */
export async function submitForm(form: Locator): Promise<Locator> {
  const message = form.getByTestId("form-message");
  const before = (await message.getAttribute("data-nonce")) ?? "0";
  await form.locator("button[type=submit]").first().click();
  const answered = form.locator(`[data-testid="form-message"]:not([data-nonce="${before}"])`);
  await expect(answered).toBeAttached();
  return answered;
}
