// The engine's earlier, straightforward implementations, kept as test oracles for the fast paths
// (tests only; not part of the public API). Matching: full enumeration of the 9^slots leaves; evaluate:
// per-customer scans and number sums (throws beyond the safe range).
import { addDays, assertDate, inWindow, ttmWindow } from "./dates";
import { assertCents, compareLevels, evaluate, isDporOn, isMemberOn, optDate } from "./evaluate";
import { compileLevelScan } from "./level-scan";
import { riskCandidateDates } from "./risk";
import type { RiskCause, RiskProjection } from "./risk";
import { changeDates } from "./timeline";
import type { LevelChange } from "./timeline";
import { groupsMask, missingGroups } from "./matching";
import type { Assignment, SlotSpec } from "./matching";
import { DEFAULT_RULE_SET, EXAM_GROUPS, getRuleSet, isExamAcceptedOn, normaliseExamCode } from "./rules";
import type { RuleSet, SlotDefinition } from "./rules";
import type {
  RuleSetId,
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
export function oracleMaxSlotMatching(slots: readonly SlotSpec[], holdings: readonly (readonly ExamGroup[])[]): (number | null)[] {
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
export function oracleCheapestAssignment(slots: readonly SlotSpec[], holdings: readonly (readonly ExamGroup[])[]): Assignment {
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

// ---- evaluate, as it was ----

function sortGroups(gs: Iterable<ExamGroup>): ExamGroup[] {
  const set = new Set(gs);
  return EXAM_GROUPS.filter((g) => set.has(g));
}

function individualStatus(ind: PartnerFacts["individuals"][number], rs: RuleSet, asOf: string): IndividualStatus {
  optDate(ind.joinedOn, `joinedOn of individual ${ind.id}`);
  optDate(ind.leftOn, `leftOn of individual ${ind.id}`);
  const active = isMemberOn(ind, asOf);
  const counting: UsedPass[] = [];
  const ignored: IndividualStatus["ignoredPasses"] = [];
  for (const p of ind.passes) {
    assertDate(p.passedOn, `passedOn of individual ${ind.id}`);
    const code = normaliseExamCode(p.exam);
    const def = code === null ? undefined : rs.exams.find((e) => e.code === code);
    let reason: IgnoredPassReason | null = null;
    if (p.passedOn > asOf) reason = "after-as-of";
    else if (!active) reason = "not-member";
    else if (!def) reason = "not-in-catalogue";
    else if (!isExamAcceptedOn(def, asOf)) reason = "acceptance-ended";
    if (reason !== null || !def) ignored.push({ exam: code ?? p.exam, passedOn: p.passedOn, reason: reason ?? "not-in-catalogue" });
    else counting.push({ exam: def.code, group: def.group, passedOn: p.passedOn });
  }
  // earliest first; ties by catalogue order
  const order = (code: string) => rs.exams.findIndex((e) => e.code === code);
  counting.sort((a, b) => (a.passedOn < b.passedOn ? -1 : a.passedOn > b.passedOn ? 1 : order(a.exam) - order(b.exam)));
  return {
    id: ind.id,
    name: ind.name,
    active,
    countingGroups: sortGroups(counting.map((c) => c.group)),
    countingPasses: counting,
    ignoredPasses: ignored,
  };
}

function levelResult(slots: readonly SlotDefinition[], statuses: IndividualStatus[], revenueCents: number, thresholdCents: number): LevelResult {
  // Only active members can fill slots or be planned for; inactive ones hold no counting groups anyway.
  const pool = statuses.filter((s) => s.active);
  const holdings = pool.map((s) => s.countingGroups);
  const matching = oracleMaxSlotMatching(slots, holdings);
  const usedIdx = new Set(matching.filter((x): x is number => x !== null));
  const slotResults = slots.map((s, i) => {
    const p = matching[i];
    const filledBy = p === null ? null : pool[p];
    return {
      id: s.id,
      requires: [...s.requires],
      filledBy: filledBy ? filledBy.id : null,
      passes: filledBy ? s.requires.map((g) => filledBy.countingPasses.find((c) => c.group === g)!).filter(Boolean) : [],
    };
  });
  const unfilled = slotResults.filter((s) => s.filledBy === null).length;
  const examsMet = unfilled === 0;

  let plan: LevelResult["plan"] = { examsNeeded: 0, steps: [] };
  if (!examsMet) {
    const a = oracleCheapestAssignment(slots, holdings);
    plan = {
      examsNeeded: a.cost,
      steps: slots
        .map((s, i) => {
          const p = a.assignment[i];
          return { slotId: s.id, individualId: p === null ? null : pool[p].id, needs: a.needs[i] };
        })
        .filter((st) => st.needs.length > 0),
    };
  }

  const checklist: ChecklistItem[] = slotResults
    .filter((s) => s.filledBy === null)
    .map((s) => {
      const candidates = pool
        .map((p, idx) => ({ p, idx, missing: missingGroups(s.requires, p.countingGroups) }))
        .filter((c) => !usedIdx.has(c.idx))
        .sort((x, y) => x.missing.length - y.missing.length || x.idx - y.idx)
        .slice(0, 3)
        .map((c) => ({
          individualId: c.p.id,
          name: c.p.name,
          has: s.requires.filter((g) => c.p.countingGroups.includes(g)),
          missing: c.missing,
        }));
      return { slotId: s.id, requires: [...s.requires], closest: candidates };
    });

  const revenueMet = revenueCents >= thresholdCents;
  return {
    achieved: revenueMet && examsMet,
    revenue: { met: revenueMet, thresholdCents, shortfallCents: Math.max(0, thresholdCents - revenueCents) },
    exams: { met: examsMet, unfilled, slots: slotResults },
    plan,
    checklist,
  };
}

/**
 * Evaluate a partner's Cloud CRM competency standing as of a date under a rule set (default V1).
 * Throws RangeError on malformed input (dates not YYYY-MM-DD, amounts not safe integers).
 */
export function oracleEvaluate(facts: PartnerFacts, options: EvaluateOptions): Omit<Evaluation, "qualifyingRevenueCentsExact"> {
  const asOf = assertDate(options.asOf, "asOf");
  const rs = getRuleSet(options.ruleSet ?? DEFAULT_RULE_SET);
  if (facts.market !== "developed" && facts.market !== "developing") {
    throw new RangeError(`market must be "developed" or "developing", got ${JSON.stringify(facts.market)}`);
  }
  for (const c of facts.customers) {
    optDate(c.dporFrom, `dporFrom of customer ${c.id}`);
    optDate(c.dporUntil, `dporUntil of customer ${c.id}`);
  }
  const window = ttmWindow(asOf);

  // Revenue
  const counted: CountedRevenueLine[] = [];
  const excluded: ExcludedRevenueLine[] = [];
  let qualifying = 0;
  const dporCache = new Map<string, boolean>();
  for (let index = 0; index < facts.revenue.length; index++) {
    const line = facts.revenue[index];
    assertDate(line.date, `date of revenue line ${line.id ?? line.customerId}`);
    const amountCents = assertCents(line.amountCents, `amountCents of revenue line ${line.id ?? line.customerId}`);
    const base = {
      index,
      ...(line.id !== undefined ? { id: line.id } : {}),
      customerId: line.customerId,
      product: line.product,
      date: line.date,
      amountCents,
    };
    let dpor = dporCache.get(line.customerId);
    if (dpor === undefined) {
      dpor = isDporOn(facts.customers, line.customerId, asOf);
      dporCache.set(line.customerId, dpor);
    }
    if (!inWindow(line.date, window)) excluded.push({ ...base, reason: "outside-window" });
    else if (!rs.eligibleProducts.includes(line.product)) excluded.push({ ...base, reason: "product-not-eligible" });
    else if (!dpor) excluded.push({ ...base, reason: "not-dpor" });
    else {
      counted.push(base);
      qualifying += amountCents;
    }
  }
  if (!Number.isSafeInteger(qualifying)) throw new RangeError("qualifying revenue exceeds the safe integer range");

  // Thresholds
  const own = rs.thresholds[facts.market];
  const thresholdSource: Evaluation["thresholdSource"] = own ? "market" : "developed-fallback";
  const thresholds = own ?? rs.thresholds.developed!;

  // People
  const individualsStatus = facts.individuals.map((ind) => individualStatus(ind, rs, asOf));

  const silver = levelResult(rs.slots.silver, individualsStatus, qualifying, thresholds.silver);
  const gold = levelResult(rs.slots.gold, individualsStatus, qualifying, thresholds.gold);
  const level: Level = gold.achieved ? "gold" : silver.achieved ? "silver" : "none";

  return {
    asOf,
    ruleSet: rs.id,
    level,
    window,
    qualifyingRevenueCents: qualifying,
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

// ---- risk and timeline, as they were: evaluate / compileLevelScan at every candidate date ----

function oracleDiffCauses(before: Evaluation, after: Evaluation, facts: PartnerFacts, level: "silver" | "gold"): RiskCause[] {
  const date = after.asOf;
  const causes: RiskCause[] = [];
  const was = new Set(before.counted.map((c) => c.index));
  const now = new Set(after.counted.map((c) => c.index));
  const exclusion = new Map(after.excludedRevenue.map((x) => [x.index, x.reason]));
  const dporLost = new Map<string, number>();
  const dporGained = new Map<string, number>();
  facts.revenue.forEach((l, i) => {
    const id = l.id !== undefined ? { revenueId: l.id } : {};
    if (was.has(i) && !now.has(i)) {
      if (l.amountCents <= 0) return; // a credit dropping out only raises revenue
      if (exclusion.get(i) === "not-dpor") dporLost.set(l.customerId, (dporLost.get(l.customerId) ?? 0) + l.amountCents);
      else causes.push({ kind: "revenue-leaves-window", date, customerId: l.customerId, ...id, revenueDate: l.date, amountCents: l.amountCents });
    } else if (!was.has(i) && now.has(i)) {
      if (l.amountCents >= 0) return; // new positive revenue only raises
      if (l.date === date) causes.push({ kind: "credit-enters-window", date, customerId: l.customerId, ...id, amountCents: l.amountCents });
      else dporGained.set(l.customerId, (dporGained.get(l.customerId) ?? 0) + l.amountCents);
    }
  });
  for (const [customerId, amountCents] of dporLost) causes.push({ kind: "dpor-ends", date, customerId, amountCents });
  for (const [customerId, amountCents] of dporGained) causes.push({ kind: "dpor-starts", date, customerId, amountCents });

  // People
  const slotIdsOf = (id: string) => before[level].exams.slots.filter((s) => s.filledBy === id).map((s) => s.id);
  before.individualsStatus.forEach((b, i) => {
    const a = after.individualsStatus[i];
    if (b.active && !a.active && b.countingGroups.length > 0)
      causes.push({ kind: "person-leaves", date, individualId: b.id, name: b.name, slotIds: slotIdsOf(b.id) });
  });
  const ended = new Map<string, string[]>();
  after.individualsStatus.forEach((a, i) => {
    const b = before.individualsStatus[i];
    if (!a.active || !b.active) return;
    for (const p of a.ignoredPasses) {
      if (p.reason !== "acceptance-ended") continue;
      if (!b.countingPasses.some((c) => c.exam === p.exam && c.passedOn === p.passedOn)) continue;
      const list = ended.get(p.exam) ?? [];
      if (!list.includes(a.id)) list.push(a.id);
      ended.set(p.exam, list);
    }
  });
  for (const [exam, individualIds] of ended) causes.push({ kind: "exam-acceptance-ends", date, exam, individualIds });
  return causes;
}

export function oracleProjectRisk(facts: PartnerFacts, options: { asOf: string; ruleSet?: RuleSetId; horizonDays?: number }): RiskProjection {
  const asOf = assertDate(options.asOf, "asOf");
  const ruleSet = options.ruleSet ?? DEFAULT_RULE_SET;
  const horizonDays = options.horizonDays ?? 365;
  if (!Number.isInteger(horizonDays) || horizonDays < 0) throw new RangeError("horizonDays must be a non-negative integer");
  const horizonTo = addDays(asOf, horizonDays);
  const now = evaluate(facts, { asOf, ruleSet });
  const base = { asOf, ruleSet, horizonDays, horizonTo, levelNow: now.level };
  const levelOn = compileLevelScan(facts, ruleSet);
  for (const d of riskCandidateDates(facts, ruleSet, asOf, horizonTo)) {
    if (compareLevels(levelOn(d), now.level) < 0) {
      const then = evaluate(facts, { asOf: d, ruleSet });
      const before = evaluate(facts, { asOf: addDays(d, -1), ruleSet });
      const lvl = now.level === "gold" ? "gold" : "silver";
      const lr = then[lvl];
      const lost: ("revenue" | "exams")[] = [];
      if (!lr.revenue.met) lost.push("revenue");
      if (!lr.exams.met) lost.push("exams");
      const causes = oracleDiffCauses(before, then, facts, lvl).filter((c) =>
        c.kind === "person-leaves" || c.kind === "exam-acceptance-ends" ? lost.includes("exams") : lost.includes("revenue"),
      );
      return { ...base, atRiskOn: d, levelThen: then.level, lost, causes };
    }
  }
  return { ...base, atRiskOn: null, levelThen: now.level, lost: [], causes: [] };
}

export function oracleResultValidUntil(facts: PartnerFacts, options: { asOf: string; ruleSet?: RuleSetId; horizonDays: number }): string | null {
  const asOf = assertDate(options.asOf, "asOf");
  const ruleSet = options.ruleSet ?? DEFAULT_RULE_SET;
  let next: string | null = changeDates(facts, ruleSet).find((d) => d > asOf) ?? null;
  const horizonEnd = addDays(asOf, options.horizonDays);
  const farDrop = riskCandidateDates(facts, ruleSet, horizonEnd, "9999-12-31")[0];
  if (farDrop) {
    const entersHorizon = addDays(farDrop, -options.horizonDays);
    if (next === null || entersHorizon < next) next = entersHorizon;
  }
  return next;
}

export function oracleLevelHistory(facts: PartnerFacts, options: { through: string; ruleSet?: RuleSetId }): LevelChange[] {
  const through = assertDate(options.through, "through");
  const ruleSet = options.ruleSet ?? DEFAULT_RULE_SET;
  const out: LevelChange[] = [];
  let prev: Level = "none";
  const levelOn = compileLevelScan(facts, ruleSet);
  for (const d of changeDates(facts, ruleSet)) {
    if (d > through) break;
    if (levelOn(d) !== prev) {
      const e = evaluate(facts, { asOf: d, ruleSet });
      const lost: LevelChange["lost"] = [];
      if (prev !== "none" && (e.level === "none" || prev === "gold")) {
        const held = e[prev];
        if (!held.revenue.met) lost.push("revenue");
        if (!held.exams.met) lost.push("exams");
      }
      out.push({ date: d, from: prev, to: e.level, lost });
      prev = e.level;
    }
  }
  return out;
}
