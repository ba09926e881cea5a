// Calling server actions the way the browser does (multipart: field "0" holds the JSON argument list,
// a FormData argument's fields are sent as "_<n>_<name>"), to test them without the UI.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { APIRequestContext } from "@playwright/test";

export interface ActionInfo {
  id: string;
  file: string;
  name: string;
}

let addresses = 0;
/** A client address no other request of this run uses (per worker, in order), for X-Forwarded-For. */
export function testAddress(): string {
  const n = addresses++;
  return `10.${100 + Number(process.env.TEST_PARALLEL_INDEX ?? 0)}.${(n >> 8) & 255}.${n & 255}`;
}

/** Every server action of the production build, from Next's manifest. */
export function listActions(): ActionInfo[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"));
  return Object.entries(manifest.node as Record<string, { filename: string; exportedName: string }>).map(([id, v]) => ({
    id,
    file: v.filename,
    name: v.exportedName,
  }));
}

export function actionId(name: string): string {
  const a = listActions().find((x) => x.name === name);
  if (!a) throw new Error(`no action ${name}`);
  return a.id;
}

export async function callAction(
  request: APIRequestContext,
  opts: {
    id: string;
    args: unknown[];
    form?: Record<string, string>;
    cookie?: string;
    origin?: string | null;
    path?: string;
    headers?: Record<string, string>;
    base?: string;
  },
) {
  const base = opts.base ?? process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 3210}`;
  const formIndex = opts.form ? opts.args.length : -1;
  // Order matters as in the browser: the form's fields first, the argument list ("0") last.
  const multipart = new FormData();
  for (const [k, v] of Object.entries(opts.form ?? {})) multipart.append(`_${formIndex}_${k}`, v);
  multipart.append("0", JSON.stringify(opts.form ? [...opts.args, `$K${formIndex}`] : opts.args));
  // Each call comes from an address of its own unless the test picks one (the e2e server trusts one
  // proxy): the per-address sign-in throttle then counts only what a test does on purpose.
  const headers: Record<string, string> = { "Next-Action": opts.id, Accept: "text/x-component", "X-Forwarded-For": testAddress(), ...(opts.headers ?? {}) };
  if (opts.origin !== null) headers.Origin = opts.origin ?? base;
  if (opts.cookie) headers.Cookie = opts.cookie;
  return request.post(`${base}${opts.path ?? "/sign-in"}`, { headers, multipart, maxRedirects: 0 });
}

/** Read-only access to the e2e database, to check that refused requests changed nothing. */
export function openTestDb(): Database.Database {
  const file = process.env.E2E_DATABASE_PATH ?? path.join(process.cwd(), "data", "e2e.db");
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * Row counts and a checksum of one partner's data, accounts and audit rows (other tests write to other
 * partners at the same time, so a check is scoped to the partner under attack), plus audit rows without an actor.
 */
export function snapshot(db: Database.Database, partnerId: number): Record<string, number | string> {
  const tables = ["users", "customers", "revenue_lines", "individuals", "exam_passes", "review_notes", "audit_log"];
  const out: Record<string, number | string> = Object.fromEntries(
    tables.map((t) => [t, (db.prepare(`select count(*) as n from ${t} where partner_id = ?`).get(partnerId) as { n: number }).n]),
  );
  out.partner = JSON.stringify(db.prepare("select * from partners where id = ?").get(partnerId));
  out.customerRows = JSON.stringify(db.prepare("select * from customers where partner_id = ? order by id").all(partnerId));
  out.anonymousAudit = (db.prepare("select count(*) as n from audit_log where actor_id is null").get() as { n: number }).n;
  return out;
}
