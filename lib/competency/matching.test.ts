import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { cheapestAssignment, maxSlotMatching, slotCost } from "./matching";
import { RULE_SETS } from "./rules";
import { oracleCheapestAssignment, oracleMaxSlotMatching } from "./test-oracles";
import type { ExamGroup } from "./types";

const SILVER = RULE_SETS.V1.slots.silver;
const GOLD = RULE_SETS.V1.slots.gold;

const holdingArb = fc.subarray<ExamGroup>(["A", "B", "C"]);
const slotsArb = fc.constantFrom(SILVER, GOLD);

/** All injective assignments of slots to people or "-1" (new / unfilled), by plain recursion. */
function* allAssignments(nSlots: number, nPeople: number, used = new Set<number>(), prefix: number[] = []): Generator<number[]> {
  if (prefix.length === nSlots) {
    yield prefix;
    return;
  }
  yield* allAssignments(nSlots, nPeople, used, [...prefix, -1]);
  for (let p = 0; p < nPeople; p++) {
    if (used.has(p)) continue;
    used.add(p);
    yield* allAssignments(nSlots, nPeople, used, [...prefix, p]);
    used.delete(p);
  }
}

function bruteMaxMatching(slots: typeof GOLD, holdings: ExamGroup[][]): number {
  let best = 0;
  for (const a of allAssignments(slots.length, holdings.length)) {
    let ok = 0;
    let valid = true;
    a.forEach((p, s) => {
      if (p < 0) return;
      if (slotCost(slots[s].requires, holdings[p]) === 0) ok++;
      else valid = false;
    });
    if (valid) best = Math.max(best, ok);
  }
  return best;
}

function bruteMinCost(slots: typeof GOLD, holdings: ExamGroup[][]): number {
  let best = Infinity;
  for (const a of allAssignments(slots.length, holdings.length)) {
    const cost = a.reduce((sum, p, s) => sum + (p < 0 ? slots[s].requires.length : slotCost(slots[s].requires, holdings[p])), 0);
    best = Math.min(best, cost);
  }
  return best;
}

describe("maxSlotMatching", () => {
  it("solves the all-rounder trap", () => {
    expect(maxSlotMatching(SILVER, [["A", "B", "C"], ["C"]])).toEqual([0, 1]);
    expect(maxSlotMatching(SILVER, [["C"], ["A", "B", "C"]])).toEqual([1, 0]);
  });
  it("never assigns a person twice or to a slot they cannot fill", () => {
    fc.assert(
      fc.property(slotsArb, fc.array(holdingArb, { maxLength: 7 }), (slots, holdings) => {
        const m = maxSlotMatching(slots, holdings);
        const used = m.filter((x): x is number => x !== null);
        expect(new Set(used).size).toBe(used.length);
        m.forEach((p, s) => {
          if (p !== null) expect(slotCost(slots[s].requires, holdings[p])).toBe(0);
        });
      }),
    );
  });
  it("is maximum: equals a brute-force maximum on small inputs", () => {
    fc.assert(
      fc.property(slotsArb, fc.array(holdingArb, { maxLength: 6 }), (slots, holdings) => {
        const filled = maxSlotMatching(slots, holdings).filter((x) => x !== null).length;
        expect(filled).toBe(bruteMaxMatching(slots, holdings));
      }),
      { numRuns: 300 },
    );
  });
  it("is fast and exact with hundreds of people", () => {
    const holdings: ExamGroup[][] = Array.from({ length: 500 }, (_, i) => (i === 499 ? ["C"] : i === 498 ? ["A", "B"] : ["A"]));
    holdings[10] = ["A", "B", "C"];
    holdings[20] = ["A", "B", "C"];
    const t = Date.now();
    expect(maxSlotMatching(GOLD, holdings)).toEqual([10, 498, 20, 499]);
    expect(Date.now() - t).toBeLessThan(1000);
  });
});

describe("cheapestAssignment", () => {
  it("costs |requires| per slot with nobody", () => {
    expect(cheapestAssignment(SILVER, []).cost).toBe(3);
    expect(cheapestAssignment(GOLD, []).cost).toBe(6);
    expect(cheapestAssignment(GOLD, []).assignment).toEqual([null, null, null, null]);
  });
  it("equals a brute-force minimum on small inputs", () => {
    fc.assert(
      fc.property(slotsArb, fc.array(holdingArb, { maxLength: 6 }), (slots, holdings) => {
        const a = cheapestAssignment(slots, holdings);
        expect(a.cost).toBe(bruteMinCost(slots, holdings));
        // internal consistency
        const used = a.assignment.filter((x): x is number => x !== null);
        expect(new Set(used).size).toBe(used.length);
        a.assignment.forEach((p, s) => {
          const expected = p === null ? slots[s].requires.length : slotCost(slots[s].requires, holdings[p]);
          expect(a.needs[s]).toHaveLength(expected);
        });
      }),
      { numRuns: 300 },
    );
  });
  it("never uses a new person while an unused existing person could take the slot at the same cost", () => {
    fc.assert(
      fc.property(slotsArb, fc.array(holdingArb, { maxLength: 6 }), (slots, holdings) => {
        const a = cheapestAssignment(slots, holdings);
        const used = new Set(a.assignment.filter((x): x is number => x !== null));
        if (a.assignment.some((x) => x === null)) expect(used.size).toBe(Math.min(holdings.length, slots.length));
      }),
      { numRuns: 200 },
    );
  });
});

describe("fast matching agrees with the full enumeration (property)", () => {
  const slotSetArb = fc.oneof(slotsArb, fc.array(fc.record({ id: fc.constant("s"), requires: holdingArb }), { maxLength: 5 }));
  it("maxSlotMatching and cheapestAssignment give exactly the oracle's answers", () => {
    fc.assert(
      fc.property(slotSetArb, fc.array(holdingArb, { maxLength: 12 }), (slots, holdings) => {
        expect(maxSlotMatching(slots, holdings)).toEqual(oracleMaxSlotMatching(slots, holdings));
        expect(cheapestAssignment(slots, holdings)).toEqual(oracleCheapestAssignment(slots, holdings));
      }),
      { numRuns: 2000 },
    );
  });
});
