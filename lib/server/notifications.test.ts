import { beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// A person leaving is announced when they fill an exam slot the day before they leave. The scan
// evaluates people and passes only, once per leaving date, and a page view hands it the dashboard's
// model: the events must be those of a full evaluation per person, whichever way the scan reads.
const db0 = databaseTemplate("notifications", () => {
  ids = insertSyntheticPartners(getDb(), { partners: 12, today: TODAY, seed: 11 });
});

const { getDb } = await import("@/db/client");
const { insertSyntheticPartners } = await import("@/db/synthetic");
const { getPartnerData, toFacts } = await import("@/db/partners");
const { addDays, evaluate } = await import("@/lib/competency");
const { timeBasedEvents } = await import("./notifications");
const { buildDashboard } = await import("./dashboard");

const TODAY = "2026-11-25";
let ids: number[] = [];

beforeEach(async () => {
  await db0.fresh();
});

/** The events' rule, one full evaluation (customers and revenue included) per leaving person. */
function leavingOracle(partnerId: number): string[] {
  const data = getPartnerData(partnerId)!;
  const facts = toFacts(data);
  return data.individuals
    .filter((p) => p.leftOn && p.leftOn <= addDays(TODAY, 90) && p.leftOn >= addDays(TODAY, -30))
    .filter((p) => {
      const e = evaluate(facts, { asOf: addDays(p.leftOn!, -1), ruleSet: data.partner.ruleSet });
      return [...e.silver.exams.slots, ...e.gold.exams.slots].some((s) => s.filledBy === String(p.id));
    })
    .map((p) => `person-left:${p.id}:${p.leftOn}`)
    .sort();
}

describe("time-based notifications: people leaving", () => {
  it("announces exactly the slot holders who leave, several on one day, from the dashboard's model or its own read", () => {
    const sqlite = getDb().$client;
    // Everyone who has passes leaves on one of three days in the window (two ahead, one behind): many share a day.
    const days = [addDays(TODAY, 10), addDays(TODAY, 45), addDays(TODAY, -5)];
    const people = sqlite.prepare("select id from individuals where id in (select individual_id from exam_passes) order by id").pluck().all() as number[];
    people.forEach((id, i) => sqlite.prepare("update individuals set left_on = ? where id = ?").run(days[i % 3], id));
    let announced = 0;
    for (const id of ids) {
      const expected = leavingOracle(id);
      const own = timeBasedEvents(id, TODAY)
        .filter((n) => n.kind === "person-left")
        .map((n) => n.key)
        .sort();
      const viaDashboard = timeBasedEvents(id, TODAY, buildDashboard(id, TODAY))
        .filter((n) => n.kind === "person-left")
        .map((n) => n.key)
        .sort();
      expect(own).toEqual(expected);
      expect(viaDashboard).toEqual(expected);
      announced += expected.length;
    }
    expect(announced).toBeGreaterThan(3); // the data really has slot holders leaving
  });

  it("says nothing of a person who leaves outside the window or fills no slot", () => {
    const sqlite = getDb().$client;
    const id = ids[0]!;
    sqlite.prepare("update individuals set left_on = ? where partner_id = ?").run(addDays(TODAY, 200), id);
    expect(timeBasedEvents(id, TODAY).filter((n) => n.kind === "person-left")).toEqual([]);
    const noPasses = sqlite
      .prepare("select id from individuals where partner_id = ? and id not in (select individual_id from exam_passes)")
      .pluck()
      .all(id) as number[];
    for (const p of noPasses) sqlite.prepare("update individuals set left_on = ? where id = ?").run(addDays(TODAY, 5), p);
    expect(timeBasedEvents(id, TODAY).filter((n) => n.kind === "person-left")).toEqual([]);
  });
});
