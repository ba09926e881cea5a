import { beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// On a new day nothing is cached for it, and its first count may take half a second at 400,000 partners:
// a page takes the previous day's answer (labelled with its day) rather than wait; documents wait.
const db0 = databaseTemplate("generation-cache", () => {
  insertSyntheticPartners(getDb(), { partners: 3, today: "2026-11-29", seed: 3 });
});

const { getDb } = await import("@/db/client");
const { insertSyntheticPartners } = await import("@/db/synthetic");
const { cachedForDay, NEW_DAY_WAIT_MS } = await import("./generation-cache");

beforeEach(async () => {
  await db0.fresh();
});

/** A count that answers when told to. */
function slowCount<T>(value: T) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  return {
    compute: async () => {
      calls++;
      await gate;
      return value;
    },
    release: () => release(),
    calls: () => calls,
  };
}

describe("cachedForDay", () => {
  it("answers the first request of a new day with the previous day's answer and its day, then today's once counted", async () => {
    const name = `t1-${Math.random()}`;
    expect(await cachedForDay(name, "2026-11-29", async () => 10)).toEqual({ value: 10, day: "2026-11-29" });
    const next = slowCount(20);
    const t0 = performance.now();
    const first = await cachedForDay(name, "2026-11-30", next.compute);
    expect(first).toEqual({ value: 10, day: "2026-11-29" });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(NEW_DAY_WAIT_MS - 5);
    // A second request meanwhile joins the same count (one count per day and generation).
    expect(await cachedForDay(name, "2026-11-30", next.compute)).toEqual({ value: 10, day: "2026-11-29" });
    expect(next.calls()).toBe(1);
    next.release();
    await new Promise((r) => setTimeout(r, 10));
    expect(await cachedForDay(name, "2026-11-30", next.compute)).toEqual({ value: 20, day: "2026-11-30" });
  });

  it("waits for today's answer when it comes in time, when asked for an exact one, and when there is no earlier day", async () => {
    const name = `t2-${Math.random()}`;
    const none = slowCount(1);
    const pending = cachedForDay(name, "2026-11-29", none.compute);
    setTimeout(none.release, NEW_DAY_WAIT_MS * 2);
    expect(await pending).toEqual({ value: 1, day: "2026-11-29" }); // nothing earlier to show: it waits
    expect(await cachedForDay(name, "2026-11-30", async () => 2)).toEqual({ value: 2, day: "2026-11-30" }); // in time
    const exact = slowCount(3);
    const doc = cachedForDay(name, "2026-12-01", exact.compute, "exact");
    setTimeout(exact.release, NEW_DAY_WAIT_MS * 2);
    expect(await doc).toEqual({ value: 3, day: "2026-12-01" });
  });

  it("never answers with a later day's value for an earlier day", async () => {
    const name = `t3-${Math.random()}`;
    await cachedForDay(name, "2026-11-30", async () => 30);
    expect(await cachedForDay(name, "2026-11-29", async () => 29)).toEqual({ value: 29, day: "2026-11-29" });
  });
});
