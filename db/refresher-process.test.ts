// The refresher as it runs in production: its own process (scripts/refresher.ts) on a real SQLite file,
// killed with SIGKILL in the middle of the day's run, then started again.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "@/lib/testing/temp-db";

const file = createTempDatabase("refresher-process");
const { getDb } = await import("./client");
const portfolio = await import("./portfolio");
const { insertSyntheticPartners } = await import("./synthetic");

const TODAY = "2026-11-25";
const N = 1500;
const root = path.resolve(__dirname, "..");

function startRefresher(args: string[] = []): ChildProcess {
  // node itself with tsx's loader (not the tsx wrapper, whose child would outlive a SIGKILL).
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(root, "scripts", "refresher.ts"), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: file, REFRESHER_TODAY: TODAY, REFRESHER_LEASE_MS: "3000", REFRESHER_BATCH_MS: "20", REFRESHER_NICE: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}
const exited = (p: ChildProcess) =>
  new Promise<number | null>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve(p.exitCode) : p.once("close", (code) => resolve(code))));
const stored = () => getDb().$client.prepare("select count(*) from partner_evaluations where as_of = ?").pluck().get(TODAY) as number;

beforeAll(() => {
  insertSyntheticPartners(getDb(), { partners: N, today: TODAY, seed: 5 });
});

describe("the refresher process", () => {
  it("resumes after a kill in the middle of a run, and finishes every partner exactly once", async () => {
    expect(stored()).toBe(0);
    const first = startRefresher();
    let out = "";
    first.stdout!.on("data", (d) => (out += d));
    first.stderr!.on("data", (d) => (out += d));
    // Wait (polling the database, as a server would read it) until some batches are committed.
    while (stored() < 50) {
      if (first.exitCode !== null) throw new Error(`the refresher exited early:\n${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.kill("SIGKILL");
    await exited(first);
    const midway = stored();
    const run = portfolio.getRefreshRun(TODAY)!;
    expect(midway).toBeLessThan(N);
    expect(run.finishedAt).toBeNull();
    expect(run.cursor).toBeGreaterThan(0);
    expect(run.refreshed).toBe(midway); // the cursor and the rows are committed together

    // The portfolio meanwhile answers from stored rows, with every partner counted.
    const counts = portfolio.portfolioCounts(TODAY, "2026-12-31");
    expect(counts.total).toBe(N);
    expect(counts.pending).toBe(N - midway);

    // A new process waits for the dead holder's lease to expire, then finishes from the cursor.
    const second = startRefresher(["--once"]);
    let out2 = "";
    second.stdout!.on("data", (d) => (out2 += d));
    second.stderr!.on("data", (d) => (out2 += d));
    expect(await exited(second), out2).toBe(0);
    expect(stored()).toBe(N);
    expect(portfolio.partnersWithStaleEvaluation(TODAY)).toEqual([]);
    const done = portfolio.getRefreshRun(TODAY)!;
    expect(done.finishedAt).not.toBeNull();
    expect(done.refreshed).toBe(N);
    expect(out2).toContain(`resuming after partner ${run.cursor}`);
  }, 180_000);
});
