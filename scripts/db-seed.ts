import { bootstrapDatabase } from "../db/bootstrap";
import { todayIso } from "../lib/format";

async function main(): Promise<void> {
  const { path, seeded } = await bootstrapDatabase(todayIso(), { seed: true });
  console.log(seeded.length ? `Seeded ${seeded.length} demo accounts into ${path}` : `${path} is not empty; nothing seeded.`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
