// npm run bench:engine  (or: npx tsx scripts/bench-engine.ts [--ms 1000] [--large-timeout 120] [--json FILE])
// Throughput of the pure competency engine (lib/competency) on deterministic synthetic partners:
// a typical partner (10 people, 100 revenue lines, 30 customers), a 158-line/24-person partner, and a
// large one (50,000 lines, 2,000 people, 15,000 customers) whose full dashboard computation is timed.
// Each function runs for a bounded time (--ms per function, after a warm-up); the large partner runs in a
// child process killed after --large-timeout seconds. Also checks that a partner whose counted revenue
// passes 2^53 cents evaluates without throwing.
import { spawnSync } from "node:child_process";
import { writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import {
  addDays,
  evaluate,
  levelHistory,
  monthlyRevenue,
  projectRisk,
  resultValidUntil,
  summarize,
  type PartnerFacts,
  type Product,
  type RuleSetId,
} from "../lib/competency";

const { values } = parseArgs({
  options: {
    ms: { type: "string", default: "1000" },
    "large-timeout": { type: "string", default: "120" },
    "large-only": { type: "boolean", default: false },
    json: { type: "string" },
  },
});
const MS = Number(values.ms);
const AS_OF = "2018-03-31";
const HORIZON = 365;

/** mulberry32: a small deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXAMS_BY_GROUP = {
  A: ["MB2-714", "MB2-713", "mb2 709", "MB2-717"],
  B: ["MB2-710", "MB2-706", "MB2-715"],
  C: ["MB2-712", "MB2-707", "MB2-716"],
} as const;

interface Shape {
  seed: number;
  lines: number;
  people: number;
  customers: number;
  /** Days of history before AS_OF over which revenue is spread. */
  spanDays: number;
  /** Typical positive amount in cents. */
  amount: number;
}

function synthFacts(s: Shape): PartnerFacts {
  const r = rng(s.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const day = (from: string, span: number) => addDays(from, Math.floor(r() * span));
  const start = addDays(AS_OF, -s.spanDays);
  const customers: PartnerFacts["customers"] = [];
  for (let i = 0; i < s.customers; i++) {
    const k = r();
    const dporFrom = k < 0.07 ? null : day(addDays(start, -200), s.spanDays);
    const dporUntil = dporFrom !== null && k > 0.85 ? day(dporFrom, 900) : null;
    customers.push({ id: `c${i}`, dporFrom, dporUntil });
    if (k > 0.97) customers.push({ id: `c${i}`, dporFrom: day(start, s.spanDays + 200), dporUntil: null }); // a second record
  }
  const products: Product[] = ["crm-online", "crm-online", "d365-plan1", "d365-plan1", "other"];
  const revenue: PartnerFacts["revenue"] = [];
  for (let i = 0; i < s.lines; i++) {
    const credit = r() < 0.08;
    const amountCents = Math.round((credit ? -0.3 : 1) * s.amount * (0.2 + 1.6 * r()));
    const line = { customerId: `c${Math.floor(r() * (s.customers + 1))}`, product: pick(products), date: day(start, s.spanDays + 60), amountCents };
    revenue.push(i % 3 === 0 ? line : { id: `r${i}`, ...line });
  }
  const individuals: PartnerFacts["individuals"] = [];
  const holdings = ["AB", "AB", "C", "C", "A", "B", "ABC", "", "AC", "BC"];
  for (let i = 0; i < s.people; i++) {
    const joinedOn = r() < 0.5 ? null : day(addDays(start, -400), s.spanDays);
    const leftOn = r() < 0.75 ? null : day(addDays(AS_OF, -200), 800);
    const groups = holdings[i % holdings.length]!;
    const passes: { exam: string; passedOn: string }[] = [...groups].map((g) => ({
      exam: pick(EXAMS_BY_GROUP[g as "A" | "B" | "C"]),
      passedOn: day(addDays(start, -300), s.spanDays + 400),
    }));
    if (r() < 0.2) passes.push({ exam: "XX-000", passedOn: day(start, s.spanDays) });
    individuals.push({ id: `p${i}`, name: `Person ${i}`, joinedOn, leftOn, passes });
  }
  return { market: s.seed % 2 === 0 ? "developed" : "developing", customers, revenue, individuals };
}

const TYPICAL = synthFacts({ seed: 1, lines: 100, people: 10, customers: 30, spanDays: 540, amount: 450_000 });
const MEDIUM = synthFacts({ seed: 2, lines: 158, people: 24, customers: 45, spanDays: 720, amount: 400_000 });
const LARGE = synthFacts({ seed: 3, lines: 50_000, people: 2_000, customers: 15_000, spanDays: 3_650, amount: 12_000 });
const RULE_SET: RuleSetId = "V3";
/** The figures, for --json: µs per call by partner and function, the large dashboard's rounds in ms. */
const figures: { perPartner: Record<string, Record<string, { opsPerSec: number; usPerOp: number }>>; largeRoundsMs: number[]; hugeSumsThrow: boolean } = {
  perPartner: {},
  largeRoundsMs: [],
  hugeSumsThrow: false,
};
let current = "";

function bench(name: string, fn: () => unknown, ms = MS): { opsPerSec: number; usPerOp: number } {
  // Warm up (long enough for the optimising compiler to finish on a busy machine), then time 5 slices of
  // ms/5 each and report the median slice (robust to other load on the machine).
  const warm = performance.now();
  while (performance.now() - warm < Math.max(500, ms / 2)) fn();
  const slices: number[] = [];
  for (let s = 0; s < 5; s++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < ms / 5) {
      for (let i = 0; i < 10; i++) fn();
      n += 10;
      t = performance.now();
    }
    slices.push(((t - t0) * 1000) / n);
  }
  slices.sort((x, y) => x - y);
  const usPerOp = slices[2]!;
  const opsPerSec = 1e6 / usPerOp;
  (figures.perPartner[current] ??= {})[name] = { opsPerSec, usPerOp };
  console.log(
    `  ${name.padEnd(34)} ${opsPerSec.toFixed(0).padStart(10)} ops/s ${usPerOp.toFixed(2).padStart(12)} µs/op  (slices ${slices[0]!.toFixed(2)}–${slices[4]!.toFixed(2)})`,
  );
  return { opsPerSec, usPerOp };
}

function describe(label: string, f: PartnerFacts): void {
  const e = evaluate(f, { asOf: AS_OF, ruleSet: RULE_SET });
  const risk = projectRisk(f, { asOf: AS_OF, ruleSet: RULE_SET, horizonDays: HORIZON });
  const hist = levelHistory(f, { through: AS_OF, ruleSet: RULE_SET });
  console.log(
    `${label}: ${f.revenue.length} lines, ${f.individuals.length} people, ${f.customers.length} customer records; ` +
      `level ${e.level}, revenue ${e.qualifyingRevenueCents} cents, silver plan ${e.silver.plan.examsNeeded}, gold plan ${e.gold.plan.examsNeeded}, ` +
      `at risk on ${risk.atRiskOn ?? "-"} (${risk.lost.join("+") || "-"}), ${hist.length} level changes, ` +
      `valid until ${resultValidUntil(f, { asOf: AS_OF, ruleSet: RULE_SET, horizonDays: HORIZON }) ?? "-"}`,
  );
}

function small(label: string, f: PartnerFacts): void {
  current = label;
  describe(label, f);
  const e = evaluate(f, { asOf: AS_OF, ruleSet: RULE_SET });
  // evaluate at a spread of dates, as a portfolio refresh or a date picker would
  const dates = Array.from({ length: 64 }, (_, i) => addDays(AS_OF, -i * 11));
  let k = 0;
  bench("evaluate", () => evaluate(f, { asOf: dates[k++ & 63]!, ruleSet: RULE_SET }));
  bench("evaluate (same date)", () => evaluate(f, { asOf: AS_OF, ruleSet: RULE_SET }));
  bench("projectRisk (365 days)", () => projectRisk(f, { asOf: AS_OF, ruleSet: RULE_SET, horizonDays: HORIZON }));
  bench("resultValidUntil (365 days)", () => resultValidUntil(f, { asOf: AS_OF, ruleSet: RULE_SET, horizonDays: HORIZON }));
  bench("levelHistory", () => levelHistory(f, { through: AS_OF, ruleSet: RULE_SET }));
  bench("summarize", () => summarize(e));
  bench("monthlyRevenue", () => monthlyRevenue(e));
}

const say = (line: string) => writeSync(1, line + "\n"); // unbuffered: survives the child being killed

function large(): void {
  say(`large partner: ${LARGE.revenue.length} lines, ${LARGE.individuals.length} people, ${LARGE.customers.length} customer records`);
  const f = LARGE;
  const opts = { asOf: AS_OF, ruleSet: RULE_SET };
  const steps: [string, () => unknown][] = [];
  let risk: ReturnType<typeof projectRisk> | null = null;
  let e: ReturnType<typeof evaluate> | null = null;
  steps.push(["evaluate", () => (e = evaluate(f, opts))]);
  steps.push(["projectRisk", () => (risk = projectRisk(f, { ...opts, horizonDays: HORIZON }))]);
  steps.push(["levelHistory", () => levelHistory(f, { through: AS_OF, ruleSet: RULE_SET })]);
  steps.push(["resultValidUntil", () => resultValidUntil(f, { ...opts, horizonDays: HORIZON })]);
  steps.push(["summarize", () => summarize(e!)]);
  steps.push(["evaluate at the risk date", () => (risk!.atRiskOn ? evaluate(f, { asOf: risk!.atRiskOn, ruleSet: RULE_SET }) : null)]);
  for (let round = 0; round < 3; round++) {
    let total = 0;
    const parts: string[] = [];
    const cpu0 = process.cpuUsage();
    for (const [name, fn] of steps) {
      const t0 = performance.now();
      fn();
      const dt = performance.now() - t0;
      total += dt;
      parts.push(`${name} ${dt.toFixed(1)} ms`);
      if (round === 0) say(`  (round 1) ${name}: ${dt.toFixed(1)} ms`);
    }
    const cpu = process.cpuUsage(cpu0);
    // cpu: user + system time of the process (all threads) over the round: what the wall time would be
    // on an otherwise idle machine, roughly, when other work competes for the cores.
    say(`  large dashboard, round ${round + 1}: total ${total.toFixed(1)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms)  [${parts.join(", ")}]`);
  }
  describe("large partner", LARGE);
}

function hugeMoney(): void {
  // 2,000 lines of 2^43 cents: counted revenue 2^54 cents (> 2^53).
  const revenue = Array.from({ length: 2000 }, (_, i) => ({
    customerId: "c1",
    product: "crm-online" as Product,
    date: "2018-01-01",
    amountCents: 2 ** 43 + (i % 2),
  }));
  const f: PartnerFacts = { market: "developed", customers: [{ id: "c1", dporFrom: "2015-01-01" }], revenue, individuals: [] };
  try {
    const e = evaluate(f, { asOf: AS_OF });
    const exact = (e as unknown as Record<string, unknown>).qualifyingRevenueCentsExact;
    console.log(`huge sums: no throw; qualifyingRevenueCents ${e.qualifyingRevenueCents}, exact ${exact ?? "(not exposed)"}, level ${e.level}`);
    projectRisk(f, { asOf: AS_OF, horizonDays: HORIZON });
    levelHistory(f, { through: AS_OF });
    resultValidUntil(f, { asOf: AS_OF, horizonDays: HORIZON });
    console.log("huge sums: projectRisk, levelHistory, resultValidUntil: no throw");
  } catch (err) {
    figures.hugeSumsThrow = true;
    console.log(`huge sums: THROWS ${(err as Error).name}: ${(err as Error).message}`);
  }
}

if (values["large-only"]) {
  large();
} else {
  console.log(
    `bench:engine — node ${process.version}, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}, ` + `${MS} ms per function, as of ${AS_OF}, rule set ${RULE_SET}`,
  );
  small("typical partner", TYPICAL);
  small("158-line/24-person partner", MEDIUM);
  hugeMoney();
  const timeout = Number(values["large-timeout"]) * 1000;
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--large-only"], { timeout, encoding: "utf8" });
  process.stdout.write(child.stdout ?? "");
  if (child.stderr) process.stderr.write(child.stderr);
  if (child.error || child.signal) console.log(`  large partner: stopped after ${timeout / 1000} s (${child.signal ?? child.error?.message})`);
  for (const m of (child.stdout ?? "").matchAll(/large dashboard, round \d+: total ([\d.]+) ms/g)) figures.largeRoundsMs.push(Number(m[1]));
  if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, loadAverage: os.loadavg(), ms: MS, ...figures }, null, 2) + "\n");
}
