import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { CLIENT_NAMESPACES, MESSAGE_FILES } from "./messages";

type Tree = { [k: string]: string | Tree };
function keys(t: Tree, prefix = ""): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}
const load = (locale: string, f: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "../../messages", locale, `${f}.json`), "utf8")) as Tree;

describe("message catalogues", () => {
  for (const f of MESSAGE_FILES) {
    it(`${f}: pt-BR and en have the same keys and no empty string`, () => {
      const pt = load("pt-BR", f);
      const en = load("en", f);
      expect(keys(pt).sort()).toEqual(keys(en).sort());
      for (const [locale, tree] of [
        ["pt-BR", pt],
        ["en", en],
      ] as const) {
        const flat = keys(tree);
        for (const k of flat) {
          const v = k.split(".").reduce<Tree | string>((acc, part) => (acc as Tree)[part]!, tree);
          expect(v, `${locale} ${f} ${k}`).not.toBe("");
        }
      }
    });
  }
});

describe("messages sent to the client", () => {
  const root = path.join(__dirname, "../..");
  const files = (dir: string): string[] =>
    fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
  const clientFiles = [...files("app"), ...files("components")].filter((f) => /^\s*["']use client["']/.test(fs.readFileSync(path.join(root, f), "utf8")));

  it("cover every namespace a client component translates", () => {
    expect(clientFiles.length).toBeGreaterThan(5);
    const used = new Set<string>();
    for (const f of clientFiles) {
      const src = fs.readFileSync(path.join(root, f), "utf8");
      for (const m of src.matchAll(/useTranslations\(\s*"([^"]+)"/g)) used.add(m[1]!.split(".")[0]!);
      for (const m of src.matchAll(/namespace="([^"]+)"/g)) used.add(m[1]!.split(".")[0]!);
      // namespace={NS} with `const NS = "…"` in the same file
      for (const m of src.matchAll(/namespace=\{(\w+)\}/g)) {
        const value = new RegExp(`const ${m[1]} = "([^"]+)"`).exec(src)?.[1];
        if (value) used.add(value.split(".")[0]!);
      }
    }
    const missing = [...used].filter((n) => !(CLIENT_NAMESPACES as readonly string[]).includes(n));
    expect(missing, "namespaces used by client components but not sent to the client (lib/i18n/messages.ts)").toEqual([]);
  });
});
