import { describe, it, expect } from "vitest";
import { RULE_SETS, examCatalogue, findExam, getRuleSet, isExamAcceptedOn, normaliseExamCode, ruleSetInEffectOn } from "./rules";

describe("normaliseExamCode", () => {
  it.each([
    ["mb2714", "MB2-714"],
    ["MB2 714", "MB2-714"],
    ["mb2-714", "MB2-714"],
    ["MB2-714", "MB2-714"],
    ["  Mb2 - 714 ", "MB2-714"],
    ["mb2\u2013714", "MB2-714"],
    ["MB-200", "MB-200"],
  ])("%j → %s", (input, out) => {
    expect(normaliseExamCode(input)).toBe(out);
  });
  it.each(["", "714", "MB2-71", "MB2-7140", "MB27140", "exam MB2-714", "MB2-714x", "M-714", "70-483"])("%j → null", (input) => {
    expect(normaliseExamCode(input)).toBeNull();
  });
});

describe("rule sets as data", () => {
  it("has the effective dates and default", () => {
    expect(getRuleSet().id).toBe("V1");
    expect(RULE_SETS.V1.effectiveFrom).toBe("2017-06-27");
    expect(RULE_SETS.V2.effectiveFrom).toBe("2017-07-07");
    expect(RULE_SETS.V3.effectiveFrom).toBe("2017-11-16");
  });
  it("has the thresholds per market in cents", () => {
    expect(RULE_SETS.V1.thresholds).toEqual({ developed: { silver: 10_000_000, gold: 30_000_000 } });
    for (const id of ["V2", "V3"] as const) {
      expect(RULE_SETS[id].thresholds).toEqual({
        developed: { silver: 10_000_000, gold: 30_000_000 },
        developing: { silver: 5_000_000, gold: 15_000_000 },
      });
    }
  });
  it("has the product wording per rule set", () => {
    expect(RULE_SETS.V1.productWording).toBe("CRM Online or Dynamics 365 Plan 1");
    expect(RULE_SETS.V2.productWording).toBe("CRM Online or Dynamics 365 Plan 1");
    expect(RULE_SETS.V3.productWording).toBe("CRM Online or Dynamics 365 Customer Engagement (formerly Plan 1)");
  });
  it("V1 and V2 list the seven exams of the source document", () => {
    for (const id of ["V1", "V2"] as const) {
      const cat = examCatalogue(id).map((e) => `${e.group}:${e.code}`);
      expect(cat).toEqual(["A:MB2-714", "A:MB2-713", "A:MB2-709", "B:MB2-710", "B:MB2-706", "C:MB2-712", "C:MB2-707"]);
      expect(examCatalogue(id).every((e) => e.acceptedUntil === null)).toBe(true);
    }
    expect(findExam("V1", "mb2714")?.title).toBe("Dynamics CRM Customer Service");
    expect(findExam("V1", "MB2-710")?.title).toBe("Microsoft Dynamics CRM Online Deployment (2015)");
  });
  it("V3 adds five exams and ends MB2-709 on 2018-12-31", () => {
    const v3 = examCatalogue("V3");
    expect(v3).toHaveLength(12);
    expect(findExam("V3", "MB2-717")).toMatchObject({ group: "A", title: "Microsoft Dynamics 365 for Sales" });
    expect(findExam("V3", "MB2-718")).toMatchObject({ group: "A", title: "Microsoft Dynamics 365 for Customer Service" });
    expect(findExam("V3", "MB2-877")).toMatchObject({ group: "A", title: "Microsoft Dynamics 365 for Field Service" });
    expect(findExam("V3", "MB2-715")).toMatchObject({ group: "B" });
    expect(findExam("V3", "MB2-716")).toMatchObject({ group: "C", title: "Microsoft Dynamics 365 Customization and Configuration" });
    expect(findExam("V1", "MB2-717")).toBeNull();
    const e709 = findExam("V3", "MB2-709")!;
    expect(e709.acceptedUntil).toBe("2018-12-31");
    expect(isExamAcceptedOn(e709, "2018-12-31")).toBe(true);
    expect(isExamAcceptedOn(e709, "2019-01-01")).toBe(false);
    expect(isExamAcceptedOn(findExam("V1", "MB2-709")!, "2030-01-01")).toBe(true);
  });
  it("defines the slots of each level", () => {
    for (const id of ["V1", "V2", "V3"] as const) {
      expect(RULE_SETS[id].slots.silver).toEqual([
        { id: "silver-1", requires: ["A", "B"] },
        { id: "silver-2", requires: ["C"] },
      ]);
      expect(RULE_SETS[id].slots.gold).toEqual([
        { id: "gold-1", requires: ["A", "B"] },
        { id: "gold-2", requires: ["A", "B"] },
        { id: "gold-3", requires: ["C"] },
        { id: "gold-4", requires: ["C"] },
      ]);
    }
  });
  it("is frozen data", () => {
    expect(Object.isFrozen(RULE_SETS.V1.exams[0])).toBe(true);
    expect(() => {
      (RULE_SETS.V1.thresholds.developed as { silver: number }).silver = 1;
    }).toThrow(TypeError);
  });
  it("rejects an unknown rule set", () => {
    expect(() => getRuleSet("V9" as never)).toThrow(RangeError);
  });
  it("knows which rule set was in effect on a date", () => {
    expect(ruleSetInEffectOn("2017-06-27")).toBe("V1");
    expect(ruleSetInEffectOn("2017-07-06")).toBe("V1");
    expect(ruleSetInEffectOn("2017-07-07")).toBe("V2");
    expect(ruleSetInEffectOn("2017-11-15")).toBe("V2");
    expect(ruleSetInEffectOn("2017-11-16")).toBe("V3");
    expect(ruleSetInEffectOn("2019-01-01")).toBe("V3");
  });
});
