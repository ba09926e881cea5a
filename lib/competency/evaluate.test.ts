import { describe, it, expect } from "vitest";
import { evaluate, monthlyRevenue } from "./evaluate";
import { EXAM_OF, GOLD_TEAM, SILVER_TEAM, facts, line, person } from "./test-fixtures";
import type { PartnerFacts, RuleSetId } from "./types";

const AS_OF = "2017-06-30";

describe("revenue thresholds (inclusive)", () => {
  const at = (cents: number, market: PartnerFacts["market"] = "developed", ruleSet: RuleSetId = "V1", team = SILVER_TEAM()) =>
    evaluate(facts({ market, revenue: [line("c1", "2017-01-15", cents)], individuals: team }), { asOf: AS_OF, ruleSet });

  it("Silver developed: 10_000_000 meets, 9_999_999 does not", () => {
    const yes = at(10_000_000);
    expect(yes.silver.revenue).toEqual({ met: true, thresholdCents: 10_000_000, shortfallCents: 0 });
    expect(yes.silver.achieved).toBe(true);
    expect(yes.level).toBe("silver");
    const no = at(9_999_999);
    expect(no.silver.revenue).toEqual({ met: false, thresholdCents: 10_000_000, shortfallCents: 1 });
    expect(no.silver.achieved).toBe(false);
    expect(no.level).toBe("none");
  });

  it("Gold developed: 30_000_000 meets, 29_999_999 does not", () => {
    const yes = at(30_000_000, "developed", "V1", GOLD_TEAM());
    expect(yes.gold.revenue).toEqual({ met: true, thresholdCents: 30_000_000, shortfallCents: 0 });
    expect(yes.level).toBe("gold");
    const no = at(29_999_999, "developed", "V1", GOLD_TEAM());
    expect(no.gold.revenue).toEqual({ met: false, thresholdCents: 30_000_000, shortfallCents: 1 });
    expect(no.gold.achieved).toBe(false);
    expect(no.level).toBe("silver"); // the Gold team also fills the Silver slots
  });

  it.each(["V2", "V3"] as const)("%s developing: Silver 5_000_000 and Gold 15_000_000, inclusive", (rs) => {
    const s = at(5_000_000, "developing", rs);
    expect(s.thresholdSource).toBe("market");
    expect(s.silver.revenue).toEqual({ met: true, thresholdCents: 5_000_000, shortfallCents: 0 });
    expect(at(4_999_999, "developing", rs).silver.revenue).toEqual({ met: false, thresholdCents: 5_000_000, shortfallCents: 1 });
    expect(at(15_000_000, "developing", rs, GOLD_TEAM()).level).toBe("gold");
    const g = at(14_999_999, "developing", rs, GOLD_TEAM());
    expect(g.gold.revenue).toEqual({ met: false, thresholdCents: 15_000_000, shortfallCents: 1 });
    expect(g.level).toBe("silver");
  });

  it.each(["V2", "V3"] as const)("%s developed keeps the developed thresholds", (rs) => {
    const e = at(9_999_999, "developed", rs);
    expect(e.silver.revenue.thresholdCents).toBe(10_000_000);
    expect(e.gold.revenue.thresholdCents).toBe(30_000_000);
    expect(e.thresholdSource).toBe("market");
  });

  it("V1 developing falls back to the developed thresholds and says so", () => {
    const e = at(5_000_000, "developing", "V1");
    expect(e.thresholdSource).toBe("developed-fallback");
    expect(e.silver.revenue).toEqual({ met: false, thresholdCents: 10_000_000, shortfallCents: 5_000_000 });
    expect(e.gold.revenue.thresholdCents).toBe(30_000_000);
    expect(at(10_000_000, "developing", "V1").silver.achieved).toBe(true);
    expect(at(10_000_000, "developed", "V1").thresholdSource).toBe("market");
  });

  it("no revenue: shortfall is the whole threshold", () => {
    const e = evaluate(facts(), { asOf: AS_OF });
    expect(e.qualifyingRevenueCents).toBe(0);
    expect(e.silver.revenue.shortfallCents).toBe(10_000_000);
    expect(e.gold.revenue.shortfallCents).toBe(30_000_000);
  });
});

describe("TTM window", () => {
  const only = (date: string, asOf = AS_OF) => evaluate(facts({ revenue: [line("c1", date, 100)] }), { asOf });

  it("as of 2017-06-30 is 2016-07-01 … 2017-06-30", () => {
    const e = only("2017-01-01");
    expect(e.window).toEqual({ from: "2016-07-01", to: "2017-06-30" });
  });
  it.each([
    ["2016-07-01", true],
    ["2017-06-30", true],
    ["2016-06-30", false],
    ["2017-07-01", false],
    ["2015-12-01", false],
  ])("a line dated %s counts: %s", (date, counts) => {
    const e = only(date);
    expect(e.qualifyingRevenueCents).toBe(counts ? 100 : 0);
    if (!counts) expect(e.excludedRevenue).toEqual([{ index: 0, customerId: "c1", product: "crm-online", date, amountCents: 100, reason: "outside-window" }]);
    else expect(e.counted).toEqual([{ index: 0, customerId: "c1", product: "crm-online", date, amountCents: 100 }]);
  });

  it("as of the leap day 2020-02-29 the window is 2019-03-01 … 2020-02-29", () => {
    const f = facts({
      customers: [{ id: "c1", dporFrom: "2015-01-01" }],
      revenue: [line("c1", "2019-02-28", 1), line("c1", "2019-03-01", 10), line("c1", "2020-02-29", 100), line("c1", "2020-03-01", 1000)],
    });
    const e = evaluate(f, { asOf: "2020-02-29" });
    expect(e.window).toEqual({ from: "2019-03-01", to: "2020-02-29" });
    expect(e.qualifyingRevenueCents).toBe(110);
    expect(e.excludedRevenue.map((x) => [x.date, x.reason])).toEqual([
      ["2019-02-28", "outside-window"],
      ["2020-03-01", "outside-window"],
    ]);
  });

  it("leap-day revenue stays in the window through 2021-02-28 and leaves on 2021-03-01", () => {
    const f = facts({ customers: [{ id: "c1", dporFrom: "2015-01-01" }], revenue: [line("c1", "2020-02-29", 100)] });
    const feb28 = evaluate(f, { asOf: "2021-02-28" });
    expect(feb28.window).toEqual({ from: "2020-02-29", to: "2021-02-28" });
    expect(feb28.qualifyingRevenueCents).toBe(100);
    const mar1 = evaluate(f, { asOf: "2021-03-01" });
    expect(mar1.window).toEqual({ from: "2020-03-02", to: "2021-03-01" });
    expect(mar1.qualifyingRevenueCents).toBe(0);
    expect(mar1.excludedRevenue[0].reason).toBe("outside-window");
  });
});

describe("revenue eligibility", () => {
  it("counts crm-online and d365-plan1, excludes other", () => {
    const e = evaluate(
      facts({
        revenue: [
          line("c1", "2017-01-01", 1, { product: "crm-online" }),
          line("c1", "2017-01-01", 10, { product: "d365-plan1" }),
          line("c1", "2017-01-01", 100, { product: "other", id: "r-other" }),
        ],
      }),
      { asOf: AS_OF },
    );
    expect(e.qualifyingRevenueCents).toBe(11);
    expect(e.excludedRevenue).toEqual([
      { index: 2, id: "r-other", customerId: "c1", product: "other", date: "2017-01-01", amountCents: 100, reason: "product-not-eligible" },
    ]);
    expect(e.counted.map((c) => c.product)).toEqual(["crm-online", "d365-plan1"]);
  });

  it("checks exclusion reasons in order: outside-window, product-not-eligible, not-dpor", () => {
    const f = facts({
      customers: [
        { id: "c1", dporFrom: "2016-01-01" },
        { id: "c0", dporFrom: null },
      ],
      revenue: [
        line("c0", "2015-01-01", 1, { product: "other" }), // all three fail → outside-window
        line("c0", "2017-01-01", 2, { product: "other" }), // product + dpor fail → product-not-eligible
        line("c0", "2017-01-01", 3), // dpor fails → not-dpor
        line("nobody", "2017-01-01", 4), // unknown customer → not-dpor
        line("c1", "2017-01-01", 5), // counts
      ],
    });
    const e = evaluate(f, { asOf: AS_OF });
    expect(e.excludedRevenue.map((x) => x.reason)).toEqual(["outside-window", "product-not-eligible", "not-dpor", "not-dpor"]);
    expect(e.qualifyingRevenueCents).toBe(5);
    expect(e.counted).toHaveLength(1);
  });

  describe("DPOR on the as-of date", () => {
    const withCustomer = (c: PartnerFacts["customers"][number], date = "2017-01-01") =>
      evaluate(facts({ customers: [c], revenue: [line(c.id, date, 100)] }), { asOf: AS_OF }).qualifyingRevenueCents;

    it("dporFrom on the as-of date counts; the day after does not", () => {
      expect(withCustomer({ id: "x", dporFrom: AS_OF })).toBe(100);
      expect(withCustomer({ id: "x", dporFrom: "2017-07-01" })).toBe(0);
    });
    it("a line dated before dporFrom still counts when DPOR holds on the as-of date", () => {
      expect(withCustomer({ id: "x", dporFrom: "2017-06-01" }, "2016-08-01")).toBe(100);
    });
    it("dporUntil is inclusive: until the as-of date counts, until the day before does not", () => {
      expect(withCustomer({ id: "x", dporFrom: "2016-01-01", dporUntil: AS_OF })).toBe(100);
      expect(withCustomer({ id: "x", dporFrom: "2016-01-01", dporUntil: "2017-06-29" })).toBe(0);
      expect(withCustomer({ id: "x", dporFrom: "2016-01-01", dporUntil: null })).toBe(100);
      expect(withCustomer({ id: "x", dporFrom: "2016-01-01" })).toBe(100);
    });
    it("DPOR ended before as-of excludes even lines dated while DPOR held", () => {
      const e = evaluate(facts({ customers: [{ id: "x", dporFrom: "2016-01-01", dporUntil: "2017-03-01" }], revenue: [line("x", "2017-01-01", 100)] }), {
        asOf: AS_OF,
      });
      expect(e.excludedRevenue[0].reason).toBe("not-dpor");
    });
    it("dporFrom null never counts", () => {
      expect(withCustomer({ id: "x", dporFrom: null })).toBe(0);
      expect(withCustomer({ id: "x", dporFrom: null, dporUntil: "2030-01-01" })).toBe(0);
    });
  });

  it("credits (negative amounts) count net", () => {
    const e = evaluate(facts({ revenue: [line("c1", "2017-01-01", 12_000_000), line("c1", "2017-02-01", -2_000_001)], individuals: SILVER_TEAM() }), {
      asOf: AS_OF,
    });
    expect(e.qualifyingRevenueCents).toBe(9_999_999);
    expect(e.silver.revenue.shortfallCents).toBe(1);
    expect(e.level).toBe("none");
  });

  it("qualifying revenue may be negative; shortfall is then above the threshold", () => {
    const e = evaluate(facts({ revenue: [line("c1", "2017-01-01", -500)] }), { asOf: AS_OF });
    expect(e.qualifyingRevenueCents).toBe(-500);
    expect(e.silver.revenue).toEqual({ met: false, thresholdCents: 10_000_000, shortfallCents: 10_000_500 });
  });

  it("sums large amounts exactly (1000 lines of 100_000_000_000 cents)", () => {
    const revenue = Array.from({ length: 1000 }, (_, i) => line("c1", "2017-03-01", 100_000_000_000, { id: `r${i}` }));
    revenue.push(line("c1", "2017-03-02", 1));
    const e = evaluate(facts({ revenue, individuals: GOLD_TEAM() }), { asOf: AS_OF });
    expect(e.qualifyingRevenueCents).toBe(100_000_000_000_001);
    expect(Number.isSafeInteger(e.qualifyingRevenueCents)).toBe(true);
    expect(e.level).toBe("gold");
    expect(e.gold.revenue.shortfallCents).toBe(0);
  });

  it("rejects non-integer or unsafe amounts and malformed dates", () => {
    expect(() => evaluate(facts({ revenue: [line("c1", "2017-01-01", 10.5)] }), { asOf: AS_OF })).toThrow(RangeError);
    expect(() => evaluate(facts({ revenue: [line("c1", "2017-01-01", 2 ** 60)] }), { asOf: AS_OF })).toThrow(RangeError);
    expect(() => evaluate(facts({ revenue: [line("c1", "2017-02-30", 1)] }), { asOf: AS_OF })).toThrow(RangeError);
    expect(() => evaluate(facts(), { asOf: "2017-6-30" })).toThrow(RangeError);
  });

  it("sums beyond the safe integer range exactly, without throwing", () => {
    const e = evaluate(facts({ revenue: [line("c1", "2017-01-01", 2 ** 52), line("c1", "2017-01-01", 2 ** 52)], individuals: GOLD_TEAM() }), { asOf: AS_OF });
    expect(e.qualifyingRevenueCents).toBe(2 ** 53);
    expect(Number.isSafeInteger(e.qualifyingRevenueCents)).toBe(false);
    expect(e.qualifyingRevenueCentsExact).toBe("9007199254740992");
    expect(e.level).toBe("gold");
    expect(e.gold.revenue.shortfallCents).toBe(0);
    // 2^53 + 1 is not a double: the number is the nearest one, the decimal string is exact
    const odd = evaluate(facts({ revenue: [line("c1", "2017-01-01", 2 ** 52), line("c1", "2017-01-02", 2 ** 52), line("c1", "2017-01-03", 1)] }), {
      asOf: AS_OF,
    });
    expect(odd.qualifyingRevenueCentsExact).toBe("9007199254740993");
    expect(odd.qualifyingRevenueCents).toBe(2 ** 53);
    // back into the safe range: exact again
    const back = evaluate(
      facts({ revenue: [line("c1", "2017-01-01", Number.MAX_SAFE_INTEGER), line("c1", "2017-01-02", 5), line("c1", "2017-01-03", -Number.MAX_SAFE_INTEGER)] }),
      { asOf: AS_OF },
    );
    expect(back.qualifyingRevenueCents).toBe(5);
    expect(back.qualifyingRevenueCentsExact).toBe("5");
    // hugely negative: shortfall is threshold − revenue, as the nearest double
    const neg = evaluate(facts({ revenue: [line("c1", "2017-01-01", -Number.MAX_SAFE_INTEGER), line("c1", "2017-01-02", -Number.MAX_SAFE_INTEGER)] }), {
      asOf: AS_OF,
    });
    expect(neg.qualifyingRevenueCentsExact).toBe((-2n * BigInt(Number.MAX_SAFE_INTEGER)).toString());
    expect(neg.silver.revenue.met).toBe(false);
    expect(neg.silver.revenue.shortfallCents).toBe(Number(10_000_000n + 2n * BigInt(Number.MAX_SAFE_INTEGER)));
  });

  it("keeps revenue line ids on counted and excluded lines", () => {
    const e = evaluate(facts({ revenue: [line("c1", "2017-01-01", 5, { id: "a" }), line("c1", "2010-01-01", 5, { id: "b" })] }), { asOf: AS_OF });
    expect(e.counted[0].id).toBe("a");
    expect(e.excludedRevenue[0].id).toBe("b");
    expect("id" in evaluate(facts({ revenue: [line("c1", "2017-01-01", 5)] }), { asOf: AS_OF }).counted[0]).toBe(false);
  });
});

describe("exam passes", () => {
  const silverWith = (individuals: PartnerFacts["individuals"], ruleSet: RuleSetId = "V1", asOf = AS_OF) =>
    evaluate(facts({ individuals }), { asOf, ruleSet }).silver.exams;

  it("a full Silver team fills both slots", () => {
    const ex = silverWith(SILVER_TEAM());
    expect(ex.met).toBe(true);
    expect(ex.unfilled).toBe(0);
    expect(ex.slots.map((s) => [s.id, s.requires, s.filledBy])).toEqual([
      ["silver-1", ["A", "B"], "p1"],
      ["silver-2", ["C"], "p2"],
    ]);
  });

  it("A and B must be held by the same person", () => {
    const ex = silverWith([person("a", "A"), person("b", "B"), person("c", "C")]);
    expect(ex.met).toBe(false);
    expect(ex.slots[0].filledBy).toBeNull();
    expect(ex.slots[1].filledBy).toBe("c");
    expect(ex.unfilled).toBe(1);
  });

  it("one person cannot fill two slots", () => {
    const ex = silverWith([person("all", "ABC")]);
    expect(ex.unfilled).toBe(1);
    expect(ex.slots.filter((s) => s.filledBy === "all")).toHaveLength(1);
  });

  it("accepts exam codes in any spelling", () => {
    const p = {
      id: "x",
      name: "X",
      passes: [
        { exam: "mb2713", passedOn: "2017-01-01" },
        { exam: "MB2 706", passedOn: "2017-01-01" },
      ],
    };
    const q = { id: "y", name: "Y", passes: [{ exam: "mb2-707", passedOn: "2017-01-01" }] };
    expect(silverWith([p, q]).met).toBe(true);
  });

  it("ignores passes after the as-of date; a pass on the as-of date counts", () => {
    expect(silverWith([person("p1", "AB", { passedOn: "2017-07-01" }), person("p2", "C")]).met).toBe(false);
    expect(silverWith([person("p1", "AB", { passedOn: AS_OF }), person("p2", "C")]).met).toBe(true);
    const st = evaluate(facts({ individuals: [person("p1", "A", { passedOn: "2017-07-01" })] }), { asOf: AS_OF }).individualsStatus[0];
    expect(st.ignoredPasses).toEqual([{ exam: "MB2-714", passedOn: "2017-07-01", reason: "after-as-of" }]);
    expect(st.countingGroups).toEqual([]);
  });

  it("a person who left on the as-of date is not a member; leaving the day after is", () => {
    expect(silverWith([person("p1", "AB", { leftOn: AS_OF }), person("p2", "C")]).met).toBe(false);
    expect(silverWith([person("p1", "AB", { leftOn: "2017-07-01" }), person("p2", "C")]).met).toBe(true);
    const e = evaluate(facts({ individuals: [person("p1", "AB", { leftOn: AS_OF })] }), { asOf: AS_OF });
    expect(e.individualsStatus[0]).toMatchObject({ id: "p1", active: false, countingGroups: [] });
    expect(e.individualsStatus[0].ignoredPasses.map((p) => p.reason)).toEqual(["not-member", "not-member"]);
  });

  it("a person who joins after the as-of date does not count; joining on it does", () => {
    expect(silverWith([person("p1", "AB", { joinedOn: "2017-07-01" }), person("p2", "C")]).met).toBe(false);
    expect(silverWith([person("p1", "AB", { joinedOn: AS_OF }), person("p2", "C")]).met).toBe(true);
  });

  it("passes taken before joining count once the person is a member", () => {
    expect(silverWith([person("p1", "AB", { passedOn: "2015-01-01", joinedOn: "2017-01-01" }), person("p2", "C")]).met).toBe(true);
  });

  it("MB2-717 is ignored under V1 and V2, counted under V3", () => {
    const team = [
      {
        id: "p1",
        name: "P1",
        passes: [
          { exam: "MB2-717", passedOn: "2017-12-01" },
          { exam: EXAM_OF.B, passedOn: "2017-12-01" },
        ],
      },
      person("p2", "C"),
    ];
    const asOf = "2018-01-31";
    expect(silverWith(team, "V1", asOf).met).toBe(false);
    expect(silverWith(team, "V2", asOf).met).toBe(false);
    expect(silverWith(team, "V3", asOf).met).toBe(true);
    const st = evaluate(facts({ individuals: team }), { asOf, ruleSet: "V1" }).individualsStatus[0];
    expect(st.ignoredPasses).toEqual([{ exam: "MB2-717", passedOn: "2017-12-01", reason: "not-in-catalogue" }]);
    expect(st.countingGroups).toEqual(["B"]);
  });

  it("each V3 addition counts in its group", () => {
    const team = (a: string, b: string, c: string) => [
      {
        id: "p1",
        name: "P1",
        passes: [
          { exam: a, passedOn: "2018-02-01" },
          { exam: b, passedOn: "2018-02-01" },
        ],
      },
      { id: "p2", name: "P2", passes: [{ exam: c, passedOn: "2018-02-01" }] },
    ];
    for (const a of ["MB2-717", "MB2-718", "MB2-877"]) {
      expect(silverWith(team(a, "MB2-715", "MB2-716"), "V3", "2018-03-01").met).toBe(true);
      expect(silverWith(team(a, "MB2-715", "MB2-716"), "V1", "2018-03-01").met).toBe(false);
    }
  });

  it("unknown or malformed exam codes are ignored as not in the catalogue", () => {
    const st = evaluate(
      facts({
        individuals: [
          {
            id: "x",
            name: "X",
            passes: [
              { exam: "AZ-900", passedOn: "2017-01-01" },
              { exam: "hello", passedOn: "2017-01-01" },
            ],
          },
        ],
      }),
      {
        asOf: AS_OF,
      },
    ).individualsStatus[0];
    expect(st.ignoredPasses.map((p) => p.reason)).toEqual(["not-in-catalogue", "not-in-catalogue"]);
    expect(st.ignoredPasses[1].exam).toBe("hello");
  });

  it("MB2-709 is accepted under V3 through 2018-12-31, not from 2019-01-01", () => {
    const team = [
      {
        id: "p1",
        name: "P1",
        passes: [
          { exam: "MB2-709", passedOn: "2017-05-01" },
          { exam: EXAM_OF.B, passedOn: "2017-05-01" },
        ],
      },
      person("p2", "C"),
    ];
    expect(silverWith(team, "V3", "2018-12-31").met).toBe(true);
    expect(silverWith(team, "V3", "2019-01-01").met).toBe(false);
    const st = evaluate(facts({ individuals: team }), { asOf: "2019-01-01", ruleSet: "V3" }).individualsStatus[0];
    expect(st.ignoredPasses).toEqual([{ exam: "MB2-709", passedOn: "2017-05-01", reason: "acceptance-ended" }]);
    // V1 and V2 state no end for MB2-709
    expect(silverWith(team, "V1", "2019-01-01").met).toBe(true);
    expect(silverWith(team, "V2", "2019-01-01").met).toBe(true);
  });

  it("reports the counting passes used per filled slot, earliest first", () => {
    const p1 = {
      id: "p1",
      name: "P1",
      passes: [
        { exam: "MB2-713", passedOn: "2017-03-01" },
        { exam: "MB2-714", passedOn: "2016-02-01" },
        { exam: "MB2-706", passedOn: "2016-05-01" },
      ],
    };
    const e = evaluate(facts({ individuals: [p1, person("p2", "C")] }), { asOf: AS_OF });
    expect(e.silver.exams.slots[0].passes).toEqual([
      { exam: "MB2-714", group: "A", passedOn: "2016-02-01" },
      { exam: "MB2-706", group: "B", passedOn: "2016-05-01" },
    ]);
    expect(e.silver.exams.slots[1].passes).toEqual([{ exam: "MB2-712", group: "C", passedOn: "2017-01-10" }]);
    expect(e.individualsStatus[0].countingGroups).toEqual(["A", "B"]);
  });
});

describe("slot matching (maximum, not greedy)", () => {
  it("Silver all-rounder trap: P1 (A,B,C) and P2 (C) fill both slots", () => {
    const e = evaluate(facts({ individuals: [person("P1", "ABC"), person("P2", "C")] }), { asOf: AS_OF });
    expect(e.silver.exams.slots.map((s) => s.filledBy)).toEqual(["P1", "P2"]);
    expect(e.silver.exams.met).toBe(true);
  });
  it("Silver trap with the specialist listed first", () => {
    const e = evaluate(facts({ individuals: [person("P2", "C"), person("P1", "ABC")] }), { asOf: AS_OF });
    expect(e.silver.exams.slots.map((s) => s.filledBy)).toEqual(["P1", "P2"]);
  });
  it("Gold trap: all-rounders must go to A+B slots while C-only people take the C slots", () => {
    // A greedy pass over slots C first (or people in order onto the first slot they fit) fails here.
    const individuals = [person("X1", "ABC"), person("X2", "ABC"), person("C1", "C"), person("C2", "C")];
    const e = evaluate(facts({ individuals }), { asOf: AS_OF });
    expect(e.gold.exams.met).toBe(true);
    expect(e.gold.exams.slots.map((s) => s.filledBy)).toEqual(["X1", "X2", "C1", "C2"]);
  });
  it("Gold trap where slot-by-slot greedy (first fitting person per slot) fails", () => {
    // Greedy: gold-1 X1, gold-2 X2, gold-3 C1, gold-4 nobody (AB1 cannot take a C slot) → 3 filled.
    // Maximum: AB1 takes an A+B slot so that X2 can take a C slot → 4 filled.
    const individuals = [person("X1", "ABC"), person("X2", "ABC"), person("AB1", "AB"), person("C1", "C")];
    const e = evaluate(facts({ individuals }), { asOf: AS_OF });
    expect(e.gold.exams.met).toBe(true);
    expect(e.gold.exams.slots.map((s) => s.filledBy)).toEqual(["X1", "AB1", "X2", "C1"]);
  });
  it("reports the maximum number of filled slots when not all can be filled", () => {
    const individuals = [person("X1", "ABC"), person("X2", "ABC"), person("X3", "ABC")];
    const e = evaluate(facts({ individuals }), { asOf: AS_OF });
    expect(e.gold.exams.unfilled).toBe(1);
    expect(e.gold.exams.slots.map((s) => s.filledBy)).toEqual(["X1", "X2", "X3", null]);
    expect(e.gold.plan).toEqual({ examsNeeded: 1, steps: [{ slotId: "gold-4", individualId: null, needs: ["C"] }] });
  });
  it("is deterministic: same input gives the same output", () => {
    const individuals = [person("a", "ABC"), person("b", "ABC"), person("c", "ABC"), person("d", "C"), person("e", "AB")];
    const e1 = evaluate(facts({ individuals }), { asOf: AS_OF });
    const e2 = evaluate(facts({ individuals: structuredClone(individuals) }), { asOf: AS_OF });
    expect(e1).toEqual(e2);
  });
});

describe("plan (cheapest exams to fill every slot)", () => {
  it("achieved level: no exams needed, no steps", () => {
    const e = evaluate(facts({ individuals: SILVER_TEAM() }), { asOf: AS_OF });
    expect(e.silver.plan).toEqual({ examsNeeded: 0, steps: [] });
  });
  it("exams met but revenue short: plan is still empty", () => {
    const e = evaluate(facts({ individuals: SILVER_TEAM() }), { asOf: AS_OF });
    expect(e.silver.achieved).toBe(false);
    expect(e.silver.plan.examsNeeded).toBe(0);
  });
  it("nobody: Silver needs 3 exams by two new people; Gold needs 6 by four", () => {
    const e = evaluate(facts(), { asOf: AS_OF });
    expect(e.silver.plan).toEqual({
      examsNeeded: 3,
      steps: [
        { slotId: "silver-1", individualId: null, needs: ["A", "B"] },
        { slotId: "silver-2", individualId: null, needs: ["C"] },
      ],
    });
    expect(e.gold.plan.examsNeeded).toBe(6);
    expect(e.gold.plan.steps.every((s) => s.individualId === null)).toBe(true);
    expect(e.silver.exams.unfilled).toBe(2);
  });
  it("a person with A only needs B", () => {
    const e = evaluate(facts({ individuals: [person("ann", "A"), person("cid", "C")] }), { asOf: AS_OF });
    expect(e.silver.plan).toEqual({ examsNeeded: 1, steps: [{ slotId: "silver-1", individualId: "ann", needs: ["B"] }] });
  });
  it("uses existing people with no passes before new people at equal cost", () => {
    const e = evaluate(facts({ individuals: [person("ab", "AB"), person("blank", "")] }), { asOf: AS_OF });
    expect(e.silver.plan).toEqual({ examsNeeded: 1, steps: [{ slotId: "silver-2", individualId: "blank", needs: ["C"] }] });
  });
  it("a new person when nobody suitable is left", () => {
    // The only person (A,B,C) fills silver-1; silver-2 needs a new person with C (1 exam),
    // cheaper than moving the all-rounder to silver-2 and training a new A+B person (2 exams).
    const e = evaluate(facts({ individuals: [person("all", "ABC")] }), { asOf: AS_OF });
    expect(e.silver.plan).toEqual({ examsNeeded: 1, steps: [{ slotId: "silver-2", individualId: null, needs: ["C"] }] });
  });
  it("people who are not members are not planned", () => {
    const e = evaluate(facts({ individuals: [person("gone", "A", { leftOn: "2017-01-01" }), person("later", "A", { joinedOn: "2017-07-01" })] }), {
      asOf: AS_OF,
    });
    expect(e.silver.plan.examsNeeded).toBe(3);
    expect(e.silver.plan.steps.map((s) => s.individualId)).toEqual([null, null]);
  });
  it("prefers concentrating exams on fewer people at equal cost", () => {
    // u (A,C) on silver-2 and w (nothing) on silver-1: 2 exams for 1 person, rather than 1 each for u and w.
    const e = evaluate(facts({ individuals: [person("u", "AC"), person("w", "")] }), { asOf: AS_OF });
    expect(e.silver.plan).toEqual({ examsNeeded: 2, steps: [{ slotId: "silver-1", individualId: "w", needs: ["A", "B"] }] });
  });
  it("uses every existing person before new ones", () => {
    // Gold: two people with A, one with C. Slots: gold-1/2 (A,B), gold-3/4 (C).
    const e = evaluate(facts({ individuals: [person("a1", "A"), person("a2", "A"), person("c1", "C")] }), { asOf: AS_OF });
    expect(e.gold.plan.examsNeeded).toBe(3);
    expect(e.gold.plan.steps).toEqual([
      { slotId: "gold-1", individualId: "a1", needs: ["B"] },
      { slotId: "gold-2", individualId: "a2", needs: ["B"] },
      { slotId: "gold-4", individualId: null, needs: ["C"] },
    ]);
  });
});

describe("checklist", () => {
  it("lists up to 3 closest unused active people per unfilled slot", () => {
    const individuals = [
      person("none1", ""),
      person("a", "A"),
      person("b", "B"),
      person("gone", "AB", { leftOn: "2017-01-01" }),
      person("c", "C"),
      person("a2", "A"),
    ];
    const e = evaluate(facts({ individuals }), { asOf: AS_OF });
    expect(e.silver.exams.slots[1].filledBy).toBe("c");
    expect(e.silver.checklist).toEqual([
      {
        slotId: "silver-1",
        requires: ["A", "B"],
        closest: [
          { individualId: "a", name: "Person a", has: ["A"], missing: ["B"] },
          { individualId: "b", name: "Person b", has: ["B"], missing: ["A"] },
          { individualId: "a2", name: "Person a2", has: ["A"], missing: ["B"] },
        ],
      },
    ]);
  });
  it("is empty when all slots are filled", () => {
    expect(evaluate(facts({ individuals: GOLD_TEAM() }), { asOf: AS_OF }).gold.checklist).toEqual([]);
  });
});

describe("levels and rule sets", () => {
  it("level is gold only when both gold requirements are met", () => {
    const rev = [line("c1", "2017-01-01", 30_000_000)];
    expect(evaluate(facts({ revenue: rev, individuals: GOLD_TEAM() }), { asOf: AS_OF }).level).toBe("gold");
    expect(evaluate(facts({ revenue: rev, individuals: SILVER_TEAM() }), { asOf: AS_OF }).level).toBe("silver");
    expect(evaluate(facts({ revenue: rev, individuals: [person("p", "AB")] }), { asOf: AS_OF }).level).toBe("none");
  });
  it("defaults to V1 and reports the rule set and product wording", () => {
    const e = evaluate(facts(), { asOf: AS_OF });
    expect(e.ruleSet).toBe("V1");
    expect(e.productWording).toBe("CRM Online or Dynamics 365 Plan 1");
    expect(evaluate(facts(), { asOf: AS_OF, ruleSet: "V3" }).productWording).toContain("Customer Engagement");
    expect(evaluate(facts(), { asOf: AS_OF, ruleSet: "V2" }).ruleSet).toBe("V2");
  });
  it("the same developing partner is none under V1 and silver under V2/V3 at US$50,000", () => {
    const f = facts({ market: "developing", revenue: [line("c1", "2017-06-01", 5_000_000)], individuals: SILVER_TEAM() });
    expect(evaluate(f, { asOf: AS_OF, ruleSet: "V1" }).level).toBe("none");
    expect(evaluate(f, { asOf: AS_OF, ruleSet: "V2" }).level).toBe("silver");
    expect(evaluate(f, { asOf: AS_OF, ruleSet: "V3" }).level).toBe("silver");
  });
  it("does not mutate its input", () => {
    const f = facts({ revenue: [line("c1", "2017-01-01", 5)], individuals: [person("P2", "C"), person("P1", "ABC")] });
    const copy = structuredClone(f);
    evaluate(f, { asOf: AS_OF, ruleSet: "V3" });
    expect(f).toEqual(copy);
  });
});

describe("monthlyRevenue", () => {
  it("has 12 buckets when the window starts on the 1st", () => {
    const e = evaluate(
      facts({ revenue: [line("c1", "2016-07-01", 1), line("c1", "2016-07-31", 2), line("c1", "2017-06-30", 4), line("c1", "2017-07-01", 8)] }),
      { asOf: AS_OF },
    );
    const m = monthlyRevenue(e);
    expect(m).toHaveLength(12);
    expect(m[0]).toEqual({ month: "2016-07", cents: 3 });
    expect(m[11]).toEqual({ month: "2017-06", cents: 4 });
    expect(m.reduce((s, b) => s + b.cents, 0)).toBe(e.qualifyingRevenueCents);
  });
  it("has 13 buckets otherwise, and the leap-day window", () => {
    const e = evaluate(facts({ revenue: [line("c1", "2016-07-02", 5)] }), { asOf: "2017-07-01" });
    const m = monthlyRevenue(e);
    expect(m.map((b) => b.month)).toEqual([
      "2016-07",
      "2016-08",
      "2016-09",
      "2016-10",
      "2016-11",
      "2016-12",
      "2017-01",
      "2017-02",
      "2017-03",
      "2017-04",
      "2017-05",
      "2017-06",
      "2017-07",
    ]);
    expect(m[0].cents).toBe(5);
    const leap = monthlyRevenue(evaluate(facts({ revenue: [line("c1", "2020-02-29", 7)] }), { asOf: "2020-02-29" }));
    expect(leap).toHaveLength(12);
    expect(leap[0].month).toBe("2019-03");
    expect(leap[11]).toEqual({ month: "2020-02", cents: 7 });
  });
});
