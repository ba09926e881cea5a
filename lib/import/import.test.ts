import { describe, expect, it } from "vitest";
import { readImportFile } from "./read";
import { matchHeaders } from "./columns";
import { isoDate, productOf, validateRow } from "./rows";
import { distinctNames, nameKey } from "@/lib/names";

const bytes = (s: string, enc: BufferEncoding = "utf8") => new Uint8Array(Buffer.from(s, enc));

describe("reading an import file", () => {
  it("tells UTF-8 with and without BOM from Windows-1252, and the dialect from the header row", () => {
    const text = "Cliente;Valor (US$)\r\nAção;1.000,50\r\n";
    const a = readImportFile(bytes(text, "latin1"), 10);
    const b = readImportFile(bytes("\uFEFF" + text), 10);
    const c = readImportFile(bytes('Customer,Amount\n"Ação, Ltda","1,000.50"\n'), 10);
    expect(a).toMatchObject({ encoding: "windows-1252", dialect: "pt-BR", rows: [["Ação", "1.000,50"]], lines: [2] });
    expect(b).toMatchObject({ encoding: "utf-8-bom", dialect: "pt-BR", headers: ["Cliente", "Valor (US$)"], rows: [["Ação", "1.000,50"]] });
    expect(c).toMatchObject({ encoding: "utf-8", dialect: "en", rows: [["Ação, Ltda", "1,000.50"]] });
  });
  it("refuses empty files, workbooks, UTF-16 and files over the row limit", () => {
    expect(readImportFile(new Uint8Array(), 10)).toEqual({ refusal: "fileEmpty" });
    expect(readImportFile(bytes("PK\u0003\u0004rest"), 10)).toEqual({ refusal: "fileXlsx" });
    expect(readImportFile(new Uint8Array([0xff, 0xfe, 0x41, 0]), 10)).toEqual({ refusal: "fileUtf16" });
    expect(readImportFile(bytes("a\n1\n2\n3\n"), 2)).toEqual({ refusal: "fileTooManyRows" });
    expect(readImportFile(bytes(";;\n;;\n"), 2)).toEqual({ refusal: "fileEmpty" });
  });
  it("matches headers in either language, any case and without accents", () => {
    expect(matchHeaders("revenue", ["CLIENTE", "product", "Data da Fatura", "amount (us$)", "Observação", "Extra"])).toEqual({
      columns: { customer: 0, product: 1, date: 2, amount: 3, note: 4 },
      missing: [],
      ignored: ["Extra"],
    });
    expect(matchHeaders("passes", ["Nome", "Exam"]).missing).toEqual(["passedOn"]);
  });
});

describe("checking a row", () => {
  it("reads dates, products and money in the file's dialect", () => {
    expect(isoDate("05/03/2026", "pt-BR")).toBe("2026-03-05");
    expect(isoDate("05/03/2026", "en")).toBe("2026-05-03");
    expect(productOf("Dynamics 365 Plano 1")).toBe("d365-plan1");
    expect(productOf("outro")).toBe("other");
    expect(validateRow("revenue", { customer: " Banco ", product: "CRM Online", date: "05/03/2026", amount: "1.234,56" }, "pt-BR", "V1")).toEqual({
      ok: true,
      row: { customer: "Banco", product: "crm-online", date: "2026-03-05", amountCents: 123456, note: null },
    });
  });
  it("names every refused column with the forms' message keys", () => {
    const r = validateRow("revenue", { customer: "", product: "X", date: "31/02/2026", amount: "1,234.56" }, "pt-BR", "V1");
    expect(r).toEqual({
      ok: false,
      issues: [
        { field: "customer", key: "nameRequired" },
        { field: "product", key: "productUnknown" },
        { field: "date", key: "dateInvalid" },
        { field: "amount", key: "moneyInvalid" },
      ],
    });
    expect(validateRow("passes", { person: "Ana", exam: "MB2-717", passedOn: "2026-01-01" }, "en", "V1")).toEqual({
      ok: false,
      issues: [{ field: "exam", key: "examNotInRuleSet" }],
    });
    expect(validateRow("passes", { person: "Ana", exam: "mb2 717", passedOn: "2026-01-01" }, "en", "V3")).toMatchObject({ ok: true, row: { exam: "MB2-717" } });
  });
});

describe("names", () => {
  it("compare without case, accents or spacing, and tell two people of one name apart", () => {
    expect(nameKey("  JOSÉ  da   Silva ")).toBe(nameKey("jose da silva"));
    const labels = distinctNames([
      { id: 3, name: "Ana Souza" },
      { id: 1, name: "ana souza", email: "ana@x.example" },
      { id: 2, name: "Bia" },
      { id: 4, name: "Ana  Souza" },
    ]);
    expect([...labels.entries()].sort()).toEqual([
      [1, "ana souza <ana@x.example>"],
      [2, "Bia"],
      [3, "Ana Souza #2"],
      [4, "Ana  Souza #3"],
    ]);
  });
});
