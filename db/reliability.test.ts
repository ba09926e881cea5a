// Reliability of the SQLite layer with real files and real processes: several writers at once (the
// IMMEDIATE transactions and busy_timeout of db/client.ts), and online backup / restore (db/backup.ts).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "@/lib/testing/temp-db";

const dbFile = createTempDatabase("reliability");
const dir = path.dirname(dbFile);

const { getDb } = await import("./client");
const schema = await import("./schema");
const { createUser } = await import("./users");
const { createCustomer } = await import("./facts");
const backup = await import("./backup");

const root = path.resolve(__dirname, "..");
let scope = { partnerId: 0, actorId: 0 };
let customerId = 0;

beforeAll(async () => {
  const db = getDb();
  const p = db.insert(schema.partners).values({ name: "Carga", msPartnerId: "9797001", market: "developed" }).returning().get();
  const u = await createUser({ email: "load@test.example", name: "Load", password: "long enough password", role: "partner_admin", partnerId: p.id });
  scope = { partnerId: p.id, actorId: u.id };
  const c = createCustomer(scope, { name: "Cliente", dporFrom: "2020-01-01", dporUntil: null });
  if (!c.ok) throw new Error(c.error);
  customerId = c.row.id;
});

interface WriterReport {
  tag: string;
  written: number;
  sumCents: number;
  errors: string[];
}

/** Starts scripts/reliability-writer.ts in its own process on the test database. */
function startWriter(tag: string, opts: { count?: number; stopFile?: string; goFile?: string }) {
  const args = [
    "--conditions=react-server",
    path.join(root, "scripts/reliability-writer.ts"),
    "--partner",
    String(scope.partnerId),
    "--actor",
    String(scope.actorId),
    "--customer",
    String(customerId),
    "--tag",
    tag,
  ];
  if (opts.count !== undefined) args.push("--count", String(opts.count));
  if (opts.stopFile) args.push("--stop-file", opts.stopFile);
  if (opts.goFile) args.push("--go-file", opts.goFile);
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), args, { cwd: root, env: { ...process.env, DATABASE_PATH: dbFile } });
  let out = "";
  let err = "";
  let onStarted: () => void = () => {};
  let onReady: () => void = () => {};
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.includes("ready")) onReady();
    if (out.includes("started")) onStarted();
  });
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<WriterReport>((resolve, reject) => {
    child.on("exit", (code) => {
      onReady();
      onStarted();
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`writer ${tag} exited ${code}: ${err || out}`));
      else resolve(JSON.parse(line) as WriterReport);
    });
  });
  return { ready, started, done };
}

function linesTagged(file: string, tag: string): { n: number; sum: number; audits: number } {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `select
        (select count(*) from revenue_lines where note like ? || '-%') n,
        (select coalesce(sum(amount_cents), 0) from revenue_lines where note like ? || '-%') sum,
        (select count(*) from audit_log a join revenue_lines r on r.id = cast(a.entity_id as integer)
           where a.entity = 'revenue_line' and a.action = 'create' and r.note like ? || '-%') audits`,
      )
      .get(tag, tag, tag) as { n: number; sum: number; audits: number };
  } finally {
    db.close();
  }
}

describe("several processes writing at once", () => {
  it("no writer sees SQLITE_BUSY or any other error; every line and its audit row is stored once; totals are exact to the cent", async () => {
    // All three start writing together (each waits for the go file), so their transactions contend.
    const goFile = path.join(dir, "go-writers");
    const writers = ["mp-a", "mp-b", "mp-c"].map((tag) => ({ tag, ...startWriter(tag, { count: 200, goFile }) }));
    await Promise.all(writers.map((w) => w.ready));
    fs.writeFileSync(goFile, "");
    const reports = await Promise.all(writers.map((w) => w.done));
    for (const r of reports) {
      expect(r.errors, r.tag).toEqual([]);
      expect(r.written, r.tag).toBe(200);
      const stored = linesTagged(dbFile, r.tag);
      expect(stored).toEqual({ n: 200, sum: r.sumCents, audits: 200 });
    }
    expect((getDb().$client.pragma("integrity_check") as { integrity_check: string }[])[0]!.integrity_check).toBe("ok");
  }, 120_000);
});

describe("backup while another process writes, then restore", () => {
  it("the copy is a consistent snapshot (every line with its audit row), passes integrity_check, and restores to the same rows and checksums", async () => {
    const stopFile = path.join(dir, "stop-backup-writer");
    const writer = startWriter("bk", { stopFile });
    await writer.started;
    const copies = [1, 2, 3].map((i) => backup.backupDatabase(dbFile, path.join(dir, "backups", `during-${i}.db`)));
    // Keep the writer going until it has written past the last copy, so the copies were taken mid-load.
    const last = copies[copies.length - 1]!;
    const inLast = linesTagged(last.file, "bk").n;
    while (linesTagged(dbFile, "bk").n <= inLast) await new Promise((r) => setTimeout(r, 20));
    fs.writeFileSync(stopFile, "");
    const report = await writer.done;
    expect(report.errors).toEqual([]);

    for (const copy of copies) {
      expect(backup.integrityCheck(copy.file)).toBe("ok");
      const tagged = linesTagged(copy.file, "bk");
      // A transaction is in the copy whole or not at all: every line has its audit row.
      expect(tagged.audits).toBe(tagged.n);
      expect(tagged.n).toBeLessThan(report.written);
      // The copy's own summary is what the file holds.
      expect(backup.describeDatabase(copy.file)).toEqual(copy.tables);
    }
    expect(linesTagged(copies[0]!.file, "bk").n).toBeGreaterThan(0);

    // Restore the last copy into a new file, and over an existing database (kept as *.before-restore).
    const fresh = path.join(dir, "restored", "new.db");
    const restored = backup.restoreDatabase(last.file, fresh);
    expect(restored.previous).toBeNull();
    expect(backup.integrityCheck(fresh)).toBe("ok");
    expect(backup.describeDatabase(fresh)).toEqual(last.tables);

    const existing = path.join(dir, "restored", "existing.db");
    backup.backupDatabase(dbFile, existing); // a complete, different database to be replaced
    const existingBefore = backup.describeDatabase(existing);
    const over = backup.restoreDatabase(copies[0]!.file, existing);
    expect(backup.describeDatabase(existing)).toEqual(copies[0]!.tables);
    expect(over.previous).toMatch(/existing\.db\..+\.before-restore$/);
    expect(backup.describeDatabase(over.previous!)).toEqual(existingBefore);
    expect(existingBefore.revenue_lines!.rows).toBeGreaterThan(copies[0]!.tables.revenue_lines!.rows);
  }, 120_000);

  it("a backup never overwrites a file, and lands in <dir>/backups/<name>-<timestamp>.db by default", () => {
    const out = path.join(dir, "backups", "exists.db");
    backup.backupDatabase(dbFile, out);
    expect(() => backup.backupDatabase(dbFile, out)).toThrow(/already exists/);
    expect(backup.defaultBackupPath("/srv/data/app.db", new Date("2026-05-04T10:20:30.123Z"))).toBe("/srv/data/backups/app-2026-05-04T10-20-30-123Z.db");
  });
});

describe("restore refuses", () => {
  const copy = () => backup.backupDatabase(dbFile, path.join(dir, "backups", `r-${Math.random().toString(36).slice(2)}.db`)).file;

  it("while another connection has the database open (a running server), and changes nothing", () => {
    getDb(); // this process holds the live database open, as the server would
    const file = copy();
    const before = fs.readdirSync(dir).sort();
    expect(() => backup.restoreDatabase(file, dbFile)).toThrow(backup.DatabaseInUseError);
    expect(fs.readdirSync(dir).filter((f) => !before.includes(f))).toEqual([]);
    expect(getDb().select().from(schema.partners).all().length).toBeGreaterThan(0);
  });

  it("a damaged copy, a file that is not this app's database, a missing file", () => {
    const target = path.join(dir, "refuse-target.db");
    const damaged = copy();
    const bytes = fs.readFileSync(damaged);
    // Overwrite the middle of the file (table pages), keeping the header readable.
    bytes.fill(0xa5, 4096 * 2, bytes.length - 4096);
    fs.writeFileSync(damaged, bytes);
    expect(() => backup.restoreDatabase(damaged, target)).toThrow();
    const foreign = path.join(dir, "foreign.db");
    new Database(foreign).exec("create table t(x); insert into t values (1)");
    expect(() => backup.restoreDatabase(foreign, target)).toThrow(/not a database of this app/);
    expect(() => backup.restoreDatabase(path.join(dir, "nope.db"), target)).toThrow(/No database file/);
    expect(fs.existsSync(target)).toBe(false);
  });
});
