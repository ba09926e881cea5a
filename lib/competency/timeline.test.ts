import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { addDays } from "./dates";
import { evaluate } from "./evaluate";
import { projectRisk } from "./risk";
import { changeDates, levelHistory, resultValidUntil, summarize } from "./timeline";
import { GOLD_TEAM, SILVER_TEAM, facts, line, person } from "./test-fixtures";
import { asOfArb, factsArb, ruleSetArb } from "./test-arbitraries";

const AS_OF = "2017-06-30";

describe("changeDates", () => {
  it("lists entering and leaving revenue, DPOR bounds, joins, leaves, passes and acceptance ends", () => {
    const f = facts({
      customers: [{ id: "c1", dporFrom: "2016-05-01", dporUntil: "2017-10-31" }],
      revenue: [line("c1", "2016-02-29", 100)],
      individuals: [person("p1", "A", { joinedOn: "2016-03-01", leftOn: "2018-01-15", passedOn: "2016-04-04" })],
    });
    expect(changeDates(f, "V1")).toEqual(["2016-02-29", "2016-03-01", "2016-04-04", "2016-05-01", "2017-03-01", "2017-11-01", "2018-01-15"]);
    expect(changeDates(f, "V3")).toContain("2019-01-01"); // MB2-709's acceptance ends
  });
});

describe("resultValidUntil", () => {
  it("is the next change date, or the day a far drop enters the risk horizon", () => {
    const f = facts({ revenue: [line("c1", "2017-06-01", 10_000_000)], individuals: SILVER_TEAM() });
    // the line leaves on 2018-06-01: inside a 365-day horizon, so the next change is that date
    expect(resultValidUntil(f, { asOf: AS_OF, horizonDays: 365 })).toBe("2018-06-01");
    // with a 30-day horizon the drop enters the horizon 30 days before
    expect(resultValidUntil(f, { asOf: AS_OF, horizonDays: 30 })).toBe("2018-05-02");
    expect(resultValidUntil(facts(), { asOf: AS_OF, horizonDays: 365 })).toBeNull();
  });

  it("evaluation and risk projection are the same on every day before it (property, day by day)", () => {
    fc.assert(
      fc.property(factsArb, asOfArb, ruleSetArb, fc.constantFrom(30, 90, 365), (f, asOf, ruleSet, horizonDays) => {
        const until = resultValidUntil(f, { asOf, ruleSet, horizonDays });
        const e0 = evaluate(f, { asOf, ruleSet });
        const r0 = projectRisk(f, { asOf, ruleSet, horizonDays });
        const strip = (e: ReturnType<typeof evaluate>) => ({ ...e, asOf: "", window: null, counted: null, excludedRevenue: e.excludedRevenue.length });
        const stripRisk = (r: ReturnType<typeof projectRisk>) => ({ atRiskOn: r.atRiskOn, levelThen: r.levelThen, lost: r.lost, causes: r.causes });
        const last = until === null ? addDays(asOf, 400) : addDays(until, -1);
        for (let d = addDays(asOf, 1), n = 0; d <= last && n < 60; d = addDays(d, 7), n++) {
          expect(strip(evaluate(f, { asOf: d, ruleSet }))).toEqual(strip(e0));
          expect(stripRisk(projectRisk(f, { asOf: d, ruleSet, horizonDays }))).toEqual(stripRisk(r0));
        }
        if (until !== null && last >= asOf) {
          expect(strip(evaluate(f, { asOf: last, ruleSet }))).toEqual(strip(e0));
          expect(stripRisk(projectRisk(f, { asOf: last, ruleSet, horizonDays }))).toEqual(stripRisk(r0));
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe("levelHistory", () => {
  it("says when Silver and Gold were reached and lost, and why", () => {
    const f = facts({
      revenue: [line("c1", "2017-01-10", 10_000_000), line("c1", "2017-03-01", 20_000_000)],
      individuals: [...GOLD_TEAM().slice(0, 3), person("g4", "C", { passedOn: "2017-02-01", leftOn: "2017-09-01" })],
    });
    expect(levelHistory(f, { through: "2018-12-31" })).toEqual([
      { date: "2017-01-10", from: "none", to: "silver", lost: [] },
      { date: "2017-03-01", from: "silver", to: "gold", lost: [] },
      { date: "2017-09-01", from: "gold", to: "silver", lost: ["exams"] },
      { date: "2018-03-01", from: "silver", to: "none", lost: ["revenue"] },
    ]);
    expect(levelHistory(f, { through: "2017-05-01" })).toHaveLength(2);
    expect(levelHistory(facts(), { through: AS_OF })).toEqual([]);
  });

  it("agrees with a day-by-day scan (property)", () => {
    fc.assert(
      fc.property(factsArb, ruleSetArb, (f, ruleSet) => {
        const through = "2018-06-30";
        const hist = levelHistory(f, { through, ruleSet });
        let prev = "none";
        const scan: { date: string; to: string }[] = [];
        for (let d = "2015-06-01"; d <= through; d = addDays(d, 1)) {
          const lvl = evaluate(f, { asOf: d, ruleSet }).level;
          if (lvl !== prev) scan.push({ date: d, to: lvl });
          prev = lvl;
        }
        expect(hist.map(({ date, to }) => ({ date, to }))).toEqual(scan);
      }),
      { numRuns: 25 },
    );
  });
});

describe("summarize", () => {
  it("gives the next level, its shortfall in cents and basis points, exams needed and slots filled", () => {
    const none = summarize(evaluate(facts({ revenue: [line("c1", "2017-06-01", 2_500_000)], individuals: [person("p1", "A")] }), { asOf: AS_OF }));
    expect(none).toEqual({
      level: "none",
      nextLevel: "silver",
      qualifyingRevenueCents: 2_500_000,
      qualifyingRevenueCentsExact: "2500000",
      nextThresholdCents: 10_000_000,
      nextShortfallCents: 7_500_000,
      nextShortfallBasisPoints: 7500,
      nextExamsNeeded: 2,
      silverSlotsFilled: 0,
      silverSlots: 2,
      goldSlotsFilled: 0,
      goldSlots: 4,
    });
    const silver = summarize(
      evaluate(facts({ revenue: [line("c1", "2017-06-01", 29_999_999)], individuals: [...SILVER_TEAM(), person("p3", "A")] }), { asOf: AS_OF }),
    );
    expect(silver).toMatchObject({
      level: "silver",
      nextLevel: "gold",
      nextShortfallCents: 1,
      nextShortfallBasisPoints: 1,
      nextExamsNeeded: 2,
      silverSlotsFilled: 2,
      goldSlotsFilled: 2,
    });
    const gold = summarize(evaluate(facts({ revenue: [line("c1", "2017-06-01", 30_000_000)], individuals: GOLD_TEAM() }), { asOf: AS_OF }));
    expect(gold).toMatchObject({ level: "gold", nextLevel: null, nextShortfallCents: 0, nextExamsNeeded: 0, goldSlotsFilled: 4 });
  });
});
