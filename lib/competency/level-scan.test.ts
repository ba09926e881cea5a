import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { addDays } from "./dates";
import { evaluate } from "./evaluate";
import { compileLevelScan } from "./level-scan";
import { asOfArb, factsArb, ruleSetArb } from "./test-arbitraries";

describe("compileLevelScan", () => {
  it("gives exactly evaluate()'s level on any date (property)", () => {
    fc.assert(
      fc.property(factsArb, ruleSetArb, asOfArb, (f, ruleSet, start) => {
        const levelOn = compileLevelScan(f, ruleSet);
        for (let i = 0; i < 40; i++) {
          const d = addDays(start, i * 23);
          expect(levelOn(d)).toBe(evaluate(f, { asOf: d, ruleSet }).level);
        }
      }),
      { numRuns: 300 },
    );
  });
});
