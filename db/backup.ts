import "server-only";
// Online backup and offline restore of the SQLite file.
//
// Backup: `VACUUM INTO` runs inside one read transaction, so the copy is a consistent snapshot even while
// the app writes (WAL lets readers and the writer proceed side by side). The copy is written under a
// temporary name, checked with `PRAGMA integrity_check`, and only then renamed to its final name.
//
// Restore: refuses a copy that fails `integrity_check` or is not a database of this app, refuses while
// any other connection has the target open (a running server), keeps the replaced file as
// `<target>.<timestamp>.before-restore`, and puts the copy in place with an atomic rename.
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** 2026-05-04T10-20-30-123Z: sortable and safe in file names. */
export function fileTimestamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, "-");
}

/** Where `npm run db:backup` puts a copy by default: `<db dir>/backups/<db name>-<timestamp>.db`. */
export function defaultBackupPath(dbFile: string, now = new Date()): string {
  const base = path.basename(dbFile).replace(/\.db$/, "");
  return path.join(path.dirname(dbFile), "backups", `${base}-${fileTimestamp(now)}.db`);
}

export interface TableSummary {
  rows: number;
  /** SHA-256 over every row in rowid order: two files with the same checksum per table hold the same data. */
  checksum: string;
}

function openExisting(file: string, readonly: boolean): Database.Database {
  if (!fs.existsSync(file)) throw new Error(`No database file at ${file}.`);
  return new Database(file, { readonly, fileMustExist: true });
}

function userTables(db: Database.Database): string[] {
  return (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function summarise(db: Database.Database): Record<string, TableSummary> {
  const out: Record<string, TableSummary> = {};
  for (const table of userTables(db)) {
    const hash = createHash("sha256");
    let rows = 0;
    for (const row of db
      .prepare(`select * from ${quoteIdent(table)} order by rowid`)
      .raw()
      .iterate()) {
      hash.update(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
      hash.update("\n");
      rows++;
    }
    out[table] = { rows, checksum: hash.digest("hex") };
  }
  return out;
}

/** Row counts and checksums of every table, read in one transaction (a consistent view). */
export function describeDatabase(file: string): Record<string, TableSummary> {
  const db = openExisting(file, true);
  try {
    return db.transaction(() => summarise(db))();
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of a file: "ok", or the problems SQLite found. */
export function integrityCheck(file: string): string {
  const db = openExisting(file, true);
  try {
    return (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/** Migrations table and core tables of this app: a guard against restoring some other SQLite file. */
function assertAppDatabase(file: string): void {
  const db = openExisting(file, true);
  try {
    const tables = new Set(userTables(db));
    const missing = ["__drizzle_migrations", "partners", "users", "audit_log"].filter((t) => !tables.has(t));
    if (missing.length) throw new Error(`${file} is not a database of this app (missing tables: ${missing.join(", ")}).`);
  } finally {
    db.close();
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  tables: Record<string, TableSummary>;
}

/** Copies the live database at `source` into `out` (which must not exist yet) while the app may be writing. */
export function backupDatabase(source: string, out: string): BackupResult {
  if (fs.existsSync(out)) throw new Error(`${out} already exists; choose another name.`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  const db = openExisting(source, false);
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare("VACUUM INTO ?").run(partial);
  } finally {
    db.close();
  }
  const check = integrityCheck(partial);
  if (check !== "ok") {
    fs.rmSync(partial, { force: true });
    throw new Error(`The copy failed integrity_check: ${check}`);
  }
  fsyncPath(partial);
  fs.renameSync(partial, out);
  fsyncPath(path.dirname(out));
  return { file: out, bytes: fs.statSync(out).size, tables: describeDatabase(out) };
}

/** Flushes a file (or a directory, so a rename in it is durable) to disk. */
function fsyncPath(p: string): void {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export class DatabaseInUseError extends Error {
  constructor(file: string) {
    super(`${file} is open in another process (is the server running?). Stop the server, then restore.`);
    this.name = "DatabaseInUseError";
  }
}

/**
 * Takes the target's exclusive lock without waiting. Any other open connection (a running server, even an
 * idle one, holds a shared lock in WAL mode) makes this fail, which is how a running writer is detected.
 * On success the WAL is checkpointed into the main file, so the file alone holds every committed write.
 */
function lockAndCheckpoint(file: string): void {
  const db = openExisting(file, false);
  try {
    db.pragma("busy_timeout = 0");
    try {
      db.pragma("locking_mode = EXCLUSIVE");
      db.exec("BEGIN EXCLUSIVE");
      db.exec("COMMIT");
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith("SQLITE_BUSY")) throw new DatabaseInUseError(file);
      throw err;
    }
    const [cp] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
    if (cp && cp.busy !== 0) throw new DatabaseInUseError(file);
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  file: string;
  /** The database that was replaced, kept whole; null when there was none. */
  previous: string | null;
  tables: Record<string, TableSummary>;
}

/** Puts the backup `from` in place of the database `target`. The server must be stopped (checked). */
export function restoreDatabase(from: string, target: string, now = new Date()): RestoreResult {
  if (path.resolve(from) === path.resolve(target)) throw new Error("The backup and the database are the same file.");
  const check = integrityCheck(from);
  if (check !== "ok") throw new Error(`${from} failed integrity_check, nothing restored: ${check}`);
  assertAppDatabase(from);

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const hasTarget = fs.existsSync(target);
  if (hasTarget) lockAndCheckpoint(target); // refuses while the server (or anything else) has it open

  const incoming = `${target}.restore-${fileTimestamp(now)}.partial`;
  let previous: string | null = null;
  try {
    fs.copyFileSync(from, incoming);
    fsyncPath(incoming);
    if (hasTarget) {
      // After a TRUNCATE checkpoint with no other connection the WAL is empty. A stale WAL must never be
      // replayed onto the restored file, so whatever is left goes with the old database.
      previous = `${target}.${fileTimestamp(now)}.before-restore`;
      fs.renameSync(target, previous);
      for (const suffix of ["-wal", "-shm", "-journal"]) {
        if (!fs.existsSync(target + suffix)) continue;
        if (suffix === "-shm") fs.rmSync(target + suffix, { force: true });
        else fs.renameSync(target + suffix, previous + suffix);
      }
    }
    fs.renameSync(incoming, target);
  } finally {
    fs.rmSync(incoming, { force: true });
  }
  fsyncPath(path.dirname(target));
  const after = integrityCheck(target);
  if (after !== "ok") throw new Error(`The restored database failed integrity_check: ${after}`);
  return { file: target, previous, tables: describeDatabase(target) };
}
