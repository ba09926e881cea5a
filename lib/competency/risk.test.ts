import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { projectRisk, riskCandidateDates } from "./risk";
import { evaluate, compareLevels } from "./evaluate";
import { addDays } from "./dates";
import { GOLD_TEAM, SILVER_TEAM, facts, line, person } from "./test-fixtures";
import { asOfArb, dayArb, factsArb, ruleSetArb } from "./test-arbitraries";

const AS_OF = "2017-06-30";

describe("projectRisk", () => {
  it("revenue leaving the window on the same calendar date a year later", () => {
    const f = facts({ revenue: [line("c1", "2016-08-15", 10_000_000, { id: "r1" })], individuals: SILVER_TEAM() });
    const r = projectRisk(f, { asOf: AS_OF });
    expect(r.levelNow).toBe("silver");
    expect(r.atRiskOn).toBe("2017-08-15");
    expect(r.levelThen).toBe("none");
    expect(r.lost).toEqual(["revenue"]);
    expect(r.causes).toEqual([
      { kind: "revenue-leaves-window", date: "2017-08-15", customerId: "c1", revenueId: "r1", revenueDate: "2016-08-15", amountCents: 10_000_000 },
    ]);
    expect(evaluate(f, { asOf: "2017-08-14" }).level).toBe("silver");
  });

  it("a line whose leaving keeps the threshold met is not a risk; the next one is", () => {
    const f = facts({
      revenue: [line("c1", "2016-08-15", 1_000_000), line("c1", "2016-09-20", 10_000_000), line("c1", "2017-01-01", 9_000_000)],
      individuals: SILVER_TEAM(),
    });
    const r = projectRisk(f, { asOf: AS_OF });
    expect(r.atRiskOn).toBe("2017-09-20");
    expect(r.causes.map((c) => c.kind)).toEqual(["revenue-leaves-window"]);
  });

  it("leap-day revenue leaves on Mar 1", () => {
    const f = facts({ customers: [{ id: "c1", dporFrom: "2015-01-01" }], revenue: [line("c1", "2020-02-29", 10_000_000)], individuals: SILVER_TEAM() });
    const r = projectRisk(f, { asOf: "2021-01-15" });
    expect(r.atRiskOn).toBe("2021-03-01");
    expect(evaluate(f, { asOf: "2021-02-28" }).level).toBe("silver");
  });

  it("a person leaving", () => {
    const f = facts({
      revenue: [line("c1", "2017-06-01", 10_000_000)],
      individuals: [person("p1", "AB", { leftOn: "2017-09-01", name: "Ana" }), person("p2", "C"), person("x", "", { leftOn: "2017-08-01" })],
    });
    const r = projectRisk(f, { asOf: AS_OF });
    expect(r.atRiskOn).toBe("2017-09-01");
    expect(r.levelThen).toBe("none");
    expect(r.lost).toEqual(["exams"]);
    expect(r.causes).toEqual([{ kind: "person-leaves", date: "2017-09-01", individualId: "p1", name: "Ana", slotIds: ["silver-1"] }]);
  });

  it("a person leaving is no risk when someone else can take the slot", () => {
    const f = facts({
      revenue: [line("c1", "2017-06-01", 10_000_000)],
      individuals: [person("p1", "AB", { leftOn: "2017-09-01" }), person("p2", "C"), person("p3", "ABC")],
    });
    const r = projectRisk(f, { asOf: AS_OF });
    expect(r.atRiskOn).toBe("2018-06-01"); // only the revenue leaving, not the person
    expect(r.lost).toEqual(["revenue"]);
  });

  it("DPOR ending: the day after dporUntil", () => {
    const f = facts({
      customers: [{ id: "c1", dporFrom: "2016-01-01", dporUntil: "2017-10-31" }],
      revenue: [line("c1", "2017-06-01", 6_000_000), line("c1", "2017-06-02", 4_000_000)],
      individuals: SILVER_TEAM(),
    });
    const r = projectRisk(f, { asOf: AS_OF });
    expect(r.atRiskOn).toBe("2017-11-01");
    expect(r.causes).toEqual([{ kind: "dpor-ends", date: "2017-11-01", customerId: "c1", amountCents: 10_000_000 }]);
  });

  it("exam acceptance ending (MB2-709 under V3)", () => {
    const f = facts({
      revenue: [line("c1", "2018-06-01", 10_000_000)],
      individuals: [
        {
          id: "m",
          name: "M",
          passes: [
            { exam: "MB2-709", passedOn: "2017-03-01" },
            { exam: "MB2-710", passedOn: "2017-03-01" },
          ],
        },
        person("p2", "C"),
      ],
    });
    const r = projectRisk(f, { asOf: "2018-06-30", ruleSet: "V3" });
    expect(r.levelNow).toBe("silver");
    expect(r.atRiskOn).toBe("2019-01-01");
    expect(r.causes).toEqual([{ kind: "exam-acceptance-ends", date: "2019-01-01", exam: "MB2-709", individualIds: ["m"] }]);
    // V1 has no end for MB2-709
    expect(projectRisk(f, { asOf: "2018-06-30", ruleSet: "V1" }).atRiskOn).toBe("2019-06-01");
  });

  it("Gold dropping to Silver", () => {
    const f = facts({
      revenue: [line("c1", "2017-06-01", 30_000_000)],
      individuals: [...GOLD_TEAM().slice(0, 3), person("g4", "C", { leftOn: "2017-12-01" })],
    });
    const r = projectRisk(f, { asOf: AS_OF });
    expect(r.levelNow).toBe("gold");
    expect(r.atRiskOn).toBe("2017-12-01");
    expect(r.levelThen).toBe("silver");
  });

  it("a credit entering the window", () => {
    const f = facts({ revenue: [line("c1", "2017-06-01", 10_000_000), line("c1", "2017-07-15", -1, { id: "cr" })], individuals: SILVER_TEAM() });
    const r = projectRisk(f, { asOf: AS_OF });
    expect(r.atRiskOn).toBe("2017-07-15");
    expect(r.causes).toEqual([{ kind: "credit-enters-window", date: "2017-07-15", customerId: "c1", revenueId: "cr", amountCents: -1 }]);
  });

  it("respects the horizon and reports no risk for level none", () => {
    const f = facts({ revenue: [line("c1", "2017-06-01", 10_000_000)], individuals: SILVER_TEAM() });
    expect(projectRisk(f, { asOf: AS_OF }).atRiskOn).toBe("2018-06-01");
    expect(projectRisk(f, { asOf: AS_OF, horizonDays: 336 }).atRiskOn).toBe("2018-06-01");
    expect(projectRisk(f, { asOf: AS_OF, horizonDays: 335 })).toMatchObject({ atRiskOn: null, levelThen: "silver", causes: [], horizonTo: "2018-05-31" });
    expect(projectRisk(facts(), { asOf: AS_OF })).toMatchObject({ levelNow: "none", atRiskOn: null, levelThen: "none" });
    expect(() => projectRisk(f, { asOf: AS_OF, horizonDays: -1 })).toThrow(RangeError);
  });

  const richFactsArb = fc
    .record({
      base: factsArb,
      leftOn: fc.array(fc.option(dayArb("2017-01-01", 900), { nil: null }), { minLength: 4, maxLength: 4 }),
      dporUntil: fc.option(dayArb("2017-01-01", 900), { nil: null }),
      dates: fc.array(dayArb("2016-01-01", 1000), { minLength: 1, maxLength: 6 }),
      amount: fc.integer({ min: 3_000_000, max: 12_000_000 }),
    })
    .map(({ base, leftOn, dporUntil, dates, amount }) => ({
      ...base,
      customers: [...base.customers, { id: "rich", dporFrom: "2015-01-01", dporUntil }],
      revenue: [...base.revenue, ...dates.map((d) => line("rich", d, amount))],
      individuals: [...base.individuals, ...["AB", "AB", "C", "C"].map((g, i) => person(`team${i}`, g, { passedOn: "2015-01-01", leftOn: leftOn[i] }))],
    }));

  it("finds the same first drop as a day-by-day scan (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: factsArb, weight: 1 }, { arbitrary: richFactsArb, weight: 3 }),
        asOfArb,
        ruleSetArb,
        fc.integer({ min: 0, max: 120 }),
        (f, asOf, rs, horizonDays) => {
          const r = projectRisk(f, { asOf, ruleSet: rs, horizonDays });
          const now = evaluate(f, { asOf, ruleSet: rs }).level;
          let expected: string | null = null;
          for (let i = 1; i <= horizonDays; i++) {
            const d = addDays(asOf, i);
            if (compareLevels(evaluate(f, { asOf: d, ruleSet: rs }).level, now) < 0) {
              expected = d;
              break;
            }
          }
          expect(r.atRiskOn).toBe(expected);
          if (expected !== null) {
            expect(riskCandidateDates(f, rs, asOf, addDays(asOf, horizonDays))).toContain(expected);
            expect(r.causes.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
