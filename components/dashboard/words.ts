import type { ExamGroup, RuleSetId } from "@/lib/competency";
import { examsAcceptedOn } from "@/lib/competency";
import { formatDate } from "@/lib/format";

type T = (key: string, values?: Record<string, string | number>) => string;

/**
 * "one of MB2-714, MB2-713 and one of MB2-710, MB2-706" for a slot's groups: only the exams the rule set
 * accepts on `asOf`, and for one whose acceptance ends later, until when ("MB2-709 (accepted until …)").
 */
export function requirementText(t: T, ruleSet: RuleSetId, groups: readonly ExamGroup[], asOf: string, locale: string): string {
  const parts = groups.map((g) =>
    t("oneOf", {
      codes: examsAcceptedOn(ruleSet, g, asOf)
        .map((e) => (e.acceptedUntil === null ? e.code : t("examUntil", { code: e.code, date: formatDate(e.acceptedUntil, locale) })))
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
