// npm run db:backup [-- --out FILE] — a consistent copy of the database while the app keeps serving.
// Default: <database dir>/backups/<name>-<timestamp>.db (./data/backups/app-<timestamp>.db).
import { databasePath } from "../db/client";
import { backupDatabase, defaultBackupPath } from "../db/backup";
import { printTables } from "./db-tables";

function main(): void {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf("--out");
  if (outIndex >= 0 && !args[outIndex + 1]) {
    console.error("Usage: npm run db:backup [-- --out FILE]");
    process.exit(2);
  }
  const source = databasePath();
  const out = outIndex >= 0 ? args[outIndex + 1]! : defaultBackupPath(source);
  const result = backupDatabase(source, out);
  console.log(`Backed up ${source} to ${result.file} (${result.bytes} bytes, integrity_check ok).`);
  printTables(result.tables);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
