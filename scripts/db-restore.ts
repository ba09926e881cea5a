// npm run db:restore -- FILE — puts a backup in place of the database (DATABASE_PATH, default ./data/app.db).
// Stop the server first: the restore refuses while another process has the database open. The replaced
// database is kept as <database>.<timestamp>.before-restore.
import path from "node:path";
import { databasePath } from "../db/client";
import { DatabaseInUseError, restoreDatabase } from "../db/backup";
import { printTables } from "./db-tables";

function main(): void {
  const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!file) {
    console.error("Usage: npm run db:restore -- FILE   (stop the server first; DATABASE_PATH selects the database)");
    process.exit(2);
  }
  const target = databasePath();
  const result = restoreDatabase(path.resolve(file), target);
  console.log(`Restored ${target} from ${file} (integrity_check ok).`);
  if (result.previous) console.log(`The replaced database is kept as ${result.previous}.`);
  printTables(result.tables);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(err instanceof DatabaseInUseError ? 3 : 1);
}
