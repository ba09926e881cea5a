import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { MESSAGE_FILES } from "./messages";

type Tree = { [k: string]: string | Tree };
function keys(t: Tree, prefix = ""): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}
const load = (locale: string, f: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "../../messages", locale, `${f}.json`), "utf8")) as Tree;

describe("message catalogues", () => {
  for (const f of MESSAGE_FILES) {
    it(`${f}: pt-BR and en have the same keys and no empty string`, () => {
      const pt = load("pt-BR", f);
      const en = load("en", f);
      expect(keys(pt).sort()).toEqual(keys(en).sort());
      for (const [locale, tree] of [["pt-BR", pt], ["en", en]] as const) {
        const flat = keys(tree);
        for (const k of flat) {
          const v = k.split(".").reduce<Tree | string>((acc, part) => (acc as Tree)[part]!, tree);
          expect(v, `${locale} ${f} ${k}`).not.toBe("");
        }
      }
    });
  }
});
