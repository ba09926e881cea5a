// The engine's earlier, straightforward implementations, kept as test oracles for the fast paths
// (tests only; not part of the public API). Matching: full enumeration of the 9^slots leaves.
import { groupsMask, missingGroups } from "./matching";
import type { Assignment, SlotSpec } from "./matching";
import type { ExamGroup } from "./types";

function popcount(x: number): number {
  let c = 0;
  while (x) {
    c += x & 1;
    x >>>= 1;
  }
  return c;
}

/**
 * Enumerate assignments slot → person index or -1, each person at most once, with people of the
 * same type used in input order across slots in slot order. `allowed(slot, mask)` filters types.
 */
function enumerate(
  slots: readonly SlotSpec[],
  holdings: readonly (readonly ExamGroup[])[],
  allowed: (slotIndex: number, mask: number) => boolean,
  visit: (assignment: readonly number[]) => void,
): void {
  const byMask: number[][] = Array.from({ length: 8 }, () => []);
  holdings.forEach((h, i) => byMask[groupsMask(h)].push(i));
  const used = new Array<number>(8).fill(0);
  const assignment = new Array<number>(slots.length).fill(-1);
  const rec = (s: number): void => {
    if (s === slots.length) {
      visit(assignment);
      return;
    }
    for (let mask = 0; mask < 8; mask++) {
      if (used[mask] >= byMask[mask].length || !allowed(s, mask)) continue;
      assignment[s] = byMask[mask][used[mask]];
      used[mask]++;
      rec(s + 1);
      used[mask]--;
    }
    assignment[s] = -1;
    rec(s + 1);
  };
  rec(0);
}

function lexLess(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

function orderVector(assignment: readonly number[]): number[] {
  return assignment.map((p) => (p < 0 ? Number.MAX_SAFE_INTEGER : p));
}

/**
 * Maximum bipartite matching of distinct people to slots; a person can fill a slot when they hold
 * every required group. Returns, per slot, the index of the person in `holdings` or null.
 * Deterministic: among maximum matchings, the one whose per-slot person indices (slots in order,
 * unfilled last) are lexicographically smallest.
 */
export function oracleMaxSlotMatching(
  slots: readonly SlotSpec[],
  holdings: readonly (readonly ExamGroup[])[],
): (number | null)[] {
  const req = slots.map((s) => groupsMask(s.requires));
  let best: number[] | null = null;
  let bestCount = -1;
  enumerate(
    slots,
    holdings,
    (s, mask) => (mask & req[s]) === req[s],
    (a) => {
      const count = a.filter((p) => p >= 0).length;
      const vec = orderVector(a);
      if (best === null || count > bestCount || (count === bestCount && lexLess(vec, best) < 0)) {
        best = vec;
        bestCount = count;
      }
    },
  );
  const b = best as number[] | null;
  return slots.map((_, i) => (b === null || b[i] === Number.MAX_SAFE_INTEGER ? null : b[i]));
}


/**
 * Cheapest way to fill every slot: a min-cost assignment where person p on slot s costs the number
 * of required groups p lacks and a new person costs |requires|. Each person is used at most once.
 * Ties, in order: fewer new people; fewer distinct people needing exams; lexicographically smallest
 * per-slot person indices (slots in order, new people last).
 */
export function oracleCheapestAssignment(
  slots: readonly SlotSpec[],
  holdings: readonly (readonly ExamGroup[])[],
): Assignment {
  const req = slots.map((s) => groupsMask(s.requires));
  const maskOf = holdings.map((h) => groupsMask(h));
  let bestKey: number[] | null = null;
  let bestVec: number[] | null = null;
  let bestA: number[] = [];
  enumerate(
    slots,
    holdings,
    () => true,
    (a) => {
      let cost = 0;
      let fresh = 0;
      let needing = 0;
      for (let s = 0; s < a.length; s++) {
        const p = a[s];
        const c = p < 0 ? popcount(req[s]) : popcount(req[s] & ~maskOf[p]);
        cost += c;
        if (p < 0) fresh++;
        if (c > 0) needing++;
      }
      const key = [cost, fresh, needing];
      const vec = orderVector(a);
      const cmp = bestKey === null ? -1 : lexLess(key, bestKey) || lexLess(vec, bestVec as number[]);
      if (cmp < 0) {
        bestKey = key;
        bestVec = vec;
        bestA = [...a];
      }
    },
  );
  const assignment = bestA.map((p) => (p < 0 ? null : p));
  const needs = slots.map((s, i) => {
    const p = assignment[i];
    return p === null ? missingGroups(s.requires, []) : missingGroups(s.requires, holdings[p]);
  });
  return { assignment, needs, cost: needs.reduce((n, x) => n + x.length, 0) };
}
