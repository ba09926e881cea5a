// Public types of the competency engine. Plain data only.

// The engine's vocabulary, declared once: everything else (schema enums, forms, filters) reads these lists.
export const RULE_SET_IDS = ["V1", "V2", "V3"] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];
export const EXAM_GROUPS = ["A", "B", "C"] as const;
export type ExamGroup = (typeof EXAM_GROUPS)[number];
/** Levels in rank order (LEVEL_RANK is the position in this list). */
export const LEVELS = ["none", "silver", "gold"] as const;
export type Level = (typeof LEVELS)[number];
/** A level's rank: its position in LEVELS (none 0, silver 1, gold 2). */
export const LEVEL_RANK: Readonly<Record<Level, number>> = Object.fromEntries(LEVELS.map((l, i) => [l, i])) as Record<Level, number>;
export const MARKETS = ["developed", "developing"] as const;
export type Market = (typeof MARKETS)[number];
export const PRODUCTS = ["crm-online", "d365-plan1", "other"] as const;
export type Product = (typeof PRODUCTS)[number];

export interface PartnerFacts {
  market: Market;
  /** dporUntil: last day as DPOR, inclusive. */
  customers: { id: string; dporFrom: string | null; dporUntil?: string | null }[];
  revenue: { id?: string; customerId: string; product: Product; date: string; amountCents: number }[];
  /** leftOn: not a member from leftOn on. Exam codes as "MB2-714" (normalised when compared). */
  individuals: {
    id: string;
    name: string;
    joinedOn?: string | null;
    leftOn?: string | null;
    passes: { exam: string; passedOn: string }[];
  }[];
}

export interface EvaluateOptions {
  asOf: string;
  ruleSet?: RuleSetId;
}

export type ExclusionReason = "outside-window" | "not-dpor" | "product-not-eligible";
export type IgnoredPassReason = "after-as-of" | "not-member" | "not-in-catalogue" | "acceptance-ended";

export interface CountedRevenueLine {
  /** Position of the line in facts.revenue. */
  index: number;
  id?: string;
  customerId: string;
  product: Product;
  date: string;
  amountCents: number;
}

export interface ExcludedRevenueLine {
  /** Position of the line in facts.revenue. */
  index: number;
  id?: string;
  customerId: string;
  product: Product;
  date: string;
  amountCents: number;
  reason: ExclusionReason;
}

export interface UsedPass {
  exam: string;
  group: ExamGroup;
  passedOn: string;
}

export interface SlotResult {
  id: string;
  requires: ExamGroup[];
  filledBy: string | null;
  /** For a filled slot: the counting pass used per required group (earliest pass of that group), in group order. */
  passes: UsedPass[];
}

export interface PlanStep {
  slotId: string;
  /** null: a new person. */
  individualId: string | null;
  needs: ExamGroup[];
}

export interface ChecklistCandidate {
  individualId: string;
  name: string;
  /** Groups of the slot's requirement the person already holds. */
  has: ExamGroup[];
  /** Groups of the slot's requirement the person still needs. */
  missing: ExamGroup[];
}

export interface ChecklistItem {
  slotId: string;
  requires: ExamGroup[];
  /** Up to 3 active people not used in the maximum matching, fewest missing groups first, then input order. */
  closest: ChecklistCandidate[];
}

export interface LevelResult {
  achieved: boolean;
  revenue: { met: boolean; thresholdCents: number; shortfallCents: number };
  exams: { met: boolean; unfilled: number; slots: SlotResult[] };
  plan: { examsNeeded: number; steps: PlanStep[] };
  checklist: ChecklistItem[];
}

export interface IndividualStatus {
  id: string;
  name: string;
  /** A member on the as-of date. */
  active: boolean;
  countingGroups: ExamGroup[];
  countingPasses: UsedPass[];
  ignoredPasses: { exam: string; passedOn: string; reason: IgnoredPassReason }[];
}

export interface Evaluation {
  asOf: string;
  ruleSet: RuleSetId;
  level: Level;
  /** The TTM window, inclusive. */
  window: { from: string; to: string };
  /**
   * Net counted revenue. Exact whenever it is a safe integer (|x| ≤ 2^53 − 1); beyond that range it is
   * the nearest double (and Number.isSafeInteger is false) — use qualifyingRevenueCentsExact then.
   */
  qualifyingRevenueCents: number;
  /** The exact net counted revenue in cents as a decimal integer string (e.g. "-1500", "18014398509481984"). */
  qualifyingRevenueCentsExact: string;
  excludedRevenue: ExcludedRevenueLine[];
  silver: LevelResult;
  gold: LevelResult;
  // Extensions
  market: Market;
  /** "developed-fallback": the rule set states no threshold for the partner's market; the developed one is used. */
  thresholdSource: "market" | "developed-fallback";
  /** The rule set's wording of the eligible products. */
  productWording: string;
  counted: CountedRevenueLine[];
  individualsStatus: IndividualStatus[];
}
