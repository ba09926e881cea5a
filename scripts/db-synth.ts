// npm run db:synth -- [--partners 10000] [--db ./data/synth.db] [--seed 42] [--jobs N] [--no-evaluate] [--today YYYY-MM-DD] [--large]
// Creates (or replaces) a database with N synthetic partners of realistic sizes, a channel manager
// (bench-manager@synthetic.example) and an admin for the first partner (bench-admin@synthetic.example),
// both with the password "demo-2026", and stores every partner's evaluation as of today — in --jobs
// processes at once (default: one per core), each evaluating its share of the partners and writing
// them in batches. With --no-evaluate the evaluations are left to the background refresher
// (`npm start` / `npm run refresher`): the portfolio shows those partners as being evaluated meanwhile.
// With --large, one more partner of a large reseller's size (db/synthetic.ts LARGE_PARTNER: 50,000
// revenue lines, 5,000 customers, 2,000 people), with its admin bench-large-admin@synthetic.example.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    partners: { type: "string", default: "10000" },
    db: { type: "string", default: "./data/synth.db" },
    seed: { type: "string", default: "42" },
    jobs: { type: "string", default: String(os.cpus().length) },
    "no-evaluate": { type: "boolean", default: false },
    large: { type: "boolean", default: false },
    today: { type: "string" },
    worker: { type: "string" }, // internal: "i/k", evaluate partners with id % k == i
  },
});

async function worker(spec: string, today: string): Promise<void> {
  const [i, k] = spec.split("/").map(Number) as [number, number];
  const { getDb } = await import("../db/client");
  const { getPartnerData } = await import("../db/partners");
  const { storeEvaluationsOffline } = await import("../db/portfolio");
  const { storedEvaluationOf } = await import("../lib/server/stored-evaluations");
  const db = getDb();
  db.$client.pragma("synchronous = OFF");
  const ids = db.$client.prepare("select id from partners where id % ? = ? order by id").pluck().all(k, i) as number[];
  let batch: { partnerId: number; evaluation: ReturnType<typeof storedEvaluationOf> }[] = [];
  let failed = 0;
  for (const id of ids) {
    const data = getPartnerData(id)!;
    try {
      batch.push({ partnerId: id, evaluation: storedEvaluationOf(data, today) });
    } catch {
      failed++; // left to the refresher, which records the failure
    }
    if (batch.length >= 500) {
      storeEvaluationsOffline(batch);
      batch = [];
    }
  }
  storeEvaluationsOffline(batch);
  if (failed) console.log(`worker ${spec}: ${failed} partners could not be evaluated`);
}

function runWorker(spec: string, file: string, today: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--worker", spec, "--db", file, "--today", today], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_PATH: file },
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`evaluation worker ${spec} failed (${code})`))));
  });
}

async function main(): Promise<void> {
  const file = path.resolve(values.db!);
  process.env.DATABASE_PATH = file;
  const { todayIso } = await import("../lib/format");
  const today = values.today ?? todayIso();
  if (values.worker) return worker(values.worker, today);

  const n = Number(values.partners);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error("--partners must be a whole number between 1 and 1000000");
  const jobs = Math.max(1, Number(values.jobs) || 1);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  // Imported after DATABASE_PATH is set: the connection opens on first use.
  const { getDb } = await import("../db/client");
  const { insertLargePartner, insertSyntheticPartners, withoutFactTriggers } = await import("../db/synthetic");
  const { createUser } = await import("../db/users");
  const db = getDb();
  // A new file that nothing else uses: no need to wait for the disk at each batch.
  db.$client.pragma("synchronous = OFF");
  db.$client.pragma("cache_size = -262144");
  let t = Date.now();
  const { ids, large } = withoutFactTriggers(db, () => ({
    ids: insertSyntheticPartners(db, { partners: n, today, seed: Number(values.seed) }),
    large: values.large ? insertLargePartner(db, { today, msPartnerId: String(49_000_000) }) : null,
  }));
  const counts = db.$client
    .prepare("select (select count(*) from revenue_lines) lines, (select count(*) from individuals) people, (select count(*) from exam_passes) passes")
    .get();
  console.log(`Inserted ${ids.length} partners in ${Date.now() - t} ms:`, counts);
  await createUser({ email: "bench-manager@synthetic.example", name: "Bench Manager", password: "demo-2026", role: "channel_manager", partnerId: null });
  await createUser({ email: "bench-admin@synthetic.example", name: "Bench Admin", password: "demo-2026", role: "partner_admin", partnerId: ids[0]! });
  if (large !== null)
    await createUser({
      email: "bench-large-admin@synthetic.example",
      name: "Bench Large Admin",
      password: "demo-2026",
      role: "partner_admin",
      partnerId: large,
    });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  if (!values["no-evaluate"]) {
    t = Date.now();
    await Promise.all(Array.from({ length: jobs }, (_, i) => runWorker(`${i}/${jobs}`, file, today)));
    const levels = db.$client.prepare("select level, count(*) n, sum(at_risk_on is not null) at_risk from partner_evaluations group by level").all();
    console.log(`Evaluated ${ids.length} partners as of ${today} in ${Date.now() - t} ms (${jobs} processes):`, levels);
  } else {
    console.log("Evaluations left to the background refresher (--no-evaluate).");
  }
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("synchronous = FULL");
  console.log(`Database: ${file} (${(fs.statSync(file).size / 1e9).toFixed(2)} GB)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
