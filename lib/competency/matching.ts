// Slot assignment: maximum matching of distinct people to slots, and the cheapest exam plan
// (min-cost assignment). Exact for any input: people are compressed to their "holding type"
// (the subset of groups A/B/C they hold, 8 types); within a type only input order matters,
// so the search chooses, per slot, a type (taking its earliest unused person) or none/new.
// The choices are explored depth-first in increasing person index (none/new last), which is the
// lexicographic order of the tie-break, so the first leaf reaching the optimum is the answer; a bound
// on the remaining slots (distinctness relaxed) prunes every subtree that cannot beat the best leaf.
// Independent of the number of people beyond one pass to find each type's first few members.
import type { ExamGroup } from "./types";

export interface SlotSpec {
  id: string;
  requires: readonly ExamGroup[];
}

const BIT: Record<ExamGroup, number> = { A: 1, B: 2, C: 4 };
const ALL_GROUPS: readonly ExamGroup[] = ["A", "B", "C"];

export function groupsMask(groups: Iterable<ExamGroup>): number {
  let m = 0;
  for (const g of groups) m |= BIT[g];
  return m;
}

export function maskGroups(mask: number): ExamGroup[] {
  return ALL_GROUPS.filter((g) => (mask & BIT[g]) !== 0);
}

/** Groups of `requires` (in A,B,C order) that a holder of `held` lacks. */
export function missingGroups(requires: readonly ExamGroup[], held: Iterable<ExamGroup>): ExamGroup[] {
  const h = groupsMask(held);
  return ALL_GROUPS.filter((g) => requires.includes(g) && (h & BIT[g]) === 0);
}

/** Number of groups of `requires` the holder lacks: the cost of that person on that slot. */
export function slotCost(requires: readonly ExamGroup[], held: Iterable<ExamGroup>): number {
  return missingGroups(requires, held).length;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    c += x & 1;
    x >>>= 1;
  }
  return c;
}

// Search state, module-level so that a search allocates nothing but its result (the engine is
// synchronous and the search calls no outside code, so it is never re-entered).
let n = 0; // slots
let k = 1; // people kept per type: at most n can be used
let req: readonly number[] = [];
let first = new Int32Array(8 * 8); // first[t * k + j]: index of the j-th person of type t
const avail = new Int32Array(8); // usable people per type (≤ k)
const used = new Int32Array(8);
let cur = new Int32Array(8);
let best = new Int32Array(8);
let cand = new Int32Array(64); // per depth s: candidate types at cand[s * 8 ...]
let key = new Float64Array(72); // cheapest: key[s * 9 + t]
let bestScore = 0;
let rootBound = 0;
let done = false;

function setUp(slotReq: readonly number[], masks: ArrayLike<number>): void {
  n = slotReq.length;
  k = Math.max(1, n);
  req = slotReq;
  if (first.length < 8 * k) first = new Int32Array(8 * k);
  if (cur.length < n) {
    cur = new Int32Array(n);
    best = new Int32Array(n);
    cand = new Int32Array(8 * n);
    key = new Float64Array(9 * n);
  }
  avail.fill(0);
  used.fill(0);
  cur.fill(-1, 0, n);
  best.fill(-1, 0, n);
  done = false;
  for (let i = 0; i < masks.length; i++) {
    const t = masks[i]! & 7;
    if (avail[t]! < k) first[t * k + avail[t]!++] = i;
  }
}

/** The candidate types at slot s (allowed by `need`, with a person left), in increasing person index; returns how many. */
function candidates(s: number, need: number): number {
  const base = s * 8;
  let m = 0;
  for (let t = 0; t < 8; t++) {
    if ((t & need) !== need || used[t]! >= avail[t]!) continue;
    const p = first[t * k + used[t]!]!;
    let j = m++;
    while (j > 0 && first[cand[base + j - 1]! * k + used[cand[base + j - 1]!]!]! > p) {
      cand[base + j] = cand[base + j - 1]!;
      j--;
    }
    cand[base + j] = t;
  }
  return m;
}

function result(): number[] {
  const out = new Array<number>(n);
  for (let s = 0; s < n; s++) out[s] = best[s]!;
  return out;
}

/** Upper bound on the slots s.. that can still be filled (distinctness relaxed). */
function fillBound(s: number): number {
  let c = 0;
  for (let j = s; j < n; j++) {
    const r = req[j]!;
    for (let t = 0; t < 8; t++) {
      if ((t & r) === r && used[t]! < avail[t]!) {
        c++;
        break;
      }
    }
  }
  return c;
}

function searchFill(s: number, filled: number): void {
  if (s === n) {
    if (filled > bestScore) {
      bestScore = filled;
      for (let j = 0; j < n; j++) best[j] = cur[j]!;
      if (filled === rootBound) done = true;
    }
    return;
  }
  if (filled + fillBound(s) <= bestScore) return;
  const m = candidates(s, req[s]!);
  for (let i = 0; i < m; i++) {
    const t = cand[s * 8 + i]!;
    cur[s] = first[t * k + used[t]!]!;
    used[t]!++;
    searchFill(s + 1, filled + 1);
    used[t]!--;
    if (done) return;
  }
  cur[s] = -1;
  searchFill(s + 1, filled);
}

/**
 * Maximum matching on masks: slotReq[s] = required-group mask of slot s, masks[p] = held-group mask of
 * person p. Returns per slot the person index or −1. Among maximum matchings, the lexicographically
 * smallest per-slot person indices (unfilled last), people of a type being used in input order.
 */
export function maxMatchingMasks(slotReq: readonly number[], masks: ArrayLike<number>): number[] {
  setUp(slotReq, masks);
  bestScore = -1;
  rootBound = fillBound(0);
  searchFill(0, 0);
  return result();
}

/** Lower bound on the key of slots s.. (distinctness relaxed). */
function costBound(s: number): number {
  let lb = 0;
  for (let j = s; j < n; j++) {
    let m = key[j * 9 + 8]!;
    for (let t = 0; t < 8; t++) if (used[t]! < avail[t]! && key[j * 9 + t]! < m) m = key[j * 9 + t]!;
    lb += m;
  }
  return lb;
}

function searchCost(s: number, acc: number): void {
  if (s === n) {
    if (acc < bestScore) {
      bestScore = acc;
      for (let j = 0; j < n; j++) best[j] = cur[j]!;
      if (acc === rootBound) done = true;
    }
    return;
  }
  if (acc + costBound(s) >= bestScore) return;
  const m = candidates(s, 0);
  for (let i = 0; i < m; i++) {
    const t = cand[s * 8 + i]!;
    cur[s] = first[t * k + used[t]!]!;
    used[t]!++;
    searchCost(s + 1, acc + key[s * 9 + t]!);
    used[t]!--;
    if (done) return;
  }
  cur[s] = -1;
  searchCost(s + 1, acc + key[s * 9 + 8]!);
}

/**
 * Cheapest plan on masks (see cheapestAssignment): per slot the person index or −1 for a new person.
 * Minimises (exams, new people, people needing exams), then the lexicographic per-slot person indices.
 */
export function cheapestMasks(slotReq: readonly number[], masks: ArrayLike<number>): number[] {
  setUp(slotReq, masks);
  // key[s * 9 + t]: (cost · b + fresh) · b + needing of type t (8 = a new person) on slot s; sums keep
  // the lexicographic order because fresh and needing each sum to at most n < b.
  const b = n + 1;
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < 9; t++) {
      const c = t === 8 ? popcount(req[s]!) : popcount(req[s]! & ~t);
      key[s * 9 + t] = (c * b + (t === 8 ? 1 : 0)) * b + (c > 0 ? 1 : 0);
    }
  }
  bestScore = Infinity;
  rootBound = costBound(0);
  searchCost(0, 0);
  return result();
}

/**
 * Maximum bipartite matching of distinct people to slots; a person can fill a slot when they hold
 * every required group. Returns, per slot, the index of the person in `holdings` or null.
 * Deterministic: among maximum matchings, the one whose per-slot person indices (slots in order,
 * unfilled last) are lexicographically smallest.
 */
export function maxSlotMatching(slots: readonly SlotSpec[], holdings: readonly (readonly ExamGroup[])[]): (number | null)[] {
  const a = maxMatchingMasks(
    slots.map((s) => groupsMask(s.requires)),
    holdings.map((h) => groupsMask(h)),
  );
  return Array.from(a, (p) => (p < 0 ? null : p));
}

export interface Assignment {
  /** Per slot: index into `holdings`, or null for a new person. */
  assignment: (number | null)[];
  /** Per slot: missing groups of the assigned person (A,B,C order). */
  needs: ExamGroup[][];
  /** Total additional exam passes. */
  cost: number;
}

/**
 * Cheapest way to fill every slot: a min-cost assignment where person p on slot s costs the number
 * of required groups p lacks and a new person costs |requires|. Each person is used at most once.
 * Ties, in order: fewer new people; fewer distinct people needing exams; lexicographically smallest
 * per-slot person indices (slots in order, new people last).
 */
export function cheapestAssignment(slots: readonly SlotSpec[], holdings: readonly (readonly ExamGroup[])[]): Assignment {
  const a = cheapestMasks(
    slots.map((s) => groupsMask(s.requires)),
    holdings.map((h) => groupsMask(h)),
  );
  const assignment = Array.from(a, (p) => (p < 0 ? null : p));
  const needs = slots.map((s, i) => {
    const p = assignment[i];
    return p === null ? missingGroups(s.requires, []) : missingGroups(s.requires, holdings[p]);
  });
  return { assignment, needs, cost: needs.reduce((n, x) => n + x.length, 0) };
}
