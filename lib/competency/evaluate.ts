// The evaluation engine: revenue (TTM, DPOR, product), exam passes, slot matching, plans.
import { addMonths, assertDate, monthOf, packedYmd, ttmWindow } from "./dates";
import { cheapestMasks, groupsMask, maskGroups, maxMatchingMasks } from "./matching";
import { CentsSum } from "./money";
import { LEVEL_RANK } from "./types";
import { DEFAULT_RULE_SET, getRuleSet, normaliseExamCode } from "./rules";
import type { ExamDefinition, RuleSet, SlotDefinition } from "./rules";
import type {
  ChecklistCandidate,
  ChecklistItem,
  CountedRevenueLine,
  EvaluateOptions,
  Evaluation,
  ExamGroup,
  ExcludedRevenueLine,
  IgnoredPassReason,
  IndividualStatus,
  Level,
  LevelResult,
  PartnerFacts,
  UsedPass,
} from "./types";

export { LEVEL_RANK };

export function compareLevels(a: Level, b: Level): number {
  return LEVEL_RANK[a] - LEVEL_RANK[b];
}

export function assertCents(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n)) {
    throw new RangeError(`${what} must be a safe integer number of cents, got ${String(n)}`);
  }
  return n;
}

export function optDate(d: string | null | undefined, what: string): string | null {
  if (d === null || d === undefined) return null;
  return assertDate(d, what);
}

/** Packed date of a valid date string; else RangeError "<what> <id> must be …" (built only on failure). */
function packedOrThrow(d: string, what: string, id: string): number {
  const p = typeof d === "string" ? packedYmd(d) : -1;
  if (p < 0) assertDate(d, `${what} ${id}`);
  return p;
}

/** Whether the partner is DPOR for the customer on `date` (any record of that customer id). */
export function isDporOn(customers: PartnerFacts["customers"], customerId: string, date: string): boolean {
  return customers.some(
    (c) =>
      c.id === customerId &&
      c.dporFrom !== null &&
      c.dporFrom !== undefined &&
      c.dporFrom <= date &&
      (c.dporUntil === null || c.dporUntil === undefined || date <= c.dporUntil),
  );
}

/** Whether an individual is a member on `date`: joined on/before it and not left yet (leftOn is the first day away). */
export function isMemberOn(ind: { joinedOn?: string | null; leftOn?: string | null }, date: string): boolean {
  const joined = ind.joinedOn === null || ind.joinedOn === undefined || ind.joinedOn <= date;
  const notLeft = ind.leftOn === null || ind.leftOn === undefined || date < ind.leftOn;
  return joined && notLeft;
}

/** What a rule set needs at evaluation time, prepared once per rule set. */
export interface PreparedRuleSet {
  rs: RuleSet;
  /** Normalised code → catalogue entry, its position in the catalogue and its group bit. */
  exams: Map<string, { def: ExamDefinition; order: number; bit: number }>;
  eligible: ReadonlySet<string>;
  silverReq: number[];
  goldReq: number[];
}

const PREPARED = new Map<RuleSet, PreparedRuleSet>();

export function prepareRuleSet(rs: RuleSet): PreparedRuleSet {
  let p = PREPARED.get(rs);
  if (!p) {
    p = {
      rs,
      exams: new Map(rs.exams.map((def, order) => [def.code, { def, order, bit: groupsMask([def.group]) }])),
      eligible: new Set(rs.eligibleProducts),
      silverReq: rs.slots.silver.map((s) => groupsMask(s.requires)),
      goldReq: rs.slots.gold.map((s) => groupsMask(s.requires)),
    };
    PREPARED.set(rs, p);
  }
  return p;
}

// normaliseExamCode of recently seen spellings (bounded: cleared when it grows large).
const CODE_CACHE = new Map<string, string | null>();

export function normalisedCode(exam: string): string | null {
  let c = CODE_CACHE.get(exam);
  if (c === undefined) {
    c = normaliseExamCode(exam);
    if (CODE_CACHE.size >= 4096) CODE_CACHE.clear();
    if (typeof exam === "string") CODE_CACHE.set(exam, c);
  }
  return c;
}

const GROUPS_OF: readonly (readonly ExamGroup[])[] = Array.from({ length: 8 }, (_, m) => maskGroups(m));

export function individualStatus(ind: PartnerFacts["individuals"][number], prep: PreparedRuleSet, asOf: string, masks: number[]): IndividualStatus {
  if (ind.joinedOn !== null && ind.joinedOn !== undefined) packedOrThrow(ind.joinedOn, "joinedOn of individual", ind.id);
  if (ind.leftOn !== null && ind.leftOn !== undefined) packedOrThrow(ind.leftOn, "leftOn of individual", ind.id);
  const active = isMemberOn(ind, asOf);
  const counting: UsedPass[] = [];
  const orders: number[] = [];
  const ignored: IndividualStatus["ignoredPasses"] = [];
  let mask = 0;
  for (const p of ind.passes) {
    packedOrThrow(p.passedOn, "passedOn of individual", ind.id);
    const code = normalisedCode(p.exam);
    const e = code === null ? undefined : prep.exams.get(code);
    let reason: IgnoredPassReason | null = null;
    if (p.passedOn > asOf) reason = "after-as-of";
    else if (!active) reason = "not-member";
    else if (!e) reason = "not-in-catalogue";
    else if (e.def.acceptedUntil !== null && asOf > e.def.acceptedUntil) reason = "acceptance-ended";
    if (reason !== null || !e) ignored.push({ exam: code ?? p.exam, passedOn: p.passedOn, reason: reason ?? "not-in-catalogue" });
    else {
      counting.push({ exam: e.def.code, group: e.def.group, passedOn: p.passedOn });
      orders.push(e.order);
      mask |= e.bit;
    }
  }
  // earliest first; ties by catalogue order, then input order (stable)
  if (counting.length > 16) {
    const idx = counting.map((_, i) => i);
    idx.sort((x, y) => {
      const a = counting[x]!.passedOn;
      const b = counting[y]!.passedOn;
      return a < b ? -1 : a > b ? 1 : orders[x]! - orders[y]! || x - y;
    });
    const sorted = idx.map((i) => counting[i]!);
    for (let i = 0; i < sorted.length; i++) counting[i] = sorted[i]!;
  } else
    for (let i = 1; i < counting.length; i++) {
      // insertion sort: a person has few passes
      const c = counting[i]!;
      const o = orders[i]!;
      let j = i;
      while (j > 0) {
        const prev = counting[j - 1]!;
        if (prev.passedOn < c.passedOn || (prev.passedOn === c.passedOn && orders[j - 1]! <= o)) break;
        counting[j] = prev;
        orders[j] = orders[j - 1]!;
        j--;
      }
      counting[j] = c;
      orders[j] = o;
    }
  masks.push(mask);
  return {
    id: ind.id,
    name: ind.name,
    active,
    countingGroups: GROUPS_OF[mask]!.slice(),
    countingPasses: counting,
    ignoredPasses: ignored,
  };
}

/** The groups of `requires` (in its order) that a holder of `mask` holds. */
function groupsHeld(requires: readonly ExamGroup[], mask: number): ExamGroup[] {
  const out: ExamGroup[] = [];
  for (let i = 0; i < requires.length; i++) {
    const g = requires[i]!;
    if ((mask & (g === "A" ? 1 : g === "B" ? 2 : 4)) !== 0) out.push(g);
  }
  return out;
}

/** Per required group (in order), the first counting pass of that group, skipping groups without one. */
function firstPasses(requires: readonly ExamGroup[], passes: readonly UsedPass[]): UsedPass[] {
  const out: UsedPass[] = [];
  for (let i = 0; i < requires.length; i++) {
    const g = requires[i]!;
    for (let j = 0; j < passes.length; j++) {
      if (passes[j]!.group === g) {
        out.push(passes[j]!);
        break;
      }
    }
  }
  return out;
}

function popcount3(x: number): number {
  return (x & 1) + ((x >> 1) & 1) + ((x >> 2) & 1);
}

function levelResult(
  slots: readonly SlotDefinition[],
  req: readonly number[],
  pool: IndividualStatus[],
  poolMasks: readonly number[],
  revenue: CentsSum,
  thresholdCents: number,
): LevelResult {
  // Only active members can fill slots or be planned for; inactive ones hold no counting groups anyway.
  const matching = maxMatchingMasks(req, poolMasks);
  let unfilled = 0;
  const slotResults = slots.map((s, i) => {
    const p = matching[i]!;
    if (p < 0) {
      unfilled++;
      return { id: s.id, requires: [...s.requires], filledBy: null, passes: [] };
    }
    const filledBy = pool[p]!;
    return {
      id: s.id,
      requires: [...s.requires],
      filledBy: filledBy.id,
      passes: firstPasses(s.requires, filledBy.countingPasses),
    };
  });
  const examsMet = unfilled === 0;

  let plan: LevelResult["plan"] = { examsNeeded: 0, steps: [] };
  if (!examsMet) {
    const a = cheapestMasks(req, poolMasks);
    let examsNeeded = 0;
    const steps: LevelResult["plan"]["steps"] = [];
    slots.forEach((s, i) => {
      const p = a[i]!;
      // the groups of the slot the person lacks, in A,B,C order (missingGroups on masks)
      const needs = GROUPS_OF[req[i]! & ~(p < 0 ? 0 : poolMasks[p]!)]!.slice();
      examsNeeded += needs.length;
      if (needs.length > 0) steps.push({ slotId: s.id, individualId: p < 0 ? null : pool[p]!.id, needs });
    });
    plan = { examsNeeded, steps };
  }

  const checklist: ChecklistItem[] = [];
  slots.forEach((s, i) => {
    if (matching[i]! >= 0) return;
    // up to 3 unused active people, fewest missing groups first, then input order
    const r = req[i]!;
    const maxMissing = popcount3(r);
    const buckets: number[][] = [];
    for (let m = 0; m <= maxMissing; m++) buckets.push([]);
    for (let idx = 0; idx < pool.length; idx++) {
      if (matching.includes(idx)) continue;
      const b = buckets[popcount3(r & ~poolMasks[idx]!)]!;
      if (b.length < 3) {
        b.push(idx);
        if (buckets[0]!.length === 3) break; // nobody later can come before these
      }
    }
    const closest: ChecklistCandidate[] = [];
    for (const b of buckets) {
      for (const idx of b) {
        if (closest.length === 3) break;
        const p = pool[idx]!;
        closest.push({
          individualId: p.id,
          name: p.name,
          has: groupsHeld(s.requires, poolMasks[idx]!),
          missing: GROUPS_OF[r & ~poolMasks[idx]!]!.slice(),
        });
      }
    }
    checklist.push({ slotId: s.id, requires: [...s.requires], closest });
  });

  const revenueMet = revenue.atLeast(thresholdCents);
  return {
    achieved: revenueMet && examsMet,
    revenue: { met: revenueMet, thresholdCents, shortfallCents: revenue.shortfall(thresholdCents) },
    exams: { met: examsMet, unfilled, slots: slotResults },
    plan,
    checklist,
  };
}

/**
 * Evaluate a partner's Cloud CRM competency standing as of a date under a rule set (default V1).
 * Throws RangeError on malformed input (dates not YYYY-MM-DD, amounts not safe integers).
 * Sums are exact: qualifyingRevenueCents is exact whenever it is a safe integer (else the nearest
 * double) and qualifyingRevenueCentsExact always holds the exact decimal value.
 */
export function evaluate(facts: PartnerFacts, options: EvaluateOptions): Evaluation {
  const asOf = assertDate(options.asOf, "asOf");
  const rs = getRuleSet(options.ruleSet ?? DEFAULT_RULE_SET);
  const prep = prepareRuleSet(rs);
  if (facts.market !== "developed" && facts.market !== "developing") {
    throw new RangeError(`market must be "developed" or "developing", got ${JSON.stringify(facts.market)}`);
  }
  const asOfP = packedYmd(asOf);
  // DPOR on the as-of date per customer id (any record).
  const dpor = new Set<string>();
  for (const c of facts.customers) {
    const from = c.dporFrom;
    const until = c.dporUntil;
    const f = from === null || from === undefined ? -1 : packedOrThrow(from, "dporFrom of customer", c.id);
    const u = until === null || until === undefined ? -1 : packedOrThrow(until, "dporUntil of customer", c.id);
    if (f >= 0 && f <= asOfP && (u < 0 || asOfP <= u)) dpor.add(c.id);
  }
  const window = ttmWindow(asOf);
  const fromP = packedYmd(window.from);

  // Revenue
  const counted: CountedRevenueLine[] = [];
  const excluded: ExcludedRevenueLine[] = [];
  const qualifying = new CentsSum();
  const lines = facts.revenue;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const date = line.date;
    const dateP = packedOrThrow(date, "date of revenue line", line.id ?? line.customerId);
    const amountCents = line.amountCents;
    if (typeof amountCents !== "number" || !Number.isSafeInteger(amountCents)) {
      assertCents(amountCents, `amountCents of revenue line ${line.id ?? line.customerId}`);
    }
    const reason =
      dateP < fromP || dateP > asOfP
        ? "outside-window"
        : !prep.eligible.has(line.product)
          ? "product-not-eligible"
          : !dpor.has(line.customerId)
            ? "not-dpor"
            : null;
    if (reason === null) {
      counted.push(
        line.id !== undefined
          ? { index, id: line.id, customerId: line.customerId, product: line.product, date, amountCents }
          : { index, customerId: line.customerId, product: line.product, date, amountCents },
      );
      qualifying.add(amountCents);
    } else {
      excluded.push(
        line.id !== undefined
          ? { index, id: line.id, customerId: line.customerId, product: line.product, date, amountCents, reason }
          : { index, customerId: line.customerId, product: line.product, date, amountCents, reason },
      );
    }
  }

  // Thresholds
  const own = rs.thresholds[facts.market];
  const thresholdSource: Evaluation["thresholdSource"] = own ? "market" : "developed-fallback";
  const thresholds = own ?? rs.thresholds.developed!;

  // People
  const masks: number[] = [];
  const individualsStatus = facts.individuals.map((ind) => individualStatus(ind, prep, asOf, masks));
  const pool: IndividualStatus[] = [];
  const poolMasks: number[] = [];
  individualsStatus.forEach((s, i) => {
    if (s.active) {
      pool.push(s);
      poolMasks.push(masks[i]!);
    }
  });

  const silver = levelResult(rs.slots.silver, prep.silverReq, pool, poolMasks, qualifying, thresholds.silver);
  const gold = levelResult(rs.slots.gold, prep.goldReq, pool, poolMasks, qualifying, thresholds.gold);
  const level: Level = gold.achieved ? "gold" : silver.achieved ? "silver" : "none";

  return {
    asOf,
    ruleSet: rs.id,
    level,
    window,
    qualifyingRevenueCents: qualifying.toNumber(),
    qualifyingRevenueCentsExact: qualifying.toDecimal(),
    excludedRevenue: excluded,
    silver,
    gold,
    market: facts.market,
    thresholdSource,
    productWording: rs.productWording,
    counted,
    individualsStatus,
  };
}

/**
 * Counted revenue per calendar month over the evaluation's window, for a chart: one bucket per month
 * from window.from's month to window.to's month (12 buckets when the window starts on the 1st, else 13).
 * Each bucket's sum is computed exactly; `cents` is exact when it is a safe integer (else the nearest double).
 */
export function monthlyRevenue(evaluation: Pick<Evaluation, "window" | "counted">): { month: string; cents: number }[] {
  const first = monthOf(evaluation.window.from);
  const last = monthOf(evaluation.window.to);
  const months: string[] = [];
  for (let d = `${first}-01`; monthOf(d) <= last; d = addMonths(d, 1)) months.push(monthOf(d));
  const index = new Map(months.map((m, i) => [m, i]));
  const sums = months.map(() => new CentsSum());
  for (const line of evaluation.counted) {
    const i = index.get(monthOf(line.date));
    if (i !== undefined) sums[i]!.add(line.amountCents);
  }
  return months.map((month, i) => ({ month, cents: sums[i]!.toNumber() }));
}
