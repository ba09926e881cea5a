import type { ExamGroup, RuleSetId } from "@/lib/competency";
import { examCatalogue } from "@/lib/competency";

type T = (key: string, values?: Record<string, string | number>) => string;

/** "one of MB2-714, MB2-713, MB2-709 and one of MB2-710, MB2-706" for a slot's groups, in the rule set's exams. */
export function requirementText(t: T, ruleSet: RuleSetId, groups: readonly ExamGroup[]): string {
  const parts = groups.map((g) =>
    t("oneOf", {
      codes: examCatalogue(ruleSet)
        .filter((e) => e.group === g)
        .map((e) => e.code)
        .join(", "),
    }),
  );
  return parts.reduce((a, b) => t("and", { a, b }));
}

export function joinAnd(t: T, parts: string[]): string {
  if (parts.length === 0) return "";
  if (parts.length === 1) return parts[0]!;
  return t("and", { a: parts.slice(0, -1).join(", "), b: parts[parts.length - 1]! });
}
