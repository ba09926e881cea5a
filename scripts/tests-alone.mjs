// `node scripts/tests-alone.mjs [path…]`: runs every unit test on its own (`vitest run FILE -t NAME`),
// to prove that no test depends on another having run first. Prints the ones that fail alone.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const vitest = path.join(root, "node_modules", ".bin", "vitest");
const listed = spawnSync(vitest, ["list", ...process.argv.slice(2)], { cwd: root, encoding: "utf8" });
const tests = listed.stdout
  .split("\n")
  .filter((l) => l.includes(" > "))
  .map((l) => {
    const [file, ...names] = l.split(" > ");
    return { file, name: names.join(" ") };
  });
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const failed = [];
for (const [i, t] of tests.entries()) {
  const r = spawnSync(vitest, ["run", t.file, "-t", `^${escape(t.name)}$`], { cwd: root, encoding: "utf8" });
  const ok = r.status === 0 && /Tests\s.*\d+ passed/.test(r.stdout.replace(/\x1b\[[0-9;]*m/g, ""));
  if (!ok) failed.push(t);
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${i + 1}/${tests.length} ${t.file} > ${t.name}\n`);
}
console.log(`\n${tests.length - failed.length} passed alone, ${failed.length} failed alone`);
process.exit(failed.length ? 1 : 0);
