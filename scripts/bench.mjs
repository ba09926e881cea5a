// npm run bench -- [--small 100] [--large 10000] [--seconds 10] [--connections 10] [--fresh]
// Throughput and latency of the portfolio's first page (with a filter and a sort), a partner dashboard
// and the sign-in page, against `next start` on loopback, for a synthetic database of --small and of
// --large partners, in one run. Writes the figures to bench/results/latest.json and .md.
// Bounded in time: each endpoint runs --seconds per database (after a short warm-up).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (n) => path.join(root, "node_modules", ".bin", n);
const { values } = parseArgs({
  options: {
    small: { type: "string", default: "100" },
    large: { type: "string", default: "10000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    port: { type: "string", default: "3310" },
    fresh: { type: "boolean", default: false },
  },
});
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const port = Number(values.port);

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function dbFor(n) {
  const file = path.join(root, "data", `bench-${n}.db`);
  if (values.fresh || !fs.existsSync(file)) {
    console.log(`Generating ${n} synthetic partners…`);
    const t = Date.now();
    console.log(run(bin("tsx"), ["--conditions=react-server", "scripts/db-synth.ts", "--partners", String(n), "--db", file]).trim());
    console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  return file;
}

async function waitFor(url, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, pipelining: 1, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

async function measure(n) {
  const file = dbFor(n);
  const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root, env: { ...env, DATABASE_PATH: file, SEED_DEMO: "0" }, stdio: ["ignore", "ignore", "inherit"], detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/sign-in`);
    const session = (email) => JSON.parse(run(bin("tsx"), ["--conditions=react-server", "scripts/bench-session.ts", email], { DATABASE_PATH: file }).trim().split("\n").pop());
    const manager = session("bench-manager@synthetic.example");
    const admin = session("bench-admin@synthetic.example");
    const targets = [
      { name: "portfolio (market=developed, sorted by revenue desc)", url: `/portfolio?market=developed&sort=revenue&dir=desc`, cookie: manager.token },
      { name: "partner dashboard", url: `/partners/${admin.partnerId}`, cookie: admin.token },
      { name: "sign-in page", url: `/sign-in`, cookie: null },
    ];
    const out = [];
    for (const t of targets) {
      const headers = t.cookie ? { cookie: `session=${t.cookie}` } : {};
      const check = await fetch(base + t.url, { headers, redirect: "manual" });
      if (check.status !== 200) throw new Error(`${t.url} answered ${check.status} on the ${n}-partner database`);
      await cannon({ url: base + t.url, headers, duration: 2 }); // warm-up
      const r = await cannon({ url: base + t.url, headers, duration: seconds });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${t.url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
      out.push({
        endpoint: t.name, url: t.url, requests: r.requests.total, rps: r.requests.average,
        p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, mean: r.latency.average,
      });
      console.log(`  ${n} partners · ${t.name}: ${r.requests.average.toFixed(1)} req/s, p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms`);
    }
    return out;
  } finally {
    try { process.kill(-server.pid, "SIGTERM"); } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 500));
  }
}

if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("Building the app…");
  run(bin("next"), ["build"]);
}
const small = Number(values.small);
const large = Number(values.large);
const started = new Date().toISOString();
const results = { [small]: await measure(small), [large]: await measure(large) };
const ratios = results[small].map((s, i) => {
  const l = results[large][i];
  return { endpoint: s.endpoint, p50Ratio: l.p50 / Math.max(1, s.p50), meanRatio: l.mean / s.mean, rpsRatio: l.rps / s.rps };
});
const report = {
  started, seconds, connections, machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
  partners: { small, large }, results, ratios,
};
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench", "results", "latest.json"), JSON.stringify(report, null, 2) + "\n");
const md = [
  `# Benchmark, ${started}`,
  "",
  `${report.machine}; autocannon, ${connections} connections, ${seconds} s per endpoint after a 2 s warm-up, \`next start\` on loopback.`,
  "",
  "| endpoint | partners | req/s | mean ms | p50 ms | p97.5 ms | p99 ms |",
  "|---|---:|---:|---:|---:|---:|---:|",
  ...[small, large].flatMap((n) => results[n].map((r) => `| ${r.endpoint} | ${n} | ${r.rps.toFixed(1)} | ${r.mean.toFixed(1)} | ${r.p50} | ${r.p97_5} | ${r.p99} |`)),
  "",
  `| endpoint | mean latency ${large}/${small} | p50 ${large}/${small} | throughput ${large}/${small} |`,
  "|---|---:|---:|---:|",
  ...ratios.map((r) => `| ${r.endpoint} | ${r.meanRatio.toFixed(2)} | ${r.p50Ratio.toFixed(2)} | ${r.rpsRatio.toFixed(2)} |`),
  "",
].join("\n");
fs.writeFileSync(path.join(root, "bench", "results", "latest.md"), md);
console.log("\n" + md);
console.log("Written to bench/results/latest.json and bench/results/latest.md");
