import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cssString } from "./css";

/** Reads a CSS string token back (CSS Syntax §4.3.5, the escapes cssString writes and single-character ones). */
function readCssString(token: string): string {
  expect(token.startsWith('"') && token.endsWith('"')).toBe(true);
  const body = token.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"' || c === "\n" || c === "\f" || c === "\r") throw new Error(`unescaped ${JSON.stringify(c)} would end the string`);
    if (c !== "\\") {
      out += c;
      continue;
    }
    const hex = /^[0-9a-fA-F]{1,6}/.exec(body.slice(i + 1))?.[0];
    if (!hex) {
      out += body[++i];
      continue;
    }
    out += String.fromCodePoint(parseInt(hex, 16));
    i += hex.length;
    if (/[ \t\n]/.test(body[i + 1] ?? "")) i++;
  }
  return out;
}

describe("cssString", () => {
  it("escapes form feed, newline, quote, backslash, </style> and non-ASCII as hex; keeps letters, digits and spaces", () => {
    expect(cssString("\f")).toBe('"\\c "');
    expect(cssString("\n")).toBe('"\\a "');
    expect(cssString('"')).toBe('"\\22 "');
    expect(cssString("\\")).toBe('"\\5c "');
    expect(cssString("</style>")).toBe('"\\3c \\2f style\\3e "');
    expect(cssString("Açaí 😀")).toBe('"A\\e7 a\\ed  \\1f600 "');
    expect(cssString("Relatorio 2026 de Aurora")).toBe('"Relatorio 2026 de Aurora"');
    expect(cssString("a\u0000b")).toBe('"a\\fffd b"');
  });

  it("the attack of issue 10 stays inside the string", () => {
    const name = "X\f;}} body{background:red !important} main{display:none !important} @page{";
    const css = cssString(name);
    expect(css).toMatch(/^"[A-Za-z0-9 \\]*"$/);
    expect(readCssString(css)).toBe(name);
  });

  it("any text becomes a string token of letters, digits, spaces and escapes that reads back as the text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const css = cssString(s);
        expect(css).toMatch(/^"[A-Za-z0-9 \\]*"$/);
        expect(readCssString(css)).toBe(s.replace(/\u0000/g, "\ufffd"));
      }),
      { numRuns: 500 },
    );
  });
});
