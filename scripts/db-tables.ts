import type { TableSummary } from "../db/backup";

/** One line per table: rows and the start of its checksum (to compare a backup with its restore). */
export function printTables(tables: Record<string, TableSummary>): void {
  for (const [name, t] of Object.entries(tables)) console.log(`  ${name.padEnd(24)} ${String(t.rows).padStart(8)} rows  ${t.checksum.slice(0, 16)}`);
}
