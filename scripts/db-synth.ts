// npm run db:synth -- [--partners 10000] [--db ./data/synth.db] [--seed 42]
// Creates (or replaces) a database with N synthetic partners of realistic sizes, a channel manager
// (bench-manager@synthetic.example) and an admin for the first partner (bench-admin@synthetic.example),
// both with the password "demo-2026", and stores every partner's evaluation as of today.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { partners: { type: "string", default: "10000" }, db: { type: "string", default: "./data/synth.db" }, seed: { type: "string", default: "42" } },
  });
  const n = Number(values.partners);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error("--partners must be a whole number between 1 and 1000000");
  const file = path.resolve(values.db!);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  process.env.DATABASE_PATH = file;
  // Imported after DATABASE_PATH is set: the connection opens on first use.
  const { getDb } = await import("../db/client");
  const { insertSyntheticPartners } = await import("../db/synthetic");
  const { createUser } = await import("../db/users");
  const { refreshStaleEvaluations } = await import("../lib/server/stored-evaluations");
  const { todayIso } = await import("../lib/format");
  const today = todayIso();
  const db = getDb();
  let t = Date.now();
  const ids = insertSyntheticPartners(db, { partners: n, today, seed: Number(values.seed) });
  const counts = db.$client.prepare("select (select count(*) from revenue_lines) lines, (select count(*) from individuals) people, (select count(*) from exam_passes) passes").get();
  console.log(`Inserted ${ids.length} partners in ${Date.now() - t} ms:`, counts);
  await createUser({ email: "bench-manager@synthetic.example", name: "Bench Manager", password: "demo-2026", role: "channel_manager", partnerId: null });
  await createUser({ email: "bench-admin@synthetic.example", name: "Bench Admin", password: "demo-2026", role: "partner_admin", partnerId: ids[0]! });
  t = Date.now();
  const refreshed = refreshStaleEvaluations(today);
  const levels = db.$client.prepare("select level, count(*) n, sum(at_risk_on is not null) at_risk from partner_evaluations group by level").all();
  console.log(`Evaluated ${refreshed} partners in ${Date.now() - t} ms:`, levels);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`Database: ${file}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
