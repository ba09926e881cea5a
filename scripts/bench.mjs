// npm run bench -- [--sizes 100,10000,400000] [--skip-largest] [--seconds 10] [--connections 10] [--fresh] [--no-day-change]
// Throughput and latency of the portfolio's first page (with a filter and a sort), a partner dashboard
// and the sign-in page, against `next start` on loopback, for synthetic databases of each size, in one
// run; then the day change at the largest size: the server and its refresher run under faketime just
// before midnight, and the bench measures how long the background refresh takes while the sign-in page
// is asked for at a steady rate (its latency against a quiet minute). Writes bench/results/latest.json and .md.
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
    sizes: { type: "string", default: "100,10000,400000" },
    "skip-largest": { type: "boolean", default: false },
    "no-day-change": { type: "boolean", default: false },
    "only-day-change": { type: "boolean", default: false }, // a quick look at the day change alone (writes no results)
    rate: { type: "string", default: "20" },
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

const synth = {};
const generated = new Set();
function dbFor(n) {
  const file = path.join(root, "data", `bench-${n}.db`);
  if ((values.fresh && !generated.has(n)) || !fs.existsSync(file)) {
    generated.add(n);
    console.log(`Generating ${n} synthetic partners…`);
    const t = Date.now();
    const out = run(bin("tsx"), ["--conditions=react-server", "scripts/db-synth.ts", "--partners", String(n), "--db", file, "--large"]).trim();
    console.log(out);
    const secs = (Date.now() - t) / 1000;
    console.log(`  (${secs.toFixed(1)} s)`);
    const ms = (re) => Number(re.exec(out)?.[1] ?? NaN);
    synth[n] = { seconds: secs, insertMs: ms(/Inserted \d+ partners in (\d+) ms/), evaluateMs: ms(/Evaluated \d+ partners as of \S+ in (\d+) ms/) };
  }
  return file;
}

async function waitFor(url, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, pipelining: 1, timeout: 30, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

async function measure(n) {
  const file = dbFor(n);
  const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...env, DATABASE_PATH: file, SEED_DEMO: "0" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/sign-in`);
    const session = (email) =>
      JSON.parse(run(bin("tsx"), ["--conditions=react-server", "scripts/bench-session.ts", email], { DATABASE_PATH: file }).trim().split("\n").pop());
    const manager = session("bench-manager@synthetic.example");
    const admin = session("bench-admin@synthetic.example");
    const large = session("bench-large-admin@synthetic.example");
    const targets = [
      { name: "portfolio (market=developed, sorted by revenue desc)", url: `/portfolio?market=developed&sort=revenue&dir=desc`, cookie: manager.token },
      { name: "partner dashboard", url: `/partners/${admin.partnerId}`, cookie: admin.token },
      { name: "sign-in page", url: `/sign-in`, cookie: null },
      { name: "large partner's dashboard (50,000 lines, 2,000 people)", url: `/partners/${large.partnerId}`, cookie: large.token },
    ];
    const out = [];
    for (const t of targets) {
      const headers = t.cookie ? { cookie: `session=${t.cookie}` } : {};
      // The first request computes what later ones find cached (a new page of code, a partner's model).
      const c0 = performance.now();
      const check = await fetch(base + t.url, { headers, redirect: "manual" });
      const html = await check.text();
      const firstMs = performance.now() - c0;
      if (check.status !== 200) throw new Error(`${t.url} answered ${check.status} on the ${n}-partner database`);
      await cannon({ url: base + t.url, headers, duration: 2 }); // warm-up
      // While this page is under load, what does a sign-in page asked for 5 times a second wait?
      let done = false;
      const others = steady(`${base}/sign-in`, { rate: 5, until: async () => done });
      const r = await cannon({ url: base + t.url, headers, duration: seconds });
      done = true;
      const other = await others;
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${t.url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
      out.push({
        endpoint: t.name,
        url: t.url,
        htmlBytes: Buffer.byteLength(html),
        firstMs,
        requests: r.requests.total,
        rps: r.requests.average,
        p50: r.latency.p50,
        p97_5: r.latency.p97_5,
        p99: r.latency.p99,
        mean: r.latency.average,
        otherSignIn: { p50: other.p50, p99: other.p99, max: other.max, requests: other.requests },
      });
      console.log(
        `  ${n} partners · ${t.name}: first ${firstMs.toFixed(0)} ms, ${r.requests.average.toFixed(1)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; sign-in meanwhile p99 ${other.p99?.toFixed(0)} ms, max ${other.max?.toFixed(0)} ms`,
      );
    }
    return out;
  } finally {
    const gone = new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    await new Promise((r) => setTimeout(r, 500));
  }
}

if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("Building the app…");
  run(bin("next"), ["build"]);
}

const dbSize = (file) => ["", "-wal"].reduce((n, suf) => n + (fs.existsSync(file + suf) ? fs.statSync(file + suf).size : 0), 0);
const pct = (xs, p) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Asks for `url` at a steady `rate` per second for `ms` (or until `until()`), and returns each latency. */
async function steady(url, { rate, ms, until, headers = {} }) {
  const lat = [];
  let errors = 0;
  const inflight = new Set();
  const t0 = Date.now();
  let i = 0;
  while (until ? !(await until()) : Date.now() - t0 < ms) {
    const due = t0 + (i * 1000) / rate;
    if (Date.now() < due) {
      await new Promise((r) => setTimeout(r, due - Date.now()));
      continue;
    }
    i++;
    const s = performance.now();
    const p = fetch(url, { headers, redirect: "manual" }).then(
      async (r) => {
        await r.arrayBuffer();
        if (r.status !== 200) errors++;
        lat.push(performance.now() - s);
      },
      () => {
        errors++;
      },
    );
    inflight.add(p);
    p.finally(() => inflight.delete(p));
  }
  await Promise.all(inflight);
  return { requests: lat.length, errors, p50: pct(lat, 50), p99: pct(lat, 99), max: lat.length ? Math.max(...lat) : null, seconds: (Date.now() - t0) / 1000 };
}

if (values["only-day-change"]) {
  const n = Math.max(...values.sizes.split(",").map(Number));
  console.log(JSON.stringify(await dayChange(n), null, 2));
  process.exit(0);
}

const sizes = values.sizes
  .split(",")
  .map(Number)
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
if (values["skip-largest"] && sizes.length > 1) sizes.pop();
const small = sizes[0];
const started = new Date().toISOString();
const results = {};
const sizeOnDisk = {};
for (const n of sizes) {
  results[n] = await measure(n);
  sizeOnDisk[n] = dbSize(dbFor(n));
}
const ratios = sizes.slice(1).flatMap((n) =>
  results[small].map((s, i) => {
    const l = results[n][i];
    return { partners: n, endpoint: s.endpoint, p50Ratio: l.p50 / Math.max(1, s.p50), meanRatio: l.mean / s.mean, rpsRatio: l.rps / s.rps };
  }),
);
const perSize = Object.fromEntries(
  sizes.map((n) => {
    const [, dashboard, signIn] = results[n];
    return [n, { dashboardOverSignIn: dashboard.rps / signIn.rps }];
  }),
);

// ---- The day change at the largest size: faketime, a steady load on the sign-in page, the refresh in the background.
async function dayChange(n) {
  const source = dbFor(n);
  const file = path.join(root, "data", `bench-${n}-daychange.db`);
  for (const suf of ["", "-wal", "-shm"]) fs.rmSync(file + suf, { force: true });
  fs.copyFileSync(source, file); // the run changes the rows: work on a copy
  const { default: Database } = await import("better-sqlite3");
  const ro = new Database(file, { readonly: true, fileMustExist: true });
  const asOf = ro.prepare("select max(as_of) from partner_evaluations").pluck().get();
  const next = new Date(`${asOf}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const nextDay = next.toISOString().slice(0, 10);
  const expiring = ro.prepare("select count(*) from partner_evaluations where valid_until <= ?").pluck().get(nextDay);
  const fakeEnv = {
    DATABASE_PATH: file,
    SEED_DEMO: "0",
    SKIP_BUILD: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    FAKETIME: `@${asOf} 23:59:00`,
    LD_PRELOAD: "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    FAKETIME_DONT_RESET: "1",
  };
  console.log(`Day change: ${n} partners as of ${asOf}; ${expiring} stored rows expire on ${nextDay}. Server clock starts at ${asOf} 23:59:00.`);
  const server = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: { ...env, ...fakeEnv },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  let log = "";
  server.stdout.on("data", (d) => {
    log += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const rate = Number(values.rate);
  try {
    await waitFor(`${base}/sign-in`, 120_000);
    const manager = JSON.parse(
      run(bin("tsx"), ["--conditions=react-server", "scripts/bench-session.ts", "bench-manager@synthetic.example"], fakeEnv).trim().split("\n").pop(),
    );
    const headers = { cookie: `session=${manager.token}` };
    // Warm-up: the first request of each route loads its code (a pause of its own, not the refresh's).
    for (let k = 0; k < 3; k++) await (await fetch(`${base}/portfolio?market=developed&sort=revenue&dir=desc`, { headers })).text();
    await steady(`${base}/sign-in`, { rate, ms: 3000 });
    const portfolioLat = { quiet: [], during: [] };
    let phase = "quiet";
    let sampleUpdating = null;
    let stopPortfolio = false;
    const portfolioLoop = (async () => {
      while (!stopPortfolio) {
        const s = performance.now();
        const r = await fetch(`${base}/portfolio?market=developed&sort=revenue&dir=desc`, { headers });
        const html = await r.text();
        if (r.status === 200) portfolioLat[phase].push(performance.now() - s);
        const m = /data-updating="(\d+)"/.exec(html);
        if (m && sampleUpdating === null) sampleUpdating = Number(m[1]);
        await new Promise((res) => setTimeout(res, 1000));
      }
    })();
    const quiet = await steady(`${base}/sign-in`, { rate, ms: 20_000 });
    console.log(`  quiet: sign-in p50 ${quiet.p50?.toFixed(1)} ms, p99 ${quiet.p99?.toFixed(1)} ms, max ${quiet.max?.toFixed(1)} ms`);
    // Wait for midnight (server clock) and the refresher's claim of the new day.
    const runRow = () => ro.prepare("select * from evaluation_refresh_runs where as_of = ?").get(nextDay);
    const waitStart = Date.now();
    while (!runRow()) {
      if (Date.now() - waitStart > 180_000) throw new Error(`the refresher did not start the run of ${nextDay}:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const t0 = Date.now();
    phase = "during";
    const during = await steady(`${base}/sign-in`, { rate, until: async () => !!runRow()?.finished_at || Date.now() - t0 > 20 * 60_000 });
    stopPortfolio = true;
    await portfolioLoop;
    const finished = runRow();
    const seconds = (Date.now() - t0) / 1000;
    console.log(
      `  refresh of ${nextDay}: ${finished.finished_at ? "finished" : "NOT finished"} after ${seconds.toFixed(1)} s, ${finished.refreshed} refreshed, ${finished.failed} failed`,
    );
    console.log(
      `  during: sign-in p50 ${during.p50?.toFixed(1)} ms, p99 ${during.p99?.toFixed(1)} ms, max ${during.max?.toFixed(1)} ms (${during.requests} requests, ${during.errors} errors)`,
    );
    return {
      partners: n,
      asOf,
      nextDay,
      expiring,
      rate,
      quiet,
      during,
      refreshSeconds: seconds,
      finished: !!finished.finished_at,
      refreshed: finished.refreshed,
      failed: finished.failed,
      portfolioQuiet: {
        requests: portfolioLat.quiet.length,
        p50: pct(portfolioLat.quiet, 50),
        max: portfolioLat.quiet.length ? Math.max(...portfolioLat.quiet) : null,
      },
      portfolioDuring: {
        requests: portfolioLat.during.length,
        p50: pct(portfolioLat.during, 50),
        max: portfolioLat.during.length ? Math.max(...portfolioLat.during) : null,
        firstUpdatingShown: sampleUpdating,
      },
      p99Ratio: during.p99 / quiet.p99,
    };
  } finally {
    ro.close();
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 2000));
    for (const suf of ["", "-wal", "-shm"]) fs.rmSync(file + suf, { force: true });
  }
}
const largest = sizes[sizes.length - 1];
const day = values["no-day-change"] ? null : await dayChange(largest);

// ---- The engine's figures and what each page weighs, in the same run.
console.log("Engine (npm run bench:engine)…");
const engineFile = path.join(os.tmpdir(), `bench-engine-${process.pid}.json`);
run(bin("tsx"), ["scripts/bench-engine.ts", "--json", engineFile]);
const engine = JSON.parse(fs.readFileSync(engineFile, "utf8"));
fs.rmSync(engineFile, { force: true });
console.log(`Page weight, LCP and CLS (npm run bench:weight) on the ${small}-partner database…`);
run(process.execPath, ["scripts/page-weight.mjs", "--db", path.relative(root, dbFor(small)), "--port", String(port + 1)]);
const weight = JSON.parse(fs.readFileSync(path.join(root, "bench", "results", "page-weight.json"), "utf8"));

/** Issue 9's goals, each with the figure this run measured and whether it holds. */
function goals(r) {
  const out = [];
  const add = (goal, value, ok, note = "") => out.push({ goal, value, ok: ok === null ? null : !!ok, note });
  const f = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? "—" : Number(x).toFixed(d));
  const big = r.sizes[r.sizes.length - 1];
  const smallest = r.sizes[0];
  const s = r.synth[big];
  add(`db:synth of ${big} partners ≤ 20 min`, s ? `${f(s.seconds / 60, 1)} min` : "cached (not measured in this run)", s ? s.seconds <= 1200 : null);
  const port = (n) => r.results[n][0];
  add(
    `portfolio p50 at ${big} ≤ 2 × at ${smallest}`,
    `${f(port(big).p50)} ms ÷ ${f(port(smallest).p50)} ms = ${f(port(big).p50 / Math.max(1, port(smallest).p50), 2)}`,
    port(big).p50 / Math.max(1, port(smallest).p50) <= 2,
  );
  if (r.dayChange) {
    const d = r.dayChange;
    add(`day change at ${d.partners}: background refresh ≤ 10 min`, `${f(d.refreshSeconds)} s, ${d.refreshed} partners`, d.finished && d.refreshSeconds <= 600);
    add("day change: sign-in p99 ≤ 3 × quiet", `${f(d.during.p99)} ÷ ${f(d.quiet.p99)} ms = ${f(d.p99Ratio, 2)}`, d.p99Ratio <= 3);
    const worst = Math.max(d.during.max ?? 0, d.portfolioDuring.max ?? 0);
    add("day change: no request waits > 500 ms", `slowest sign-in ${f(d.during.max)} ms, slowest portfolio ${f(d.portfolioDuring.max)} ms`, worst <= 500);
  }
  for (const n of r.sizes)
    add(`dashboard ÷ sign-in throughput ≥ 0.5 (${n} partners)`, f(r.perSize[n].dashboardOverSignIn, 2), r.perSize[n].dashboardOverSignIn >= 0.5);
  const dash = r.results[smallest][1];
  add("dashboard HTML ≤ 100 KB (the 158-line partner)", `${f(dash.htmlBytes / 1024, 1)} KB`, dash.htmlBytes <= 100 * 1024);
  const largeDash = r.results[big][3];
  add(
    `large partner's dashboard ≤ 500 ms (${big} partners)`,
    `first request ${f(largeDash.firstMs)} ms; under load p50 ${f(largeDash.p50)} ms`,
    largeDash.firstMs <= 500 && largeDash.p50 <= 500,
  );
  const typical = r.engine.perPartner["typical partner"] ?? {};
  add("evaluate ≥ 50,000/s (typical partner)", `${f(typical.evaluate?.opsPerSec)}/s`, typical.evaluate?.opsPerSec >= 50_000);
  for (const [name, key] of [
    ["risk date", "projectRisk (365 days)"],
    ["validity", "resultValidUntil (365 days)"],
    ["level history", "levelHistory"],
  ])
    add(`${name} ≤ 200 µs (typical partner)`, `${f(typical[key]?.usPerOp, 1)} µs`, typical[key]?.usPerOp <= 200);
  add("sums exact beyond 2^53 cents (no throw)", r.engine.hugeSumsThrow ? "throws" : "no throw", !r.engine.hugeSumsThrow);
  for (const w of weightRows(r.weight)) {
    add(`first-load JS ≤ 120 kB gzip: ${w.page}`, `${f(w.jsGzip / 1000, 1)} kB`, w.jsGzip <= 120_000);
    if (w.lcpMs !== undefined) add(`LCP ≤ 1.0 s: ${w.page}`, `${f(w.lcpMs)} ms`, w.lcpMs <= 1000);
    if (w.cls !== undefined) add(`CLS ≤ 0.01: ${w.page}`, f(w.cls, 3), w.cls <= 0.01);
  }
  return out;
}

/** The page-weight script's rows: { page, jsGzip, lcpMs, cls }, the worse of its two widths (1280 and 390 px). */
function weightRows(w) {
  const rows = Array.isArray(w) ? w : (w.pages ?? []);
  return rows.map((x) => {
    const widths = Object.values(x.vitals ?? {});
    const worst = (k) => (widths.length ? Math.max(...widths.map((v) => v[k] ?? 0)) : undefined);
    return { page: x.page, htmlBytes: x.htmlBytes, jsGzip: x.jsGzip, lcpMs: worst("lcpMs"), cls: worst("cls") };
  });
}

const report = {
  started,
  seconds,
  connections,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
  sizes,
  synth,
  sizeOnDisk,
  results,
  ratios,
  perSize,
  dayChange: day,
  engine,
  weight,
};
report.goals = goals(report);
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench", "results", "latest.json"), JSON.stringify(report, null, 2) + "\n");
const f1 = (x) => (x === null || x === undefined || Number.isNaN(x) ? "—" : x.toFixed(1));
const md = [
  `# Benchmark, ${started}`,
  "",
  "## Goals (issue 9), all measured in this run",
  "",
  "| goal | measured | holds |",
  "|---|---|:---:|",
  ...report.goals.map((g) => `| ${g.goal} | ${g.value} | ${g.ok === null ? "—" : g.ok ? "yes" : "**no**"} |`),
  "",
  `${report.machine}; autocannon, ${connections} connections, ${seconds} s per endpoint after a 2 s warm-up, \`next start\` on loopback.`,
  "",
  "| endpoint | partners | HTML | first request ms | req/s | mean ms | p50 ms | p97.5 ms | p99 ms | sign-in meanwhile (5/s): p99 / max ms |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...sizes.flatMap((n) =>
    results[n].map(
      (r) =>
        `| ${r.endpoint} | ${n} | ${(r.htmlBytes / 1024).toFixed(1)} KB | ${r.firstMs.toFixed(0)} | ${r.rps.toFixed(1)} | ${r.mean.toFixed(1)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${f1(r.otherSignIn.p99)} / ${f1(r.otherSignIn.max)} |`,
    ),
  ),
  "",
  `| endpoint | partners | mean latency ÷ ${small} | p50 ÷ ${small} | throughput ÷ ${small} |`,
  "|---|---:|---:|---:|---:|",
  ...ratios.map((r) => `| ${r.endpoint} | ${r.partners} | ${r.meanRatio.toFixed(2)} | ${r.p50Ratio.toFixed(2)} | ${r.rpsRatio.toFixed(2)} |`),
  "",
  "| partners | database on disk | synth: insert | synth: evaluate | dashboard ÷ sign-in throughput |",
  "|---:|---:|---:|---:|---:|",
  ...sizes.map(
    (n) =>
      `| ${n} | ${(sizeOnDisk[n] / 1e9).toFixed(2)} GB | ${synth[n] ? `${(synth[n].insertMs / 1000).toFixed(0)} s` : "cached"} | ${synth[n] ? `${(synth[n].evaluateMs / 1000).toFixed(0)} s` : "cached"} | ${perSize[n].dashboardOverSignIn.toFixed(2)} |`,
  ),
  "",
  ...(day
    ? [
        `## Day change at ${day.partners} partners`,
        "",
        `\`npm start\` under faketime from ${day.asOf} 23:59:00; ${day.expiring} stored rows expire on ${day.nextDay}. The sign-in page is asked for ${day.rate} times a second, first for 20 s before midnight (quiet), then for the whole background refresh; the portfolio once a second meanwhile.`,
        "",
        `| | value |`,
        "|---|---:|",
        `| refresh ${day.finished ? "finished" : "NOT finished"} in | ${day.refreshSeconds.toFixed(0)} s (${day.refreshed} partners refreshed, ${day.failed} failed) |`,
        `| sign-in p50 / p99 / max, quiet | ${f1(day.quiet.p50)} / ${f1(day.quiet.p99)} / ${f1(day.quiet.max)} ms |`,
        `| sign-in p50 / p99 / max, during the refresh | ${f1(day.during.p50)} / ${f1(day.during.p99)} / ${f1(day.during.max)} ms (${day.during.requests} requests, ${day.during.errors} errors) |`,
        `| sign-in p99 during ÷ quiet | ${day.p99Ratio.toFixed(2)} |`,
        `| portfolio (1/s) quiet: p50 / max | ${f1(day.portfolioQuiet.p50)} / ${f1(day.portfolioQuiet.max)} ms |`,
        `| portfolio (1/s) during the refresh: p50 / max | ${f1(day.portfolioDuring.p50)} / ${f1(day.portfolioDuring.max)} ms (${day.portfolioDuring.requests} requests; first said ${day.portfolioDuring.firstUpdatingShown ?? "—"} being updated) |`,
        "",
      ]
    : []),
  "## Engine (npm run bench:engine)",
  "",
  `Node ${engine.node}, load average ${engine.loadAverage.map((x) => x.toFixed(2)).join(" ")}; median of 5 slices of ${engine.ms} ms after a warm-up, one core.`,
  "",
  "| partner | function | calls/s | µs per call |",
  "|---|---|---:|---:|",
  ...Object.entries(engine.perPartner).flatMap(([who, fns]) =>
    Object.entries(fns).map(([fn, x]) => `| ${who} | ${fn} | ${x.opsPerSec.toFixed(0)} | ${x.usPerOp.toFixed(1)} |`),
  ),
  "",
  `Large partner (50,000 lines, 2,000 people), the whole dashboard's engine work, three rounds: ${engine.largeRoundsMs.map((x) => `${x.toFixed(0)} ms`).join(", ")}.`,
  "",
  `## Pages (npm run bench:weight, ${small}-partner database)`,
  "",
  "| page | first-load JS gzip | LCP | CLS |",
  "|---|---:|---:|---:|",
  ...weightRows(weight).map(
    (w) =>
      `| ${w.page} | ${(w.jsGzip / 1000).toFixed(1)} kB | ${w.lcpMs === undefined ? "—" : `${Math.round(w.lcpMs)} ms`} | ${w.cls === undefined ? "—" : w.cls.toFixed(3)} |`,
  ),
  "",
].join("\n");
fs.writeFileSync(path.join(root, "bench", "results", "latest.md"), md);
console.log("\n" + md);
console.log("Written to bench/results/latest.json and bench/results/latest.md");
