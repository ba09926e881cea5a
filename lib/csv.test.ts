import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { looksLikeFormula, neutraliseFormula, toCsv } from "./csv";

describe("CSV", () => {
  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ["Açaí", "1+1", "a=b", ""]) expect(neutraliseFormula(s)).toBe(s);
  });

  // Finding 7 of issue 10: spreadsheets skip leading blanks and invisible characters, and fold full-width forms.
  it("neutralises formulas after leading whitespace or zero-width characters, in full-width and small forms, and tab/CR", () => {
    for (const s of [
      " =1",
      "  +1",
      "\u00a0=1",
      "\u200b=1+1",
      "\ufeff@SUM(A1)",
      "\u2060-1",
      "\uff1d1+1",
      "\uff0b1",
      "\uff0d1",
      "\uff20x",
      "\ufe66 1",
      "\u200b\uff1d1",
      "\t1",
      "\r1",
      "\n=1",
      "\u2212 1",
    ]) {
      expect(neutraliseFormula(s), JSON.stringify(s)).toBe(`'${s}`);
    }
    for (const s of ["Lojas = Ltda", "\u200bAçaí", " 12", "1-1"]) expect(neutraliseFormula(s), JSON.stringify(s)).toBe(s);
  });

  it("never writes a NUL: it becomes U+FFFD", () => {
    expect(neutraliseFormula("a\u0000b")).toBe("a\ufffdb");
    const csv = toCsv(["h\u0000"], [["x\u0000y"]], "en");
    expect(csv).not.toContain("\u0000");
    expect(parse(csv, { bom: true })).toEqual([["h\ufffd"], ["x\ufffdy"]]);
  });

  it("pt-BR: BOM, semicolons, decimal comma, CRLF; en: commas and a decimal point", () => {
    const pt = toCsv(
      ["Cliente", "Valor"],
      [
        ["São Paulo; Centro", { cents: -123456 }],
        ['=HYPERLINK("x")', { cents: 5 }],
        [null, { int: 3 }],
      ],
      "pt-BR",
    );
    expect(pt.startsWith("\ufeffCliente;Valor\r\n")).toBe(true);
    expect(parse(pt, { bom: true, delimiter: ";" })).toEqual([
      ["Cliente", "Valor"],
      ["São Paulo; Centro", "-1234,56"],
      ['\'=HYPERLINK("x")', "0,05"],
      ["", "3"],
    ]);
    const en = toCsv(["Customer", "Amount"], [["Lojas, Ltda", { cents: 100000000000 }]], "en");
    expect(parse(en, { bom: true })).toEqual([
      ["Customer", "Amount"],
      ["Lojas, Ltda", "1000000000.00"],
    ]);
  });

  it("any text reads back as written, or with one leading apostrophe when it starts like a formula (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 5 }), fc.constantFrom("pt-BR" as const, "en" as const), (cells, locale) => {
        const text = toCsv(
          ["h"],
          cells.map((c) => [c]),
          locale,
        );
        const back = (parse(text, { bom: true, delimiter: locale === "pt-BR" ? ";" : ",", relax_column_count: true }) as string[][])
          .slice(1)
          .map((r) => r[0] ?? "");
        expect(back).toEqual(cells.map((c) => c.replace(/\u0000/g, "\ufffd")).map((c) => (looksLikeFormula(c) ? `'${c}` : c)));
      }),
      { numRuns: 300 },
    );
  });
});
