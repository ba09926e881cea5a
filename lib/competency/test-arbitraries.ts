// fast-check generators of partner facts over small catalogues and date ranges (tests only).
import fc from "fast-check";
import { addDays } from "./dates";
import type { PartnerFacts, RuleSetId } from "./types";

export const dayArb = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));

const EXAMS = ["MB2-714", "mb2713", "MB2 709", "MB2-710", "MB2-706", "MB2-712", "MB2-707", "MB2-717", "MB2-715", "MB2-716", "XX-000"];

export const individualArb = (i: number) =>
  fc.record({
    id: fc.constant(`p${i}`),
    name: fc.constant(`Person ${i}`),
    joinedOn: fc.option(dayArb("2016-01-01", 1200), { nil: null, freq: 3 }),
    leftOn: fc.option(dayArb("2017-01-01", 1000), { nil: null, freq: 3 }),
    passes: fc.array(
      fc.record({
        exam: fc.oneof(fc.constantFrom("MB2-714", "MB2-710", "MB2-712"), fc.constantFrom(...EXAMS)),
        passedOn: fc.oneof(dayArb("2015-06-01", 700), dayArb("2015-06-01", 1400)),
      }),
      { maxLength: 5 },
    ),
  });

export const factsArb: fc.Arbitrary<PartnerFacts> = fc
  .record({
    market: fc.constantFrom("developed" as const, "developing" as const),
    customers: fc.tuple(
      ...[0, 1, 2].map((i) =>
        fc.record({
          id: fc.constant(`c${i}`),
          dporFrom: fc.option(dayArb("2016-01-01", 900), { nil: null, freq: 6 }),
          dporUntil: fc.option(dayArb("2017-01-01", 1000), { nil: null, freq: 4 }),
        }),
      ),
    ),
    revenue: fc.array(
      fc.record({
        id: fc.option(fc.string({ minLength: 1, maxLength: 4 }), { nil: undefined }),
        customerId: fc.constantFrom("c0", "c1", "c2", "c3"),
        product: fc.constantFrom("crm-online" as const, "d365-plan1" as const, "other" as const),
        date: dayArb("2016-01-01", 1200),
        amountCents: fc.oneof(fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: -3_000_000, max: 20_000_000 })),
      }),
      { maxLength: 16 },
    ),
    individuals: fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => individualArb(i)))),
  })
  .map((f) => ({
    ...f,
    customers: [...f.customers],
    revenue: f.revenue.map((r) => (r.id === undefined ? { customerId: r.customerId, product: r.product, date: r.date, amountCents: r.amountCents } : r)),
    individuals: [...f.individuals],
  }));

export const asOfArb = dayArb("2016-10-01", 1000);
export const ruleSetArb = fc.constantFrom<RuleSetId>("V1", "V2", "V3");
