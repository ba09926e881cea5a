import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// A page view's writes in passing (a session's "last seen") never wait for another process's write lock:
// they are skipped, and the view goes on. Other writes still wait (busy_timeout is put back).
const db0 = databaseTemplate("if-free", () => {
  getDb().insert(schema.users).values({ email: "pa@example.com", name: "PA", passwordHash: "x", role: "channel_manager" }).run();
});

const { getDb, ifFree } = await import("./client");
const schema = await import("./schema");
const { createSession, getSessionUser } = await import("./sessions");

let file = "";
let other: Database.Database | null = null;
beforeEach(async () => {
  file = await db0.fresh();
});
afterEach(() => {
  other?.close();
  other = null;
});

/** Another process's write transaction, holding the lock until released. */
function holdWriteLock(): () => void {
  other = new Database(file);
  other.exec("BEGIN IMMEDIATE");
  return () => other!.exec("COMMIT");
}

describe("ifFree", () => {
  it("skips a write at once while another connection holds the lock, writes when it is free, and puts the wait back", () => {
    getDb(); // opened and migrated before the other connection
    const release = holdWriteLock();
    const t0 = Date.now();
    expect(ifFree(() => getDb().$client.prepare("update users set name = 'X'").run().changes)).toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(getDb().$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    release();
    expect(ifFree(() => getDb().$client.prepare("update users set name = 'X'").run().changes)).toBe(1);
    expect(() => ifFree(() => getDb().$client.prepare("update nothing set x = 1").run())).toThrow(); // other errors are not hidden
  });

  it("a session is read while another process writes: its 'last seen' waits for a later view", () => {
    const user = getDb().select().from(schema.users).get()!;
    const { token } = createSession(user.id);
    const later = Date.now() + 5 * 60_000;
    const release = holdWriteLock();
    const t0 = Date.now();
    expect(getSessionUser(token, later)?.id).toBe(user.id);
    expect(Date.now() - t0).toBeLessThan(1000);
    const seen = () => getDb().select({ at: schema.sessions.lastSeenAtMs }).from(schema.sessions).get()!.at;
    expect(seen()).toBeLessThan(later);
    release();
    expect(getSessionUser(token, later)?.id).toBe(user.id);
    expect(seen()).toBe(later);
  });
});
