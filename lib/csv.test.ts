import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { neutraliseFormula, toCsv } from "./csv";

describe("CSV", () => {
  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ["Açaí", "1+1", "a=b", " =1", ""]) expect(neutraliseFormula(s)).toBe(s);
  });

  it("pt-BR: BOM, semicolons, decimal comma, CRLF; en: commas and a decimal point", () => {
    const pt = toCsv(["Cliente", "Valor"], [["São Paulo; Centro", { cents: -123456 }], ['=HYPERLINK("x")', { cents: 5 }], [null, { int: 3 }]], "pt-BR");
    expect(pt.startsWith("\ufeffCliente;Valor\r\n")).toBe(true);
    expect(parse(pt, { bom: true, delimiter: ";" })).toEqual([["Cliente", "Valor"], ["São Paulo; Centro", "-1234,56"], ["'=HYPERLINK(\"x\")", "0,05"], ["", "3"]]);
    const en = toCsv(["Customer", "Amount"], [["Lojas, Ltda", { cents: 100000000000 }]], "en");
    expect(parse(en, { bom: true })).toEqual([["Customer", "Amount"], ["Lojas, Ltda", "1000000000.00"]]);
  });

  it("any text reads back as written, or with one leading apostrophe when it starts like a formula (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 5 }), fc.constantFrom("pt-BR" as const, "en" as const), (cells, locale) => {
        const text = toCsv(["h"], cells.map((c) => [c]), locale);
        const back = (parse(text, { bom: true, delimiter: locale === "pt-BR" ? ";" : ",", relax_column_count: true }) as string[][]).slice(1).map((r) => r[0] ?? "");
        expect(back).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
      { numRuns: 300 },
    );
  });
});
