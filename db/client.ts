import "server-only";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH ?? "./data/app.db");
}

const MIGRATIONS = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/** Opens a SQLite file with the pragmas every connection of this app uses. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = FULL");
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS });
}

// One connection per process, opened on first use (never at build time).
const globalForDb = globalThis as unknown as { __competencyDb?: Db };

export function getDb(): Db {
  if (!globalForDb.__competencyDb) {
    const db = openDatabase(databasePath());
    migrateDatabase(db);
    globalForDb.__competencyDb = db;
  }
  return globalForDb.__competencyDb;
}

/** Runs fn in one IMMEDIATE transaction (the write lock is taken at the start, so no upgrade deadlocks). */
export function tx<T>(fn: (db: Db) => T): T {
  const db = getDb();
  return db.$client.transaction(() => fn(db)).immediate();
}

/**
 * tx() for bookkeeping (throttle counters) whose very last commits may be lost on a power failure — never
 * on a crash of the process, and never leaving the file inconsistent: this commit skips the fsync
 * (synchronous = NORMAL in WAL mode), which costs milliseconds of the main thread per call otherwise.
 */
export function bookkeepingTx<T>(fn: (db: Db) => T): T {
  const sqlite = getDb().$client;
  sqlite.pragma("synchronous = NORMAL");
  try {
    return tx(fn);
  } finally {
    sqlite.pragma("synchronous = FULL");
  }
}

/**
 * A query that pages run on every request, built and prepared once per connection with drizzle's
 * prepared statements (`.prepare()` with `sql.placeholder`): the query builder's SQL and the SQLite
 * statement are made once instead of per call, which was ~10 % of a dashboard request's CPU. Tests
 * switch connections between cases: each connection gets its own.
 */
export function preparedPerConnection<T>(build: (db: Db) => T): () => T {
  const byConnection = new WeakMap<Db, T>();
  return () => {
    const db = getDb();
    let query = byConnection.get(db);
    if (query === undefined) {
      query = build(db);
      byConnection.set(db, query);
    }
    return query;
  };
}

/** Closes this process's connection (tests switch files between cases; scripts close before exiting). */
export function closeDb(): void {
  globalForDb.__competencyDb?.$client.close();
  globalForDb.__competencyDb = undefined;
}

/**
 * For a write a page view makes in passing (a session's "last seen", the day's notification scan): done
 * now if the database is free, else skipped — the next page view tries again. Another process (the
 * background refresher) may hold the write lock in short batches; waiting for it would stop this
 * server's thread, and every request with it, for as long as SQLite's busy handler sleeps. Returns
 * undefined when skipped.
 */
export function ifFree<T>(fn: () => T): T | undefined {
  const sqlite = getDb().$client;
  sqlite.pragma("busy_timeout = 0");
  try {
    return fn();
  } catch (err) {
    if ((err as { code?: string }).code === "SQLITE_BUSY") return undefined;
    throw err;
  } finally {
    sqlite.pragma("busy_timeout = 5000");
  }
}
