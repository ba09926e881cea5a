import "server-only";
import { getDb, databasePath } from "./client";
import { isEmpty, seedDemo, type SeededAccount } from "./seed";

/** Migrates the database and seeds the demo when it is empty. Returns the accounts it created (none when not empty). */
export async function bootstrapDatabase(today: string, opts: { seed: boolean }): Promise<{ path: string; seeded: SeededAccount[] }> {
  const db = getDb(); // opening migrates
  const seeded = opts.seed && isEmpty(db) ? await seedDemo(db, today) : [];
  return { path: databasePath(), seeded };
}
