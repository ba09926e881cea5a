import "server-only";
import { claimRefreshRun, refreshBatch, releaseRefreshRun } from "@/db/portfolio";
import { todayIso } from "@/lib/format";
import { storedEvaluationOf } from "@/lib/server/stored-evaluations";

// The background refresher (docs/decisions/0006-background-refresher.md). It runs in its own process
// (scripts/refresher.ts, supervised by `npm start`), never in a request: at start and whenever the
// business date changes it brings every stored evaluation up to date for the day, in short write
// transactions, under the day's lease so that several servers sharing one database never do it twice.

export interface RefresherOptions {
  /** Who holds the lease: unique per process (host, pid, a random part). */
  holder: string;
  /** How long a lease lasts without a batch renewing it (a dead holder's run is taken over after it). */
  leaseMs?: number;
  /** A write transaction stops taking more partners after this long. */
  batchMs?: number;
  /** At most this many partners per write transaction. */
  batchPartners?: number;
  /**
   * Pause between transactions, so that requests' writes get the lock: as long as a batch (the lock is
   * free half the time), so a waiting writer finds it free within a few of SQLite's busy-handler retries.
   */
  pauseMs?: number;
  /** The business date now (tests and faketime runs change the clock). */
  today?: () => string;
  /** Asked between batches: true stops the run cleanly (the lease is released, the cursor kept). */
  shouldStop?: () => boolean;
  log?: (message: string) => void;
}

export type DayResult = {
  status: "finished" | "done" | "held" | "lost" | "stopped" | "dayChanged";
  asOf: string;
  refreshed: number;
  failed: number;
  ms: number;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Brings the stored evaluations of `asOf` up to date, if this process can claim the day's run: it
 * resumes at the run's cursor (a crashed holder's batch is simply redone) and stops when the pass
 * reaches the last partner (`finished`), when nothing was stale (`done`), when another live process
 * holds the run (`held`) or takes it over (`lost`), when asked to stop, or when the date changes.
 */
export async function refreshDay(asOf: string, opts: RefresherOptions): Promise<DayResult> {
  const t0 = Date.now();
  const leaseMs = opts.leaseMs ?? 30_000;
  const log = opts.log ?? (() => {});
  let refreshed = 0;
  let failed = 0;
  const result = (status: DayResult["status"]): DayResult => ({ status, asOf, refreshed, failed, ms: Date.now() - t0 });
  const claim = claimRefreshRun(asOf, opts.holder, Date.now(), leaseMs);
  if (!claim.claimed) return result(claim.reason);
  log(`refresh of ${asOf}: claimed (pass ${claim.run.passes}, resuming after partner ${claim.run.cursor}, ${claim.run.refreshed} refreshed so far)`);
  for (;;) {
    if (opts.shouldStop?.()) {
      releaseRefreshRun(asOf, opts.holder);
      return result("stopped");
    }
    if (opts.today && opts.today() !== asOf) {
      releaseRefreshRun(asOf, opts.holder);
      return result("dayChanged");
    }
    const r = refreshBatch(
      asOf,
      opts.holder,
      { leaseMs, maxMs: opts.batchMs ?? 25, maxPartners: opts.batchPartners ?? 200 },
      (data) => storedEvaluationOf(data, asOf),
      (id, err) => log(`partner ${id} could not be evaluated as of ${asOf}: ${err instanceof Error ? err.message : String(err)}`),
    );
    if (!r.held) return result("lost");
    refreshed += r.refreshed;
    failed += r.failed;
    if (r.finished) {
      log(`refresh of ${asOf}: finished, ${refreshed} refreshed, ${failed} failed, in ${Date.now() - t0} ms`);
      return result("finished");
    }
    await sleep(opts.pauseMs ?? 25);
  }
}

/** Milliseconds until the next local midnight (the business date is the server's local date). */
export function msUntilMidnight(now = new Date()): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 0, 0);
  return Math.max(0, next.getTime() - now.getTime());
}

/**
 * The refresher's loop: refresh today's run, then wait until the next check (each `checkMs`, and just
 * after midnight) and again. A day already finished costs one cheap query per check; rows found stale
 * later the same day (a recompute after a write that failed) are picked up at the next check.
 */
export async function runRefresher(opts: RefresherOptions & { checkMs?: number }): Promise<void> {
  const today = opts.today ?? (() => todayIso());
  const checkMs = opts.checkMs ?? 60_000;
  while (!opts.shouldStop?.()) {
    try {
      await refreshDay(today(), { ...opts, today });
    } catch (err) {
      opts.log?.(`refresh failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    const until = Date.now() + Math.min(checkMs, msUntilMidnight() + 500);
    while (Date.now() < until && !opts.shouldStop?.()) await sleep(Math.min(1000, until - Date.now()));
  }
}
