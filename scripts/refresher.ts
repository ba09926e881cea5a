// `npm run refresher`: the background refresher of stored evaluations (lib/server/refresher.ts), as its
// own process beside `next start`. `npm start` runs and supervises it; in production run it beside the
// server (one per server is fine: a lease row per day keeps them from doing the same work twice).
//   npm run refresher            runs until stopped (SIGINT/SIGTERM stop it cleanly)
//   npm run refresher -- --once  brings today's evaluations up to date, then exits
import os from "node:os";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { once: { type: "boolean", default: false } } });
  // Requests go first: the refresher yields the CPU to the web server whenever both want it.
  try {
    os.setPriority(Number(process.env.REFRESHER_NICE ?? 19));
  } catch {
    /* not allowed here: run at normal priority */
  }
  const { getDb } = await import("../db/client");
  const { refreshDay, runRefresher } = await import("../lib/server/refresher");
  const { todayIso } = await import("../lib/format");
  getDb(); // opens and migrates
  const holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const log = (m: string) => console.log(`[refresher ${new Date().toISOString()}] ${m}`);
  let stop = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.on(sig, () => {
      stop = true;
    });
  const opts = {
    holder,
    log,
    shouldStop: () => stop,
    batchMs: Number(process.env.REFRESHER_BATCH_MS ?? 25),
    pauseMs: Number(process.env.REFRESHER_PAUSE_MS ?? 25),
    leaseMs: Number(process.env.REFRESHER_LEASE_MS ?? 30_000),
    // A fixed business date (tests); by default the server's local date, checked between batches.
    today: process.env.REFRESHER_TODAY ? () => process.env.REFRESHER_TODAY! : undefined,
    checkMs: Number(process.env.REFRESHER_CHECK_MS ?? 60_000),
  };
  if (values.once) {
    for (;;) {
      const r = await refreshDay(opts.today?.() ?? todayIso(), opts);
      if (r.status !== "held") break;
      await new Promise((res) => setTimeout(res, 1000)); // another process holds it: wait until it finishes or dies
    }
    return;
  }
  log(`started (${holder})`);
  await runRefresher(opts);
  log("stopped");
}

main().then(
  () => {
    process.exitCode = 0;
  }, // let stdout drain (a pipe is written asynchronously)
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
