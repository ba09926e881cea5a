// Fuzzing the date parsers: isValidDate (lib/competency) and the form fields built on it (businessDate,
// optionalBusinessDate), against the JavaScript UTC calendar as an independent oracle.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { isValidDate } from "@/lib/competency";
import { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE } from "@/lib/vocabulary";
import { businessDate, optionalBusinessDate, parseForm } from "./facts";

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** The oracle: a Y-M-D triple is a real date when the UTC calendar gives the same triple back. */
function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

// Triples around every boundary: years 0–10000, months 0–13, days 0–32.
const triple = fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(1900, 1999, 2000, 2024, 2100, 2101, 9999)),
  fc.integer({ min: 0, max: 13 }),
  fc.integer({ min: 0, max: 32 }),
);
// Strings that look like dates, and some that only nearly do.
const dateish = fc.oneof(
  triple.map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.string({ unit: fc.constantFrom(..."0123456789-/ T:Z".split("")), maxLength: 14 }),
  triple.map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.string(),
  fc.string({ unit: "binary" }),
);

describe("isValidDate (property)", () => {
  it("accepts a YYYY-MM-DD string exactly when the calendar has that day (years 0001–9999)", () => {
    fc.assert(
      fc.property(triple, ([y, m, d]) => {
        const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const expected = y >= 1 && y <= 9999 && m >= 1 && m <= 12 && realDate(y, m, d);
        expect(isValidDate(s), s).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("never throws, and accepts nothing but the strict shape", () => {
    fc.assert(
      fc.property(fc.oneof(dateish, fc.anything()), (v) => {
        const r = isValidDate(v);
        if (r) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("businessDate and optionalBusinessDate (property)", () => {
  const required = z.object({ d: businessDate });
  const optional = z.object({ d: optionalBusinessDate });
  const expectedKey = (s: string) => {
    const t = s.trim();
    if (t === "") return "dateRequired";
    if (!isValidDate(t)) return "dateInvalid";
    if (t < MIN_BUSINESS_DATE || t > MAX_BUSINESS_DATE) return "dateOutOfRange";
    return null;
  };

  it("accept exactly the real dates from 2000-01-01 to 2100-12-31 (trimmed), and name the reason otherwise", () => {
    const padded = fc.tuple(fc.constantFrom("", " ", "\t", "\n "), dateish, fc.constantFrom("", " ", "\u00a0")).map(([a, s, b]) => a + s + b);
    fc.assert(
      fc.property(padded, (s) => {
        const key = expectedKey(s);
        const r = parseForm(required, { d: s });
        const o = parseForm(optional, { d: s });
        if (key === null) {
          expect(r).toEqual({ ok: true, data: { d: s.trim() } });
          expect(o).toEqual({ ok: true, data: { d: s.trim() } });
        } else {
          expect(r.ok).toBe(false);
          expect((r as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ d: key });
          if (key === "dateRequired") expect(o).toEqual({ ok: true, data: { d: null } });
          else expect((o as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ d: key });
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("every real day of the business range is accepted, and the days just outside are refused", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }), (d) => {
        const s = d.toISOString().slice(0, 10);
        expect(parseForm(required, { d: s })).toEqual({ ok: true, data: { d: s } });
      }),
      { numRuns: 2000 },
    );
    expect(parseForm(required, { d: "1999-12-31" }).ok).toBe(false);
    expect(parseForm(required, { d: "2101-01-01" }).ok).toBe(false);
  });

  it("non-string values are refused as dateInvalid without throwing", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.array(fc.string())), (v) => {
        const r = required.safeParse({ d: v });
        expect(r.success).toBe(false);
        expect(r.error!.issues[0]!.message).toBe("dateInvalid");
      }),
    );
  });
});
