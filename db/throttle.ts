import "server-only";
import { eq, inArray } from "drizzle-orm";
import { getDb, tx } from "./client";
import { signInThrottle } from "./schema";

/** Free failures before the delay starts, per kind of key; the delay then doubles per failure, up to the cap. */
const FREE = { account: 3, address: 10 } as const;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures are forgotten after this long without one. */
const FORGET_AFTER_MS = 30 * 60_000;

export type ThrottleKey = `account:${string}` | `address:${string}`;

const freeFor = (key: ThrottleKey) => (key.startsWith("account:") ? FREE.account : FREE.address);

/** How long (ms) the caller must still wait before trying these keys again; 0 when free. */
export function throttleWaitMs(keys: ThrottleKey[], now = Date.now()): number {
  if (keys.length === 0) return 0;
  const rows = getDb().select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).all();
  return rows.reduce((wait, r) => (now - r.lastFailureMs > FORGET_AFTER_MS ? wait : Math.max(wait, r.blockedUntilMs - now)), 0);
}

/** Records a failed sign-in against each key; the delay grows with each failure past the free ones. */
export function recordFailure(keys: ThrottleKey[], now = Date.now()): void {
  tx((db) => {
    for (const key of keys) {
      const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
      const failures = row && now - row.lastFailureMs <= FORGET_AFTER_MS ? row.failures + 1 : 1;
      const over = failures - freeFor(key);
      const delay = over <= 0 ? 0 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(over - 1, 20));
      const values = { failures, lastFailureMs: now, blockedUntilMs: now + delay };
      db.insert(signInThrottle).values({ key, ...values }).onConflictDoUpdate({ target: signInThrottle.key, set: values }).run();
    }
  });
}

export function clearFailures(keys: ThrottleKey[]): void {
  if (keys.length) getDb().delete(signInThrottle).where(inArray(signInThrottle.key, keys)).run();
}
