import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { factsArb } from "@/lib/competency/test-arbitraries";
import { evaluate } from "@/lib/competency/evaluate";
import { packFacts, unpackFacts } from "./what-if";
import type { PartnerFacts } from "@/lib/competency/types";

describe("facts packed for the what-if page", () => {
  it("unpack gives back exactly the facts packed (any ids, lines without an id, every product)", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        // Sent as JSON (the page's payload), against the facts as JSON would carry them (undefined fields dropped).
        expect(unpackFacts(JSON.parse(JSON.stringify(packFacts(facts))))).toStrictEqual(JSON.parse(JSON.stringify(facts)));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps ids that only look like numbers as they are, and the engine answers the same", () => {
    const facts: PartnerFacts = {
      market: "developed",
      customers: [{ id: "7", dporFrom: "2025-01-01", dporUntil: null }],
      revenue: [
        { id: "007", customerId: "7", product: "crm-online", date: "2026-01-02", amountCents: 1 },
        { id: "1e3", customerId: "7", product: "d365-plan1", date: "2026-02-03", amountCents: 2 },
        { id: "-0", customerId: "7", product: "other", date: "2026-03-04", amountCents: 3 },
        { id: "12345678901234567890", customerId: "7", product: "crm-online", date: "2026-04-05", amountCents: 4 },
        { id: "42", customerId: "7", product: "crm-online", date: "2026-05-06", amountCents: 5 },
      ],
      individuals: [],
    };
    const back = unpackFacts(JSON.parse(JSON.stringify(packFacts(facts))));
    expect(back).toStrictEqual(facts);
    expect(evaluate(back, { asOf: "2026-11-30" })).toStrictEqual(evaluate(facts, { asOf: "2026-11-30" }));
  });

  it("is less than half the size of the facts as objects, for a partner of many lines", () => {
    const products = ["crm-online", "d365-plan1", "other"] as const;
    const facts: PartnerFacts = {
      market: "developed",
      customers: Array.from({ length: 100 }, (_, i) => ({ id: String(1000 + i), dporFrom: "2024-01-01", dporUntil: null })),
      revenue: Array.from({ length: 5000 }, (_, i) => ({
        id: String(500_000 + i),
        customerId: String(1000 + (i % 100)),
        product: products[i % 3]!,
        date: `2026-${String(1 + (i % 12)).padStart(2, "0")}-15`,
        amountCents: 100_000 + i,
      })),
      individuals: [],
    };
    expect(JSON.stringify(packFacts(facts)).length).toBeLessThan(JSON.stringify(facts).length / 2);
  });
});
