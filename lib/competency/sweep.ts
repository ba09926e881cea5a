// The level over time in one sweep: every fact that can change the level becomes an event on a day
// (a line entering and leaving the TTM window, a DPOR record starting and ending, a person joining and
// leaving, a pass starting to count and its exam's acceptance ending). The events are sorted once; the
// sweep keeps the DPOR-counted revenue and the number of members per holding type up to date, so the
// level after each day's events costs O(1) — the whole history is O(n log n) for n facts.
// Gives exactly evaluate(facts, {asOf}).level on every day (property tests compare it with evaluate).
import { dayOf, leavesWindowDay, packedOf, packedToDay, packedYmd } from "./dates";
import { assertCents, normalisedCode, optDate, prepareRuleSet } from "./evaluate";
import { DEFAULT_RULE_SET, getRuleSet } from "./rules";
import type { Level, PartnerFacts, RuleSetId } from "./types";

const MAX = Number.MAX_SAFE_INTEGER;

// Event kinds.
const LINE_IN = 0;
const LINE_OUT = 1;
const DPOR_ON = 2;
const DPOR_OFF = 3;
const JOIN = 4;
const LEAVE = 5;
const PASS_ON = 6;
const PASS_OFF = 7;

/** Day numbers are offset to be non-negative in sort keys (years 0001–10000 fit in 22 bits). */
const DAY_OFFSET = 800_000;

/** Whether every slot (required-group masks) can get a distinct person, given how many members hold each group set. */
export function canFillAll(slotMasks: readonly number[], typeCounts: Int32Array, s = 0): boolean {
  if (s === slotMasks.length) return true;
  const need = slotMasks[s]!;
  for (let t = 0; t < 8; t++) {
    if (typeCounts[t]! > 0 && (t & need) === need) {
      typeCounts[t]!--;
      const ok = canFillAll(slotMasks, typeCounts, s + 1);
      typeCounts[t]!++;
      if (ok) return true;
    }
  }
  return false;
}

/** Positions 0..n−1 of `days` in increasing day order (stable). */
function sortByDay(days: Int32Array, n: number): Int32Array {
  const order = new Int32Array(n);
  if (n === 0) return order;
  let min = days[0]!;
  let max = days[0]!;
  for (let i = 1; i < n; i++) {
    const d = days[i]!;
    if (d < min) min = d;
    else if (d > max) max = d;
  }
  const range = max - min + 1;
  if (range <= 4 * n + 1024) {
    const start = new Int32Array(range + 1);
    for (let i = 0; i < n; i++) start[days[i]! - min + 1]!++;
    for (let d = 1; d <= range; d++) start[d]! += start[d - 1]!;
    for (let i = 0; i < n; i++) order[start[days[i]! - min]!++] = i;
    return order;
  }
  let mult = 1;
  while (mult <= n) mult *= 2;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (days[i]! + DAY_OFFSET) * mult + i;
  keys.sort();
  for (let j = 0; j < n; j++) order[j] = keys[j]! % mult;
  return order;
}

/**
 * Validates the facts as evaluate() does (RangeError on malformed dates, amounts, market) and as the
 * change-date lists do (a line dated in year 9999 or a dporUntil of 9999-12-31 has no next day).
 */
export class LevelSweep {
  private readonly days: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly targets: Int32Array;
  private readonly extra: Int32Array;
  private readonly amounts: Float64Array;
  private next = 0;

  private readonly silverReq: number[];
  private readonly goldReq: number[];
  private readonly thresholds: { silver: number; gold: number };

  // Revenue state: per customer the window sum and the number of active DPOR records.
  private readonly dporCount: Int32Array;
  private readonly custSum: Float64Array;
  private total = 0;
  /** Set when |amounts| could sum beyond the safe range: then the sums are bigints. */
  private readonly bigSums: bigint[] | null;
  private bigTotal = 0n;

  // People state.
  private readonly memberCount: Int8Array;
  private readonly groupCount: Int32Array;
  private readonly personType: Int8Array;
  readonly typeCounts = new Int32Array(8);

  constructor(facts: PartnerFacts, ruleSet: RuleSetId = DEFAULT_RULE_SET) {
    const rs = getRuleSet(ruleSet);
    const prep = prepareRuleSet(rs);
    if (facts.market !== "developed" && facts.market !== "developing") {
      throw new RangeError(`market must be "developed" or "developing", got ${JSON.stringify(facts.market)}`);
    }
    this.thresholds = rs.thresholds[facts.market] ?? rs.thresholds.developed!;
    this.silverReq = prep.silverReq;
    this.goldReq = prep.goldReq;

    // Customers: one index per id.
    const custIndex = new Map<string, number>();
    for (const c of facts.customers) {
      optDate(c.dporFrom, `dporFrom of customer ${c.id}`);
      optDate(c.dporUntil, `dporUntil of customer ${c.id}`);
      if (!custIndex.has(c.id)) custIndex.set(c.id, custIndex.size);
    }
    const nPasses = facts.individuals.reduce((n, ind) => n + ind.passes.length, 0);
    const cap = 2 * (facts.revenue.length + facts.customers.length + facts.individuals.length + nPasses);
    const days = new Int32Array(cap);
    const kinds = new Uint8Array(cap);
    const targets = new Int32Array(cap);
    const extra = new Int32Array(cap);
    let n = 0;
    const push = (day: number, kind: number, target: number, x = 0) => {
      days[n] = day;
      kinds[n] = kind;
      targets[n] = target;
      extra[n] = x;
      n++;
    };

    // Revenue lines (eligible products of known customers; others never count).
    const amounts = new Float64Array(facts.revenue.length);
    let absSum = 0;
    let safe = true;
    for (let i = 0; i < facts.revenue.length; i++) {
      const line = facts.revenue[i]!;
      let p = typeof line.date === "string" ? packedYmd(line.date) : -1;
      if (p < 0) p = packedOf(line.date, `date of revenue line ${line.id ?? line.customerId}`);
      const a = line.amountCents;
      if (typeof a !== "number" || !Number.isSafeInteger(a)) assertCents(a, `amountCents of revenue line ${line.id ?? line.customerId}`);
      const leaves = leavesWindowDay(p);
      amounts[i] = a;
      const c = custIndex.get(line.customerId);
      if (c === undefined || !prep.eligible.has(line.product)) continue;
      absSum += Math.abs(a);
      if (absSum > MAX) safe = false;
      push(packedToDay(p), LINE_IN, c, i);
      push(leaves, LINE_OUT, c, i);
    }
    this.amounts = amounts;
    const nCust = custIndex.size;
    this.dporCount = new Int32Array(nCust);
    this.custSum = new Float64Array(nCust);
    this.bigSums = safe ? null : new Array<bigint>(nCust).fill(0n);

    for (const c of facts.customers) {
      if (c.dporUntil) {
        const until = dayOf(c.dporUntil);
        if (c.dporUntil === "9999-12-31") throw new RangeError(`computed date must be a real date as YYYY-MM-DD, got "10000-01-01"`);
        if (c.dporFrom === null || c.dporFrom === undefined) continue;
        const from = dayOf(c.dporFrom);
        if (from > until) continue;
        push(from, DPOR_ON, custIndex.get(c.id)!);
        push(until + 1, DPOR_OFF, custIndex.get(c.id)!);
      } else if (c.dporFrom !== null && c.dporFrom !== undefined) {
        push(dayOf(c.dporFrom), DPOR_ON, custIndex.get(c.id)!);
      }
    }

    // People.
    const nPeople = facts.individuals.length;
    this.memberCount = new Int8Array(nPeople);
    this.groupCount = new Int32Array(nPeople * 3);
    this.personType = new Int8Array(nPeople);
    facts.individuals.forEach((ind, i) => {
      optDate(ind.joinedOn, `joinedOn of individual ${ind.id}`);
      optDate(ind.leftOn, `leftOn of individual ${ind.id}`);
      if (ind.joinedOn === null || ind.joinedOn === undefined) this.memberCount[i] = 1;
      else push(dayOf(ind.joinedOn), JOIN, i);
      if (ind.leftOn !== null && ind.leftOn !== undefined) push(dayOf(ind.leftOn), LEAVE, i);
      for (const p of ind.passes) {
        const pp = typeof p.passedOn === "string" ? packedYmd(p.passedOn) : -1;
        const on = pp >= 0 ? packedToDay(pp) : dayOf(p.passedOn, `passedOn of individual ${ind.id}`);
        const code = normalisedCode(p.exam);
        const e = code === null ? undefined : prep.exams.get(code);
        if (!e) continue;
        const g = e.bit === 1 ? 0 : e.bit === 2 ? 1 : 2;
        if (e.def.acceptedUntil === null) push(on, PASS_ON, i, g);
        else {
          const until = dayOf(e.def.acceptedUntil);
          if (on > until) continue;
          push(on, PASS_ON, i, g);
          push(until + 1, PASS_OFF, i, g);
        }
      }
      const t = this.memberCount[i] === 1 ? 0 : -1;
      this.personType[i] = t;
      if (t === 0) this.typeCounts[0]!++;
    });

    // Sort the events by day, once: a counting sort when the days span a range comparable to the number
    // of events (the usual case), else a numeric sort of (day, position) keys.
    const order = sortByDay(days, n);
    const sDays = new Int32Array(n);
    const sKinds = new Uint8Array(n);
    const sTargets = new Int32Array(n);
    const sExtra = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const i = order[j]!;
      sDays[j] = days[i]!;
      sKinds[j] = kinds[i]!;
      sTargets[j] = targets[i]!;
      sExtra[j] = extra[i]!;
    }
    this.days = sDays;
    this.kinds = sKinds;
    this.targets = sTargets;
    this.extra = sExtra;
  }

  /** The day of the next event not applied yet, or Infinity. */
  nextDay(): number {
    return this.next < this.days.length ? this.days[this.next]! : Infinity;
  }

  /** Applies every event on or before `day`. */
  advanceThrough(day: number): void {
    const days = this.days;
    while (this.next < days.length && days[this.next]! <= day) this.apply(this.next++);
  }

  private apply(e: number): void {
    const kind = this.kinds[e]!;
    const t = this.targets[e]!;
    switch (kind) {
      case LINE_IN:
      case LINE_OUT: {
        const a = kind === LINE_IN ? this.amounts[this.extra[e]!]! : -this.amounts[this.extra[e]!]!;
        if (this.bigSums) {
          const b = BigInt(a);
          this.bigSums[t] = this.bigSums[t]! + b;
          if (this.dporCount[t]! > 0) this.bigTotal += b;
        } else {
          this.custSum[t] = this.custSum[t]! + a;
          if (this.dporCount[t]! > 0) this.total += a;
        }
        return;
      }
      case DPOR_ON:
        if (this.dporCount[t]!++ === 0) {
          if (this.bigSums) this.bigTotal += this.bigSums[t]!;
          else this.total += this.custSum[t]!;
        }
        return;
      case DPOR_OFF:
        if (--this.dporCount[t]! === 0) {
          if (this.bigSums) this.bigTotal -= this.bigSums[t]!;
          else this.total -= this.custSum[t]!;
        }
        return;
      case JOIN:
        this.memberCount[t]!++;
        break;
      case LEAVE:
        this.memberCount[t]!--;
        break;
      case PASS_ON:
        this.groupCount[t * 3 + this.extra[e]!]!++;
        break;
      case PASS_OFF:
        this.groupCount[t * 3 + this.extra[e]!]!--;
        break;
    }
    // A person's holding type changed: −1 when not a member.
    const g = this.groupCount;
    const type = this.memberCount[t] === 1 ? (g[t * 3]! > 0 ? 1 : 0) | (g[t * 3 + 1]! > 0 ? 2 : 0) | (g[t * 3 + 2]! > 0 ? 4 : 0) : -1;
    const old = this.personType[t]!;
    if (type !== old) {
      if (old >= 0) this.typeCounts[old]!--;
      if (type >= 0) this.typeCounts[type]!++;
      this.personType[t] = type;
    }
  }

  /** Whether the DPOR-counted TTM revenue (after the applied events) is at least the level's threshold. */
  revenueMet(level: "silver" | "gold"): boolean {
    const thr = this.thresholds[level];
    return this.bigSums ? this.bigTotal >= BigInt(thr) : this.total >= thr;
  }

  /** Whether members fill every slot of the level (after the applied events). */
  examsMet(level: "silver" | "gold"): boolean {
    return canFillAll(level === "gold" ? this.goldReq : this.silverReq, this.typeCounts);
  }

  /** The level after the applied events. */
  level(): Level {
    if (this.revenueMet("gold") && this.examsMet("gold")) return "gold";
    if (this.revenueMet("silver") && this.examsMet("silver")) return "silver";
    return "none";
  }
}
