// The audit log at a million rows: builds a database with 1,000,000 audit rows (200 partners, 1,000 users,
// every kind of record, two years), then times the audit pages' queries (first page, each filter, a deep
// page by cursor, a CSV-sized export) and writes bench/results/audit.{json,md}.
//   npm run bench:audit [-- --rows 1000000 --db ./data/bench-audit.db]
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const ROWS = Number(arg("rows", "1000000"));
const FILE = path.resolve(arg("db", "./data/bench-audit.db"));
for (const s of ["", "-wal", "-shm"]) fs.rmSync(FILE + s, { force: true });
process.env.DATABASE_PATH = FILE;

async function main() {
  const { getDb } = await import("../db/client");
  const { queryAudit, exportAudit, findActors } = await import("../db/audit-log");
  const db = getDb();
  const sqlite = db.$client;
  const PARTNERS = 200;
  const USERS = 1000;
  console.log(`building ${ROWS.toLocaleString("en")} audit rows in ${FILE} …`);
  const t0 = performance.now();
  sqlite.transaction(() => {
    const p = sqlite.prepare("insert into partners (name, ms_partner_id, market) values (?, ?, 'developed')");
    for (let i = 1; i <= PARTNERS; i++) p.run(`Bench ${i}`, String(5_000_000 + i));
    const u = sqlite.prepare("insert into users (email, name, password_hash, role, partner_id) values (?, ?, 'x', ?, ?)");
    for (let i = 1; i <= USERS; i++)
      u.run(`user${i}@bench.example`, `User ${i}`, i <= 20 ? "channel_manager" : "partner_admin", i <= 20 ? null : (i % PARTNERS) + 1);
  })();
  const entities = ["revenue_line", "customer", "individual", "exam_pass", "session", "review_note", "partner", "user"];
  const start = Date.parse("2024-06-01T00:00:00Z");
  const span = 2 * 365 * 86_400_000;
  const ins = sqlite.prepare(
    "insert into audit_log (created_at, actor_id, partner_id, entity, entity_id, action, before, after) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const BATCH = 50_000;
  for (let b = 0; b < ROWS; b += BATCH) {
    sqlite.transaction(() => {
      for (let i = b; i < Math.min(ROWS, b + BATCH); i++) {
        const at = new Date(start + Math.floor((i / ROWS) * span)).toISOString();
        const actor = ((i * 7919) % USERS) + 1;
        const partner = ((i * 104729) % PARTNERS) + 1;
        const entity = entities[i % entities.length]!;
        const before =
          entity === "revenue_line"
            ? JSON.stringify({ id: i, customerId: 1, product: "crm-online", date: "2025-01-01", amountCents: 9_000_000, note: null, version: 1 })
            : null;
        const after =
          entity === "session"
            ? null
            : JSON.stringify({ id: i, customerId: 1, product: "crm-online", date: "2025-01-01", amountCents: 9_500_000, note: null, version: 2 });
        ins.run(at, actor, partner, entity, String(i), entity === "session" ? "sign-in" : before ? "update" : "create", before, after);
      }
    })();
  }
  sqlite.pragma("optimize");
  sqlite.exec("analyze");
  const buildS = (performance.now() - t0) / 1000;
  console.log(`built in ${buildS.toFixed(1)} s`);

  const time = (label: string, fn: () => unknown, runs = 20) => {
    fn(); // warm
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      fn();
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    const r = { label, medianMs: +ms[Math.floor(ms.length / 2)]!.toFixed(2), p95Ms: +ms[Math.floor(ms.length * 0.95)]!.toFixed(2) };
    console.log(`${label.padEnd(60)} median ${r.medianMs} ms  p95 ${r.p95Ms} ms`);
    return r;
  };
  const page = (f: Parameters<typeof queryAudit>[0], older?: { at: string; id: number }) => queryAudit(f, { older, limit: 50 });
  const deep = (() => {
    // the cursor 10,000 rows down (page 200)
    const row = sqlite.prepare("select created_at at, id from audit_log order by created_at desc, id desc limit 1 offset 10000").get() as {
      at: string;
      id: number;
    };
    return row;
  })();
  const partnerDeep = sqlite
    .prepare("select created_at at, id from audit_log where partner_id = 17 order by created_at desc, id desc limit 1 offset 2000")
    .get() as { at: string; id: number };
  const results = [
    time("global log, newest page (50 lines)", () => page({})),
    time("global log, page 201 (by cursor)", () => page({}, deep)),
    time("one partner, newest page", () => page({ partnerId: 17 })),
    time("one partner, page 41 (by cursor)", () => page({ partnerId: 17 }, partnerDeep)),
    time("one partner + kind of record (revenue lines)", () => page({ partnerId: 17, entity: "revenue_line" })),
    time("global, kind of record (review notes)", () => page({ entity: "review_note" })),
    time('global, person by name or e-mail ("user42")', () => page({ actorIds: findActors("user42@") })),
    time("global, dates: one day a year ago", () => page({ from: "2025-06-01", to: "2025-06-01" })),
    time("one partner, dates: one month", () => page({ partnerId: 17, from: "2025-03-01", to: "2025-03-31" })),
    time("global, person + kind + dates", () => page({ actorIds: findActors("user42@"), entity: "revenue_line", from: "2024-06-01", to: "2026-06-01" })),
    time("CSV rows: one partner, everything (≈5,000 rows)", () => exportAudit({ partnerId: 17 }, 100_000), 5),
  ];
  const out = {
    date: new Date().toISOString(),
    rows: ROWS,
    partners: PARTNERS,
    users: USERS,
    buildSeconds: +buildS.toFixed(1),
    node: process.version,
    results,
  };
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/audit.json", JSON.stringify(out, null, 2) + "\n");
  const md = [
    `# Audit log at ${ROWS.toLocaleString("en")} rows`,
    "",
    `${out.date} · ${PARTNERS} partners, ${USERS} users, two years of rows · Node ${process.version} · \`npm run bench:audit\` (db/audit-log.ts queries, in process, 20 runs each)`,
    "",
    "| query | median (ms) | p95 (ms) |",
    "|---|---:|---:|",
    ...results.map((r) => `| ${r.label} | ${r.medianMs} | ${r.p95Ms} |`),
    "",
  ].join("\n");
  fs.writeFileSync("bench/results/audit.md", md);
  console.log("wrote bench/results/audit.{json,md}");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
