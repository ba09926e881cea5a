import "server-only";
import { getRefreshRun, portfolioGenerationNumber } from "@/db/portfolio";

// Answers that are O(partners) to compute (the portfolio's counts, the review queue) change only with a
// write that bumps the generation number (migration 0004's triggers: partners, stored evaluations,
// failures, reviews) or with the date. So they are kept per (key, generation), in this process: a request
// that changes nothing reads one row to learn the generation. Several server processes each keep their
// own, all exact. While the background refresher brings the day's rows up to date the generation moves
// with every batch; recomputing at each request would put O(partners) back into the request path for
// the whole refresh, so answers up to REFRESHING_REUSE_MS old are reused then (the pages say figures
// are being updated). Once the day's rows are up to date, answers are exact at every generation.
const CACHE_SIZE = 200;
export const REFRESHING_REUSE_MS = 10_000;
/** How long the first request of a new day waits for the day's first count before it is answered with the previous day's. */
export const NEW_DAY_WAIT_MS = 150;
const cache = new Map<string, { generation: number; at: number; value: unknown }>();
const updatingOn = new Map<string, number>();

/** Records how many partners' rows do not hold `today` yet (the portfolio's counts say so). */
export function noteUpdating(today: string, partners: number): void {
  updatingOn.clear(); // one day matters at a time
  updatingOn.set(today, partners);
}

/** True while the day's rows are being brought up to date: the last counts said so, or the day's run holds a live lease. */
export function isRefreshing(today: string, nowMs = Date.now()): boolean {
  if ((updatingOn.get(today) ?? 0) > 0) return true;
  const run = getRefreshRun(today);
  return run !== null && run.finishedAt === null && run.leaseUntilMs > nowMs;
}

const inFlight = new Map<string, Promise<unknown>>();
const lastDay = new Map<string, { day: string; value: unknown }>();

/**
 * `compute()` once per generation of the data, for an answer computed off the server's thread
 * (lib/server/sql-worker.ts): the server goes on answering other requests meanwhile, and one computation
 * per key and generation runs at a time. While a refresh runs, a request is answered at once from the last answer for the same key (the same day and filter),
 * and an answer older than REFRESHING_REUSE_MS is recomputed in the background for the next requests.
 */
export async function cachedByGenerationAsync<T>(key: string, today: string, compute: () => Promise<T>): Promise<T> {
  const generation = portfolioGenerationNumber();
  const hit = cache.get(key);
  if (hit && hit.generation === generation) return hit.value as T;
  // Per generation: a request after a write never waits for (and takes) an answer computed before it.
  const flight = `${key}|${generation}`;
  const run = (): Promise<T> => {
    const running = inFlight.get(flight) as Promise<T> | undefined;
    if (running) return running;
    const p = compute().then(
      (value) => {
        const now = cache.get(key);
        // An answer computed from an older generation than one already stored is dropped.
        if (!now || now.generation <= generation) {
          cache.delete(key);
          cache.set(key, { generation, at: Date.now(), value });
          if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
        }
        inFlight.delete(flight);
        return value;
      },
      (err: unknown) => {
        inFlight.delete(flight);
        throw err;
      },
    );
    inFlight.set(flight, p);
    return p;
  };
  if (hit && isRefreshing(today)) {
    if (Date.now() - hit.at >= REFRESHING_REUSE_MS) run().catch((err: unknown) => console.error(`recount ${key}:`, err instanceof Error ? err.message : err));
    return hit.value as T;
  }
  return run();
}

/**
 * An answer that depends on the day (`name` and the day make the key), as cachedByGenerationAsync. On a
 * new day nothing is cached for it yet, and its first count scans every partner (half a second at
 * 400,000 on the worker thread): a request then waits at most NEW_DAY_WAIT_MS and is answered with the
 * previous day's answer, with that day, for the page to say so — the count goes on and the next request
 * has it. Returns the day the answer holds for. "exact" waits for today's (printed and exported documents).
 */
export async function cachedForDay<T>(
  name: string,
  today: string,
  compute: () => Promise<T>,
  waitMs: number | "exact" = NEW_DAY_WAIT_MS,
): Promise<{ value: T; day: string }> {
  const current = cachedByGenerationAsync(`${name}|${today}`, today, compute).then((value) => {
    const last = lastDay.get(name);
    if (!last || last.day <= today) lastDay.set(name, { day: today, value });
    return { value, day: today };
  });
  const previous = lastDay.get(name);
  if (!previous || previous.day >= today || waitMs === "exact") return current;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  current.catch((err: unknown) => console.error(`count ${name}:`, err instanceof Error ? err.message : err));
  const first = await Promise.race([current, late]);
  clearTimeout(timer);
  return first ?? { value: previous.value as T, day: previous.day };
}
