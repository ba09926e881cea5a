// Shared by the issue 10 specs (e2e/hardening.spec.ts, e2e/bursts.spec.ts): reading what a guarded
// answer said, priming throttle rows, and signing in through the front server's admission.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { actionId, callAction } from "./actions";
import { DEMO_PASSWORD } from "./helpers";

/** What a sign-in (or second-factor, or password-change) answer says. */
export async function kind(res: APIResponse): Promise<string> {
  if (res.status() === 429) return "429";
  if (res.status() === 200 && res.headers()["x-action-redirect"]) return "signed-in";
  const body = await res.text();
  const said = /"(?:error|message|code|current)":"(invalid|throttled|busy|codeUsed|codeInvalid|passwordWrong)"/g;
  const found = [...body.matchAll(said)].map((m) => m[1]!).filter((k) => k !== "fixErrors");
  if (found.length) return found[found.length - 1]!;
  return `other ${res.status()}: ${body.slice(0, 200)}`;
}

/**
 * Makes a throttle key look like an attacker's who used its free attempts long ago and has just waited out
 * the last wait: the next attempt is allowed, the one after waits 64 s.
 */
export function primeThrottle(key: string, failures: number): void {
  const db = writableTestDb();
  const now = Date.now();
  db.prepare(
    "insert into sign_in_throttle (key, failures, last_failure_ms, blocked_until_ms) values (?, ?, ?, ?) on conflict(key) do update set failures = excluded.failures, last_failure_ms = excluded.last_failure_ms, blocked_until_ms = excluded.blocked_until_ms",
  ).run(key, failures, now, now - 1);
  db.close();
}

export const tally = (kinds: string[]) => kinds.reduce<Record<string, number>>((t, k) => ({ ...t, [k]: (t[k] ?? 0) + 1 }), {});

export function writableTestDb(): Database.Database {
  const db = new Database(process.env.E2E_DATABASE_PATH ?? path.join(process.cwd(), "data", "e2e.db"), { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

export const signInCall = (request: APIRequestContext, email: string, password: string, address: string) =>
  callAction(request, { id: actionId("signInAction"), args: [{}], form: { email, password }, headers: { "X-Forwarded-For": address } });

/**
 * The answer of a call that the front server may refuse for load (429, "try again in a moment", right
 * after a burst has used up its sign-in rate): called again, as a client told Retry-After would, until
 * the app itself answers.
 */
export async function pastTheFront(call: () => Promise<APIResponse>): Promise<APIResponse> {
  let res!: APIResponse;
  await expect.poll(async () => (res = await call()).status(), { timeout: 15_000, intervals: [250, 500, 1000] }).not.toBe(429);
  return res;
}

export async function sessionCookie(request: APIRequestContext, email: string, address: string): Promise<string> {
  const res = await pastTheFront(() => signInCall(request, email, DEMO_PASSWORD, address));
  const c = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("session="));
  if (!c) throw new Error(`no session for ${email}: ${await kind(res)}`);
  return c.value.split(";")[0]!;
}
