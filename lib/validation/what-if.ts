// The what-if planner's "apply": the chosen hypotheticals, sent as JSON in one form field, each checked
// with the fact forms' own field validators (names, business dates, exams of the partner's rule set,
// products, amounts) before anything is written. Pure.
import { z } from "zod";
import type { RuleSetId } from "@/lib/competency";
import { MAX_MONEY_CENTS } from "@/lib/money";
import { parseScenario, type Hypothetical } from "@/lib/what-if";
import { businessDate, exam, field, name, optionalBusinessDate, refuse } from "./facts";

const MAX_APPLY = 50;

export function whatIfApplySchema(ruleSet: RuleSetId) {
  const examOf = exam(ruleSet);
  const ok = (schema: z.ZodType, v: unknown) => schema.safeParse(v).success;
  return z.object({
    items: field<Hypothetical[]>((raw) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return refuse("whatIfInvalid");
      }
      if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_APPLY) return refuse("whatIfInvalid");
      const items = parseScenario(JSON.stringify({ items: parsed })).items;
      if (items.length !== parsed.length) return refuse("whatIfInvalid");
      const people = items.filter((h) => h.k === "person").length;
      for (const h of items) {
        const valid =
          h.k === "person"
            ? ok(name, h.name) && ok(optionalBusinessDate, h.joinedOn ?? "")
            : h.k === "pass"
              ? ok(examOf, h.exam) && ok(businessDate, h.passedOn) && (typeof h.person === "number" || Number(h.person.slice(4)) < people)
              : h.k === "revenue"
                ? ok(businessDate, h.date) && h.amountCents !== 0 && Math.abs(h.amountCents) <= MAX_MONEY_CENTS
                : ok(businessDate, h.k === "leave" ? h.on : h.on);
        if (!valid) return refuse("whatIfInvalid");
      }
      return items;
    }, "whatIfInvalid"),
  });
}
