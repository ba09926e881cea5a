// The Cloud CRM competency rule sets as data (program/RULES.md).
import type { ExamGroup, Market, Product, RuleSetId } from "./types";

export interface ExamDefinition {
  code: string;
  title: string;
  group: ExamGroup;
  /** Last day (inclusive) the exam is accepted for the competency; null: no end stated. */
  acceptedUntil: string | null;
  note?: string;
}

export interface SlotDefinition {
  id: string;
  requires: ExamGroup[];
}

export interface RuleSet {
  id: RuleSetId;
  effectiveFrom: string;
  productWording: string;
  eligibleProducts: Product[];
  /** Thresholds in US cents per market; a market missing here has no stated threshold. */
  thresholds: Partial<Record<Market, { silver: number; gold: number }>>;
  exams: ExamDefinition[];
  slots: { silver: SlotDefinition[]; gold: SlotDefinition[] };
  /** Wording of the people requirement ("2 individuals" / "at least 2 individuals"). */
  peopleWording: { silver: string; gold: string };
}

import { EXAM_GROUPS, RULE_SET_IDS } from "./types";
export { EXAM_GROUPS, RULE_SET_IDS };

export const GROUP_ROLES: Readonly<Record<ExamGroup, string>> = {
  A: "workload",
  B: "deployment",
  C: "customization",
};

const V1_EXAMS: ExamDefinition[] = [
  { code: "MB2-714", title: "Dynamics CRM Customer Service", group: "A", acceptedUntil: null },
  { code: "MB2-713", title: "Microsoft Dynamics CRM 2016 Sales", group: "A", acceptedUntil: null },
  { code: "MB2-709", title: "Dynamics CRM Marketing", group: "A", acceptedUntil: null },
  { code: "MB2-710", title: "Microsoft Dynamics CRM Online Deployment (2015)", group: "B", acceptedUntil: null },
  { code: "MB2-706", title: "Microsoft Dynamics CRM Online Deployment", group: "B", acceptedUntil: null },
  { code: "MB2-712", title: "Microsoft Dynamics CRM 2016 Customization and Configuration", group: "C", acceptedUntil: null },
  { code: "MB2-707", title: "Microsoft Dynamics CRM Customization and Configuration", group: "C", acceptedUntil: null },
];

const V3_EXAMS: ExamDefinition[] = [
  { code: "MB2-714", title: "Dynamics CRM Customer Service", group: "A", acceptedUntil: null },
  { code: "MB2-713", title: "Microsoft Dynamics CRM 2016 Sales", group: "A", acceptedUntil: null },
  {
    code: "MB2-709",
    title: "Dynamics CRM Marketing",
    group: "A",
    acceptedUntil: "2018-12-31",
    note: "Retires 2017-12-31; accepted for the competency until 2018-12-31.",
  },
  { code: "MB2-717", title: "Microsoft Dynamics 365 for Sales", group: "A", acceptedUntil: null },
  { code: "MB2-718", title: "Microsoft Dynamics 365 for Customer Service", group: "A", acceptedUntil: null },
  {
    code: "MB2-877",
    title: "Microsoft Dynamics 365 for Field Service",
    group: "A",
    acceptedUntil: null,
    note: "Available January 2018.",
  },
  { code: "MB2-710", title: "Microsoft Dynamics CRM Online Deployment (2015)", group: "B", acceptedUntil: null },
  { code: "MB2-706", title: "Microsoft Dynamics CRM Online Deployment", group: "B", acceptedUntil: null },
  { code: "MB2-715", title: "Microsoft Dynamics 365 customer engagement Online Deployment", group: "B", acceptedUntil: null },
  { code: "MB2-712", title: "Microsoft Dynamics CRM 2016 Customization and Configuration", group: "C", acceptedUntil: null },
  { code: "MB2-707", title: "Microsoft Dynamics CRM Customization and Configuration", group: "C", acceptedUntil: null },
  { code: "MB2-716", title: "Microsoft Dynamics 365 Customization and Configuration", group: "C", acceptedUntil: null },
];

const SLOTS = {
  silver: [
    { id: "silver-1", requires: ["A", "B"] },
    { id: "silver-2", requires: ["C"] },
  ] as SlotDefinition[],
  gold: [
    { id: "gold-1", requires: ["A", "B"] },
    { id: "gold-2", requires: ["A", "B"] },
    { id: "gold-3", requires: ["C"] },
    { id: "gold-4", requires: ["C"] },
  ] as SlotDefinition[],
};

const DEVELOPED = { silver: 10_000_000, gold: 30_000_000 };
const DEVELOPING = { silver: 5_000_000, gold: 15_000_000 };
const ELIGIBLE: Product[] = ["crm-online", "d365-plan1"];

function freeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o as object)) freeze(v);
    Object.freeze(o);
  }
  return o;
}

export const RULE_SETS: Readonly<Record<RuleSetId, RuleSet>> = freeze({
  V1: {
    id: "V1",
    effectiveFrom: "2017-06-27",
    productWording: "CRM Online or Dynamics 365 Plan 1",
    eligibleProducts: [...ELIGIBLE],
    thresholds: { developed: { ...DEVELOPED } },
    exams: V1_EXAMS.map((e) => ({ ...e })),
    slots: structuredCloneSlots(),
    peopleWording: { silver: "2 individuals", gold: "4 individuals" },
  },
  V2: {
    id: "V2",
    effectiveFrom: "2017-07-07",
    productWording: "CRM Online or Dynamics 365 Plan 1",
    eligibleProducts: [...ELIGIBLE],
    thresholds: { developed: { ...DEVELOPED }, developing: { ...DEVELOPING } },
    exams: V1_EXAMS.map((e) => ({ ...e })),
    slots: structuredCloneSlots(),
    peopleWording: { silver: "2 individuals", gold: "4 individuals" },
  },
  V3: {
    id: "V3",
    effectiveFrom: "2017-11-16",
    productWording: "CRM Online or Dynamics 365 Customer Engagement (formerly Plan 1)",
    eligibleProducts: [...ELIGIBLE],
    thresholds: { developed: { ...DEVELOPED }, developing: { ...DEVELOPING } },
    exams: V3_EXAMS.map((e) => ({ ...e })),
    slots: structuredCloneSlots(),
    peopleWording: { silver: "at least 2 individuals", gold: "at least 4 individuals" },
  },
});

function structuredCloneSlots(): RuleSet["slots"] {
  return {
    silver: SLOTS.silver.map((s) => ({ id: s.id, requires: [...s.requires] })),
    gold: SLOTS.gold.map((s) => ({ id: s.id, requires: [...s.requires] })),
  };
}

export const DEFAULT_RULE_SET: RuleSetId = "V1";

export function isRuleSetId(x: unknown): x is RuleSetId {
  return typeof x === "string" && (RULE_SET_IDS as readonly string[]).includes(x);
}

export function getRuleSet(id: RuleSetId = DEFAULT_RULE_SET): RuleSet {
  if (!isRuleSetId(id)) throw new RangeError(`unknown rule set ${JSON.stringify(id)}`);
  return RULE_SETS[id];
}

/** The exam catalogue of a rule set (accepts an id or a rule set). */
export function examCatalogue(ruleSet: RuleSetId | RuleSet = DEFAULT_RULE_SET): readonly ExamDefinition[] {
  return (typeof ruleSet === "string" ? getRuleSet(ruleSet) : ruleSet).exams;
}

/** The catalogue entry of an exam code (any accepted spelling), or null when the rule set does not list it. */
export function findExam(ruleSet: RuleSetId | RuleSet, code: string): ExamDefinition | null {
  const norm = normaliseExamCode(code);
  if (norm === null) return null;
  return examCatalogue(ruleSet).find((e) => e.code === norm) ?? null;
}

/** Whether the exam is in the rule set's catalogue and accepted on the given date. */
export function isExamAcceptedOn(exam: ExamDefinition, date: string): boolean {
  return exam.acceptedUntil === null || date <= exam.acceptedUntil;
}

/** The exams of one group that the rule set accepts on `date` (catalogue order): what guidance may name then. */
export function examsAcceptedOn(ruleSet: RuleSetId, group: ExamGroup, date: string): ExamDefinition[] {
  return examCatalogue(ruleSet).filter((e) => e.group === group && isExamAcceptedOn(e, date));
}

/** The latest rule set whose effective date is on or before `date` (V1 before 2017-06-27 too). */
export function ruleSetInEffectOn(date: string): RuleSetId {
  let best: RuleSetId = "V1";
  for (const id of RULE_SET_IDS) if (RULE_SETS[id].effectiveFrom <= date) best = id;
  return best;
}

/**
 * "mb2714", "MB2 714", "mb2-714", " Mb2–714 " → "MB2-714". Also "MB-200" shapes (letters, optional digit, 3 digits).
 * Returns null when the input is not of that shape.
 */
export function normaliseExamCode(input: string): string | null {
  if (typeof input !== "string") return null;
  const s = input.trim().toUpperCase();
  const m = /^([A-Z]{2,3}\d?)[\s\-_\u2010-\u2015]*(\d{3})$/.exec(s);
  if (!m) return null;
  return `${m[1]}-${m[2]}`;
}
