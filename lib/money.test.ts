import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMoneyInput, MAX_MONEY_CENTS, parseMoney, type MoneyError } from "./money";
import { formatMoney } from "./format";
import type { AppLocale } from "./i18n/config";

const ok = (cents: number) => ({ ok: true, cents });
const err = (error: MoneyError) => ({ ok: false, error });
const LOCALES: AppLocale[] = ["pt-BR", "en"];

describe("parseMoney pt-BR", () => {
  const cases: [string, number][] = [
    ["100.000,00", 10_000_000],
    ["100000,00", 10_000_000],
    ["1.234,5", 123_450],
    ["1.234,56", 123_456],
    ["100000", 10_000_000],
    ["1.000", 100_000],
    ["1.000.000", 100_000_000],
    ["12.345.678,90", 1_234_567_890],
    ["0,01", 1],
    [",5", 50],
    ["7", 700],
    ["007", 700],
    ["1,0", 100],
    ["US$ 100.000,00", 10_000_000],
    ["US$\u00a0100.000,00", 10_000_000],
    ["US$100,00", 10_000],
    ["$ 10", 1_000],
    ["10 USD", 1_000],
    ["USD 10,00", 1_000],
    ["usd 10,00", 1_000],
    ["10,00 US$", 1_000],
    ["  42,10  ", 4_210],
    ["-10,00", -1_000],
    ["- 10,00", -1_000],
    ["-US$ 10,00", -1_000],
    ["-US$\u00a01.234,05", -123_405],
    ["US$ -10,00", -1_000],
    ["(10,00)", -1_000],
    ["(US$ 1.000,00)", -100_000],
    ["\u221210,00", -1_000],
  ];
  for (const [input, cents] of cases) {
    it(`${JSON.stringify(input)} → ${cents}`, () => expect(parseMoney(input, "pt-BR")).toEqual(ok(cents)));
  }

  const refused: [string, MoneyError][] = [
    ["", "moneyRequired"],
    ["   ", "moneyRequired"],
    ["\u00a0", "moneyRequired"],
    ["1.5", "moneyInvalid"],
    ["1.2.3", "moneyInvalid"],
    ["12.34.567", "moneyInvalid"],
    ["1.0000", "moneyInvalid"],
    ["0.001", "moneyInvalid"],
    ["100,000.00", "moneyInvalid"],
    ["1,2,3", "moneyInvalid"],
    ["1,", "moneyInvalid"],
    [",", "moneyInvalid"],
    ["abc", "moneyInvalid"],
    ["10a", "moneyInvalid"],
    ["1 000,00", "moneyInvalid"],
    ["--10", "moneyInvalid"],
    ["-(10,00)", "moneyInvalid"],
    ["()", "moneyInvalid"],
    ["US$ 10 USD", "moneyInvalid"],
    ["R$ 10,00", "moneyInvalid"],
    ["1e5", "moneyInvalid"],
    ["+10", "moneyInvalid"],
    ["١٢٣", "moneyInvalid"],
    ["10,001", "moneyFraction"],
    ["0,001", "moneyFraction"],
    ["1.234,567", "moneyFraction"],
    ["0", "moneyZero"],
    ["0,00", "moneyZero"],
    ["-0,00", "moneyZero"],
    ["US$ 0", "moneyZero"],
    ["1.000.000.000,01", "moneyTooLarge"],
    ["-1.000.000.000,01", "moneyTooLarge"],
    ["99999999999999999999999", "moneyTooLarge"],
  ];
  for (const [input, error] of refused) {
    it(`${JSON.stringify(input)} → ${error}`, () => expect(parseMoney(input, "pt-BR")).toEqual(err(error)));
  }
});

describe("parseMoney en", () => {
  const cases: [string, number][] = [
    ["100,000.00", 10_000_000],
    ["100000.00", 10_000_000],
    ["1,234.5", 123_450],
    ["1,000", 100_000],
    ["1,000,000.99", 100_000_099],
    ["100000", 10_000_000],
    ["0.01", 1],
    [".5", 50],
    ["$100,000.00", 10_000_000],
    ["$ 5", 500],
    ["US$5.00", 500],
    ["USD 5", 500],
    ["5 USD", 500],
    ["5.00 $", 500],
    ["-5", -500],
    ["-$10.00", -1_000],
    ["$-10.00", -1_000],
    ["($10.00)", -1_000],
    ["( 10 )", -1_000],
  ];
  for (const [input, cents] of cases) {
    it(`${JSON.stringify(input)} → ${cents}`, () => expect(parseMoney(input, "en")).toEqual(ok(cents)));
  }

  const refused: [string, MoneyError][] = [
    ["", "moneyRequired"],
    ["1,5", "moneyInvalid"],
    ["12,34,5", "moneyInvalid"],
    ["1,00,000", "moneyInvalid"],
    ["100.000,00", "moneyInvalid"],
    ["1.2.3", "moneyInvalid"],
    ["1..2", "moneyInvalid"],
    ["ten", "moneyInvalid"],
    ["$", "moneyInvalid"],
    ["-", "moneyInvalid"],
    ["1.005", "moneyFraction"],
    ["1.000", "moneyFraction"],
    ["0.00", "moneyZero"],
    ["-$0.00", "moneyZero"],
    ["1,000,000,000.01", "moneyTooLarge"],
    ["1000000000.01", "moneyTooLarge"],
  ];
  for (const [input, error] of refused) {
    it(`${JSON.stringify(input)} → ${error}`, () => expect(parseMoney(input, "en")).toEqual(err(error)));
  }
});

describe("parseMoney limits", () => {
  it("accepts exactly US$ 1,000,000,000.00 either way, refuses one cent more", () => {
    expect(parseMoney("1.000.000.000,00", "pt-BR")).toEqual(ok(MAX_MONEY_CENTS));
    expect(parseMoney("1,000,000,000.00", "en")).toEqual(ok(MAX_MONEY_CENTS));
    expect(parseMoney("-1,000,000,000.00", "en")).toEqual(ok(-MAX_MONEY_CENTS));
    expect(parseMoney("1000000000", "en")).toEqual(ok(MAX_MONEY_CENTS));
    expect(parseMoney("1000000000,01", "pt-BR")).toEqual(err("moneyTooLarge"));
    expect(parseMoney("-1000000000.01", "en")).toEqual(err("moneyTooLarge"));
  });
  it("the smallest amounts are one cent", () => {
    expect(parseMoney("0,01", "pt-BR")).toEqual(ok(1));
    expect(parseMoney("-0.01", "en")).toEqual(ok(-1));
  });
  it("refuses non-string input without throwing", () => {
    expect(parseMoney(undefined as unknown as string, "en")).toEqual(err("moneyRequired"));
    expect(parseMoney(12 as unknown as string, "en")).toEqual(err("moneyInvalid"));
  });
});

describe("formatMoneyInput", () => {
  it("formats per locale without a currency", () => {
    expect(formatMoneyInput(10_000_000, "pt-BR")).toBe("100.000,00");
    expect(formatMoneyInput(10_000_000, "en")).toBe("100,000.00");
    expect(formatMoneyInput(-123_405, "pt-BR")).toBe("-1.234,05");
    expect(formatMoneyInput(-123_405, "en")).toBe("-1,234.05");
    expect(formatMoneyInput(1, "en")).toBe("0.01");
    expect(formatMoneyInput(0, "pt-BR")).toBe("0,00");
    expect(formatMoneyInput(MAX_MONEY_CENTS, "pt-BR")).toBe("1.000.000.000,00");
    expect(formatMoneyInput(99_999, "en")).toBe("999.99");
  });
  it("refuses non-integers", () => {
    expect(() => formatMoneyInput(1.5, "en")).toThrow(RangeError);
  });
});

describe("parseMoney properties", () => {
  const centsArb = fc.integer({ min: -MAX_MONEY_CENTS, max: MAX_MONEY_CENTS }).filter((c) => c !== 0);
  const localeArb = fc.constantFrom<AppLocale>(...LOCALES);

  it("reads back what formatMoney displays, in both locales", () => {
    fc.assert(
      fc.property(centsArb, localeArb, (c, l) => {
        expect(parseMoney(formatMoney(c, l), l)).toEqual(ok(c));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back what formatMoneyInput prefills, in both locales", () => {
    fc.assert(
      fc.property(centsArb, localeArb, (c, l) => {
        expect(parseMoney(formatMoneyInput(c, l), l)).toEqual(ok(c));
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips small amounts and the limits", () => {
    for (const l of LOCALES) {
      for (const c of [1, -1, 99, 100, 101, 99_999, 100_000, MAX_MONEY_CENTS, -MAX_MONEY_CENTS]) {
        expect(parseMoney(formatMoney(c, l), l)).toEqual(ok(c));
        expect(parseMoney(formatMoneyInput(c, l), l)).toEqual(ok(c));
      }
    }
  });

  const shapeOk = (r: unknown) => {
    const x = r as { ok: boolean; cents?: number; error?: string };
    if (x.ok) {
      expect(Number.isSafeInteger(x.cents)).toBe(true);
      expect(x.cents).not.toBe(0);
      expect(Math.abs(x.cents!)).toBeLessThanOrEqual(MAX_MONEY_CENTS);
      expect(Object.keys(x).sort()).toEqual(["cents", "ok"]);
    } else {
      expect(["moneyRequired", "moneyInvalid", "moneyFraction", "moneyZero", "moneyTooLarge"]).toContain(x.error);
      expect(Object.keys(x).sort()).toEqual(["error", "ok"]);
    }
  };

  it("never throws on arbitrary strings and always returns one of the result shapes", () => {
    fc.assert(
      fc.property(fc.string(), localeArb, (s, l) => shapeOk(parseMoney(s, l))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), localeArb, (s, l) => shapeOk(parseMoney(s, l))),
      { numRuns: 2000 },
    );
  });

  it("never throws on money-like strings", () => {
    const moneyish = fc.string({ unit: fc.constantFrom(..."0123456789.,-$() USD\u00a0".split("")), maxLength: 24 });
    fc.assert(
      fc.property(moneyish, localeArb, (s, l) => shapeOk(parseMoney(s, l))),
      { numRuns: 5000 },
    );
  });

  it("any accepted amount formats back to the same cents", () => {
    const moneyish = fc.string({ unit: fc.constantFrom(..."0123456789.,-".split("")), minLength: 1, maxLength: 16 });
    fc.assert(
      fc.property(moneyish, localeArb, (s, l) => {
        const r = parseMoney(s, l);
        if (r.ok) expect(parseMoney(formatMoneyInput(r.cents, l), l)).toEqual(r);
      }),
      { numRuns: 5000 },
    );
  });
});
