// The evaluation engine: revenue (TTM, DPOR, product), exam passes, slot matching, plans.
import { LEVEL_RANK } from "./types";
import { assertDate, inWindow, monthOf, addMonths, ttmWindow } from "./dates";
import { cheapestAssignment, maxSlotMatching, missingGroups } from "./matching";
import { DEFAULT_RULE_SET, EXAM_GROUPS, getRuleSet, isExamAcceptedOn, normaliseExamCode } from "./rules";
import type { RuleSet, SlotDefinition } from "./rules";
import type {
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

function assertCents(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n)) {
    throw new RangeError(`${what} must be a safe integer number of cents, got ${String(n)}`);
  }
  return n;
}

function optDate(d: string | null | undefined, what: string): string | null {
  if (d === null || d === undefined) return null;
  return assertDate(d, what);
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

function levelResult(
  slots: readonly SlotDefinition[],
  statuses: IndividualStatus[],
  revenueCents: number,
  thresholdCents: number,
): LevelResult {
  // Only active members can fill slots or be planned for; inactive ones hold no counting groups anyway.
  const pool = statuses.filter((s) => s.active);
  const holdings = pool.map((s) => s.countingGroups);
  const matching = maxSlotMatching(slots, holdings);
  const usedIdx = new Set(matching.filter((x): x is number => x !== null));
  const slotResults = slots.map((s, i) => {
    const p = matching[i];
    const filledBy = p === null ? null : pool[p];
    return {
      id: s.id,
      requires: [...s.requires],
      filledBy: filledBy ? filledBy.id : null,
      passes: filledBy
        ? s.requires.map((g) => filledBy.countingPasses.find((c) => c.group === g)!).filter(Boolean)
        : [],
    };
  });
  const unfilled = slotResults.filter((s) => s.filledBy === null).length;
  const examsMet = unfilled === 0;

  let plan: LevelResult["plan"] = { examsNeeded: 0, steps: [] };
  if (!examsMet) {
    const a = cheapestAssignment(slots, holdings);
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
export function evaluate(facts: PartnerFacts, options: EvaluateOptions): Evaluation {
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

/**
 * Counted revenue per calendar month over the evaluation's window, for a chart: one bucket per month
 * from window.from's month to window.to's month (12 buckets when the window starts on the 1st, else 13).
 */
export function monthlyRevenue(evaluation: Pick<Evaluation, "window" | "counted">): { month: string; cents: number }[] {
  const first = monthOf(evaluation.window.from);
  const last = monthOf(evaluation.window.to);
  const buckets: { month: string; cents: number }[] = [];
  for (let d = `${first}-01`; monthOf(d) <= last; d = addMonths(d, 1)) buckets.push({ month: monthOf(d), cents: 0 });
  const index = new Map(buckets.map((b, i) => [b.month, i]));
  for (const line of evaluation.counted) {
    const i = index.get(monthOf(line.date));
    if (i !== undefined) buckets[i].cents += line.amountCents;
  }
  return buckets;
}
