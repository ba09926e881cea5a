import { bootstrapDatabase } from "../db/bootstrap";
import { todayIso } from "../lib/format";

async function main(): Promise<void> {
  const { path } = await bootstrapDatabase(todayIso(), { seed: false });
  console.log(`Migrated ${path}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
