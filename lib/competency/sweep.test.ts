import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { addDays, dayOf } from "./dates";
import { evaluate } from "./evaluate";
import { projectRisk } from "./risk";
import { LevelSweep } from "./sweep";
import { levelHistory, resultValidUntil } from "./timeline";
import { line, person } from "./test-fixtures";
import { asOfArb, dayArb, factsArb, ruleSetArb } from "./test-arbitraries";
import { oracleLevelHistory, oracleProjectRisk, oracleResultValidUntil } from "./test-oracles";
import type { PartnerFacts } from "./types";

/** Facts with a full team and a rich customer, so that drops of Gold and Silver happen often. */
const richFactsArb = fc
  .record({
    base: factsArb,
    leftOn: fc.array(fc.option(dayArb("2017-01-01", 900), { nil: null }), { minLength: 4, maxLength: 4 }),
    dporUntil: fc.option(dayArb("2017-01-01", 900), { nil: null }),
    dates: fc.array(dayArb("2016-01-01", 1000), { minLength: 1, maxLength: 8 }),
    amount: fc.integer({ min: 3_000_000, max: 12_000_000 }),
  })
  .map(({ base, leftOn, dporUntil, dates, amount }): PartnerFacts => ({
    ...base,
    customers: [...base.customers, { id: "rich", dporFrom: "2015-01-01", dporUntil }],
    revenue: [...base.revenue, ...dates.map((d) => line("rich", d, amount))],
    individuals: [...base.individuals, ...["AB", "AB", "C", "C"].map((g, i) => person(`team${i}`, g, { passedOn: "2015-01-01", leftOn: leftOn[i] }))],
  }));

/** Adds a pair of lines of ±(2^53 − 1) cents on one day: the net is unchanged, but the sums leave the safe range. */
const hugeFactsArb = fc
  .tuple(fc.oneof(factsArb, richFactsArb), dayArb("2016-01-01", 1000), fc.constantFrom("c0", "c1", "rich"))
  .map(([f, d, c]): PartnerFacts => ({
    ...f,
    revenue: [...f.revenue, line(c, d, Number.MAX_SAFE_INTEGER), line(c, d, -Number.MAX_SAFE_INTEGER)],
  }));

const anyFactsArb = fc.oneof({ arbitrary: factsArb, weight: 2 }, { arbitrary: richFactsArb, weight: 3 });

describe("LevelSweep", () => {
  it("gives evaluate()'s level after each day's events, also when sums leave the safe range (property)", () => {
    fc.assert(
      fc.property(fc.oneof(anyFactsArb, hugeFactsArb), ruleSetArb, asOfArb, (f, ruleSet, start) => {
        const sweep = new LevelSweep(f, ruleSet);
        for (let i = 0; i < 40; i++) {
          const d = addDays(start, i * 23);
          sweep.advanceThrough(dayOf(d));
          const e = evaluate(f, { asOf: d, ruleSet });
          expect(sweep.level()).toBe(e.level);
          for (const lvl of ["silver", "gold"] as const) {
            expect(sweep.revenueMet(lvl)).toBe(e[lvl].revenue.met);
            expect(sweep.examsMet(lvl)).toBe(e[lvl].exams.met);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the sweep-based functions agree with the earlier implementations (property)", () => {
  it("projectRisk", () => {
    fc.assert(
      fc.property(anyFactsArb, asOfArb, ruleSetArb, fc.integer({ min: 0, max: 400 }), (f, asOf, ruleSet, horizonDays) => {
        expect(projectRisk(f, { asOf, ruleSet, horizonDays })).toEqual(oracleProjectRisk(f, { asOf, ruleSet, horizonDays }));
      }),
      { numRuns: 400 },
    );
  });

  it("levelHistory", () => {
    fc.assert(
      fc.property(anyFactsArb, dayArb("2015-06-01", 1500), ruleSetArb, (f, through, ruleSet) => {
        expect(levelHistory(f, { through, ruleSet })).toEqual(oracleLevelHistory(f, { through, ruleSet }));
      }),
      { numRuns: 400 },
    );
  });

  it("resultValidUntil", () => {
    fc.assert(
      fc.property(anyFactsArb, asOfArb, ruleSetArb, fc.constantFrom(0, 1, 30, 90, 365, 1000), (f, asOf, ruleSet, horizonDays) => {
        expect(resultValidUntil(f, { asOf, ruleSet, horizonDays })).toBe(oracleResultValidUntil(f, { asOf, ruleSet, horizonDays }));
      }),
      { numRuns: 600 },
    );
  });

  it("projectRisk and levelHistory do not throw when sums leave the safe range, and see the same levels", () => {
    fc.assert(
      fc.property(hugeFactsArb, asOfArb, ruleSetArb, (f, asOf, ruleSet) => {
        const r = projectRisk(f, { asOf, ruleSet, horizonDays: 365 });
        expect(r.levelNow).toBe(evaluate(f, { asOf, ruleSet }).level);
        if (r.atRiskOn) expect(evaluate(f, { asOf: r.atRiskOn, ruleSet }).level).toBe(r.levelThen);
        for (const c of levelHistory(f, { through: "2019-12-31", ruleSet })) {
          expect(evaluate(f, { asOf: c.date, ruleSet }).level).toBe(c.to);
          expect(evaluate(f, { asOf: addDays(c.date, -1), ruleSet }).level).toBe(c.from);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("malformed input", () => {
  it("throws RangeError like evaluate (and like the change-date lists for year-9999 lines)", () => {
    const f = (p: Partial<PartnerFacts>): PartnerFacts => ({
      market: "developed",
      customers: [{ id: "c1", dporFrom: "2016-01-01" }],
      revenue: [],
      individuals: [],
      ...p,
    });
    for (const bad of [
      f({ revenue: [line("c1", "2017-02-30", 1)] }),
      f({ revenue: [line("c1", "2017-01-01", 0.5)] }),
      f({ revenue: [line("c1", "9999-03-01", 1)] }),
      f({ customers: [{ id: "c1", dporFrom: "2016-01-01", dporUntil: "9999-12-31" }] }),
      f({ individuals: [person("p", "A", { leftOn: "2017-13-01" })] }),
      f({ market: "elsewhere" as PartnerFacts["market"] }),
    ]) {
      expect(() => projectRisk(bad, { asOf: "2017-06-30" })).toThrow(RangeError);
      expect(() => levelHistory(bad, { through: "2017-06-30" })).toThrow(RangeError);
    }
  });
});
