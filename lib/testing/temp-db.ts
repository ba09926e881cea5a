// For unit tests of db/ modules: points DATABASE_PATH at a fresh temporary SQLite file. Call it before
// the first db/ import (the connection is opened lazily on first use and kept per process).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function useTempDatabase(name = "test"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cct-${name}-`));
  const file = path.join(dir, "app.db");
  process.env.DATABASE_PATH = file;
  return file;
}
