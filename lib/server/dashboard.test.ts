import { beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// The dashboard's model is kept per partner while its data stamp and the date stay the same: any write
// to its facts (from this process or another: migration 0009's triggers) or settings must be seen at once.
const db0 = databaseTemplate("dashboard", () => {
  const db = getDb();
  ids = insertSyntheticPartners(db, { partners: 3, today: TODAY, seed: 5 });
  actor = db
    .insert(schema.users)
    .values({ email: "pa@example.com", name: "PA", passwordHash: "x", role: "partner_admin", partnerId: ids[0]! })
    .returning()
    .get().id;
});

const { getDb } = await import("@/db/client");
const schema = await import("@/db/schema");
const facts = await import("@/db/facts");
const { insertSyntheticPartners } = await import("@/db/synthetic");
const { buildDashboard } = await import("./dashboard");

const TODAY = "2026-11-25";
let ids: number[] = [];
let actor = 0;

beforeEach(async () => {
  await db0.fresh();
});

describe("dashboard model cache", () => {
  it("answers a second request from the cache, and recomputes after a write through the app", () => {
    const id = ids[0]!;
    const first = buildDashboard(id, TODAY)!;
    expect(buildDashboard(id, TODAY)!.evaluation).toBe(first.evaluation); // the same object: not recomputed
    expect(buildDashboard(id, "2026-11-20")!.evaluation).not.toBe(first.evaluation); // another date
    const c = facts.createCustomer({ actorId: actor, partnerId: id }, { name: "Novo Cliente", dporFrom: "2025-01-01", dporUntil: null });
    expect(c.ok).toBe(true);
    const after = buildDashboard(id, TODAY)!;
    expect(after.data.customers).toHaveLength(first.data.customers.length + 1);
    expect(after.data.customers.some((x) => x.name === "Novo Cliente")).toBe(true);
  });

  it.each([
    ["customers", "update customers set name = name || ' (x)' where partner_id = ?"],
    ["revenue_lines", "delete from revenue_lines where id = (select max(id) from revenue_lines where partner_id = ?)"],
    ["individuals", "update individuals set left_on = '2026-01-01' where id = (select min(id) from individuals where partner_id = ?)"],
    ["exam_passes", "delete from exam_passes where id = (select min(id) from exam_passes where partner_id = ?)"],
  ])("sees a write to %s made by another process (the facts version moves)", (_table, statement) => {
    const id = ids.find((p) => getDb().$client.prepare("select count(*) from exam_passes where partner_id = ?").pluck().get(p) as number)!;
    const before = buildDashboard(id, TODAY)!;
    const changes = getDb().$client.prepare(statement).run(id).changes;
    expect(changes).toBeGreaterThan(0);
    const after = buildDashboard(id, TODAY)!;
    expect(after.evaluation).not.toBe(before.evaluation);
    expect(after.data).not.toEqual(before.data);
  });

  it("an unknown partner is null, and an invalid date falls back to today and says so", () => {
    expect(buildDashboard(999_999, TODAY)).toBeNull();
    const m = buildDashboard(ids[1]!, "2026-02-30")!;
    expect(m.asOfWasInvalid).toBe(true);
    expect(buildDashboard(ids[1]!, undefined)!.asOfWasInvalid).toBe(false);
  });
});
