// For unit tests of db/ modules: points DATABASE_PATH at a fresh temporary SQLite file. Call it before
// the first db/ import (the connection is opened lazily on first use and kept per process).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function createTempDatabase(name = "test"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cct-${name}-`));
  const file = path.join(dir, "app.db");
  process.env.DATABASE_PATH = file;
  return file;
}

/**
 * A fresh copy of a prepared database for each test: `prepare` runs once on a migrated file (the
 * template); `fresh()` closes the current connection and points the app at a new copy of the template,
 * so every test starts from the same state whatever ran before it, and alone passes as in the suite.
 */
export function databaseTemplate(name: string, prepare: () => void | Promise<void>) {
  const template = createTempDatabase(`${name}-template`);
  let ready: Promise<void> | null = null;
  return {
    template,
    async fresh(): Promise<string> {
      const { closeDb, getDb } = await import("@/db/client");
      ready ??= (async () => {
        await prepare();
        getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
        closeDb();
      })();
      await ready;
      closeDb();
      const file = createTempDatabase(name);
      fs.copyFileSync(template, file);
      return file;
    },
  };
}
