// Public API of the competency engine. Pure TypeScript: no I/O, no framework imports.
export type {
  RuleSetId,
  ExamGroup,
  Level,
  Market,
  Product,
  PartnerFacts,
  EvaluateOptions,
  Evaluation,
  LevelResult,
  SlotResult,
  PlanStep,
  UsedPass,
  ChecklistItem,
  ChecklistCandidate,
  IndividualStatus,
  CountedRevenueLine,
  ExcludedRevenueLine,
  ExclusionReason,
  IgnoredPassReason,
} from "./types";
export { LEVELS, MARKETS, PRODUCTS } from "./types";
export type { ExamDefinition, SlotDefinition, RuleSet } from "./rules";
export {
  RULE_SETS,
  RULE_SET_IDS,
  DEFAULT_RULE_SET,
  EXAM_GROUPS,
  GROUP_ROLES,
  getRuleSet,
  isRuleSetId,
  examCatalogue,
  findExam,
  isExamAcceptedOn,
  examsAcceptedOn,
  ruleSetInEffectOn,
  normaliseExamCode,
} from "./rules";
export {
  isValidDate,
  assertDate,
  isLeapYear,
  daysInMonth,
  addDays,
  addYears,
  addMonths,
  daysBetween,
  compareDates,
  ttmWindow,
  inWindow,
  leavesWindowOn,
  monthOf,
} from "./dates";
export { evaluate, monthlyRevenue, isDporOn, isMemberOn, compareLevels, LEVEL_RANK } from "./evaluate";
export { maxSlotMatching, cheapestAssignment, slotCost, missingGroups } from "./matching";
export type { SlotSpec, Assignment } from "./matching";
export { projectRisk, riskCandidateDates } from "./risk";
export type { RiskProjection, RiskCause } from "./risk";
export { changeDates, resultValidUntil, levelHistory, summarize } from "./timeline";
export type { LevelChange, EvaluationSummary } from "./timeline";
