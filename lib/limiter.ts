// A bound on how much of an expensive kind of work runs at once. `run` starts the work when one of the
// `concurrency` slots is free, lets at most `queue` callers wait for a slot, and refuses everyone else AT
// ONCE with `Busy` — so a flood is answered quickly instead of piling up behind the CPU.

export class Busy extends Error {
  constructor() {
    super("busy: too much of this work is running; try again in a moment");
    this.name = "Busy";
  }
}

export interface Limiter {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly concurrency: number;
  readonly queue: number;
  /** Work running now and callers waiting (for tests and diagnostics). */
  readonly active: number;
  readonly waiting: number;
  /** The most work that ever ran at once. */
  readonly highWater: number;
}

export function createLimiter(concurrency: number, queue: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, not ${concurrency}`);
  if (!Number.isInteger(queue) || queue < 0) throw new Error(`queue must be a non-negative integer, not ${queue}`);
  let active = 0;
  let highWater = 0;
  const waiters: Array<() => void> = [];
  return {
    concurrency,
    queue,
    get active() {
      return active;
    },
    get waiting() {
      return waiters.length;
    },
    get highWater() {
      return highWater;
    },
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (active >= concurrency) {
        if (waiters.length >= queue) throw new Busy();
        await new Promise<void>((resolve) => waiters.push(resolve)); // the slot is handed over, `active` unchanged
      } else {
        active++;
      }
      highWater = Math.max(highWater, active);
      try {
        return await work();
      } finally {
        const next = waiters.shift();
        if (next) next();
        else active--;
      }
    },
  };
}

/** A positive integer from the environment, or the default. */
export function envInt(value: string | undefined, fallback: number, min = 1): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isInteger(n) && n >= min ? n : fallback;
}
