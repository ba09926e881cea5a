// npm run bench:flood -- [--rounds 8] [--flood 300] [--quiet 300] [--port 3410] [--unguarded]
// The sign-in page's latency while the server is flooded with sign-ins (issue 10, finding 3). Serves the
// production build through the front server (scripts/server.mjs, as `npm start` does) on loopback with a
// fresh database, TRUST_PROXY=1 and a different X-Forwarded-For per flood request — the attacker's best
// case, many addresses, so the per-address throttle does not stop the flood and only the bounds on
// password hashing (the front's in-flight limit and the app's hash pool) do.
//   quiet: --quiet GET /sign-in one after another, nothing else running;
//   flood: --rounds times, --flood parallel sign-ins with different unknown emails, while GET /sign-in
//          runs one after another on its own connection until the round's last sign-in has its answer.
// Reports p50/p99 of both and the answers to the flood; the goal is flood p99 <= 3 x quiet p99.
// --unguarded lifts both bounds (for comparison: what the flood did before the fix).
// Writes bench/results/flood[-unguarded].{json,md}. Not a test: figures depend on the machine.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (n) => path.join(root, "node_modules", ".bin", n);
const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "8" },
    flood: { type: "string", default: "300" },
    quiet: { type: "string", default: "300" },
    port: { type: "string", default: "3410" },
    unguarded: { type: "boolean", default: false },
    // internal: run one flood in a child process (so the flood's client work does not delay the sampler's clock)
    "child-flood": { type: "string" },
    "child-seq": { type: "string", default: "0" },
  },
});
const rounds = Number(values.rounds);
const floodSize = Number(values.flood);
const quietSamples = Number(values.quiet);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;

const isChild = values["child-flood"] !== undefined;
if (!isChild && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
const server = isChild ? null : startServer();
function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cct-flood-"));
  const dbFile = path.join(dir, "app.db");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_PATH: dbFile, SEED_DEMO: "0" };
  const boot = spawnSync(bin("tsx"), ["--conditions=react-server", path.join(root, "scripts", "db-bootstrap.ts")], { cwd: root, env, encoding: "utf8" });
  if (boot.status !== 0) throw new Error(`db-bootstrap failed: ${boot.stderr}`);

  const guards = values.unguarded
    ? { PASSWORD_HASH_CONCURRENCY: "100000", PASSWORD_HASH_QUEUE: "0", PASSWORD_REQUESTS_IN_FLIGHT: "100000", PASSWORD_REQUESTS_PER_SECOND: "100000" }
    : {};
  return spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", TRUST_PROXY: "1", ...guards },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
const stopServer = () => {
  try {
    server?.kill("SIGTERM");
  } catch {
    /* gone */
  }
};
process.on("exit", stopServer);

const sampler = new http.Agent({ keepAlive: true, maxSockets: 1 });
const flooder = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function request(opts, body) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: "127.0.0.1", port, ...opts }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8"), ms: Number(process.hrtime.bigint() - started) / 1e6 }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const getSignIn = () => request({ path: "/sign-in", agent: sampler });

const actionId = (() => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8"));
  return Object.entries(manifest.node).find(([, v]) => v.exportedName === "signInAction")[0];
})();

let floodSeq = Number(values["child-seq"]);
function signIn() {
  const n = floodSeq++;
  const boundary = `----flood${n}`;
  const field = (name, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = field("_1_email", `flood-${n}@nowhere.example`) + field("_1_password", "not-the-password") + field("0", '[{},"$K1"]') + `--${boundary}--\r\n`;
  return request(
    {
      method: "POST",
      path: "/sign-in",
      agent: flooder,
      headers: {
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Content-Length": Buffer.byteLength(body),
        "Next-Action": actionId,
        Accept: "text/x-component",
        Origin: base,
        "X-Forwarded-For": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      },
    },
    body,
  ).catch((err) => ({ status: 0, body: String(err), ms: 0, error: err.code ?? String(err) }));
}

function outcome(r) {
  if (r.status === 429) return "429 at the front";
  if (r.status === 200 && r.body.includes('"error":"busy"')) return "busy (hash pool full)";
  if (r.status === 200 && r.body.includes('"error":"invalid"')) return "verified (wrong password)";
  if (r.status === 200 && r.body.includes('"error":"throttled"')) return "throttled";
  return r.status === 0 ? `no answer (${r.error})` : `other ${r.status}`;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const stats = (xs) => ({ samples: xs.length, p50: +pct(xs, 50).toFixed(1), p99: +pct(xs, 99).toFixed(1), max: +Math.max(...xs).toFixed(1) });

const loadBefore = os.loadavg()[0].toFixed(1);

async function main() {
  for (let i = 0; ; i++) {
    try {
      if ((await getSignIn()).status === 200) break;
    } catch {
      /* not up yet */
    }
    if (i > 240) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  for (let i = 0; i < 50; i++) await getSignIn(); // warm-up
  await Promise.all(Array.from({ length: 4 }, signIn)); // warm up the action path too

  const quiet = [];
  for (let i = 0; i < quietSamples; i++) {
    const r = await getSignIn();
    if (r.status !== 200) throw new Error(`GET /sign-in answered ${r.status}`);
    quiet.push(r.ms);
  }
  console.log(`quiet: ${JSON.stringify(stats(quiet))}`);

  const during = [];
  const answers = {};
  const roundsOut = [];
  for (let round = 0; round < rounds; round++) {
    const started = Date.now();
    let done = false;
    const flood = runChildFlood(round * floodSize + 1000).finally(() => {
      done = true;
    });
    const samples = [];
    while (!done) {
      const r = await getSignIn();
      if (r.status !== 200) throw new Error(`GET /sign-in answered ${r.status} during the flood`);
      samples.push(r.ms);
    }
    const counts = await flood;
    for (const [k, v] of Object.entries(counts)) answers[k] = (answers[k] ?? 0) + v;
    during.push(...samples);
    roundsOut.push({ round: round + 1, ms: Date.now() - started, pageSamples: samples.length, pageMaxMs: +Math.max(...samples).toFixed(1), answers: counts });
    console.log(
      `round ${round + 1}: ${Date.now() - started} ms, ${samples.length} page loads (max ${Math.max(...samples).toFixed(1)} ms), ${JSON.stringify(counts)}`,
    );
    await new Promise((r) => setTimeout(r, 300)); // let the round's stragglers finish
  }
  const q = stats(quiet);
  const f = stats(during);
  const ratio = +(f.p99 / q.p99).toFixed(2);
  const report = {
    started: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${loadBefore} before / ${os.loadavg()[0].toFixed(1)} after (machine shared)`,
    guards: values.unguarded ? "lifted (--unguarded)" : "on (defaults)",
    floodSize,
    rounds,
    quiet: q,
    duringFlood: f,
    p99Ratio: ratio,
    goal: "p99 during the flood <= 3 x quiet p99",
    met: ratio <= 3,
    floodAnswers: answers,
    rounds_: roundsOut,
  };
  const name = values.unguarded ? "flood-unguarded" : "flood";
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", `${name}.json`), JSON.stringify(report, null, 2) + "\n");
  const md = [
    `# Sign-in flood, ${report.started}`,
    "",
    `${report.machine}; \`scripts/server.mjs\` on loopback, TRUST_PROXY=1, guards ${report.guards}. ` +
      `${rounds} rounds of ${floodSize} parallel sign-ins (different unknown emails and X-Forwarded-For), GET /sign-in one after another meanwhile.`,
    "",
    "| GET /sign-in | samples | p50 ms | p99 ms | max ms |",
    "|---|---:|---:|---:|---:|",
    `| quiet | ${q.samples} | ${q.p50} | ${q.p99} | ${q.max} |`,
    `| during the flood | ${f.samples} | ${f.p50} | ${f.p99} | ${f.max} |`,
    "",
    `p99 during the flood / quiet p99 = **${ratio}** (goal ≤ 3: ${ratio <= 3 ? "met" : "NOT met"}).`,
    "",
    "| answers to the flood | count |",
    "|---|---:|",
    ...Object.entries(answers).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "| round | ms | page loads | slowest page ms |",
    "|---:|---:|---:|---:|",
    ...roundsOut.map((r) => `| ${r.round} | ${r.ms} | ${r.pageSamples} | ${r.pageMaxMs} |`),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(root, "bench", "results", `${name}.md`), md);
  console.log(md);
}

/** One flood in a child process; resolves with the count of each kind of answer. */
function runChildFlood(seq) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [new URL(import.meta.url).pathname, "--child-flood", String(floodSize), "--child-seq", String(seq), "--port", String(port)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`flood child exited with ${code}`))));
  });
}

async function child() {
  const results = await Promise.all(Array.from({ length: Number(values["child-flood"]) }, signIn));
  const counts = {};
  for (const r of results) counts[outcome(r)] = (counts[outcome(r)] ?? 0) + 1;
  process.stdout.write(JSON.stringify(counts));
}

if (isChild)
  child().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
else
  main().then(
    () => {
      stopServer();
      process.exit(0);
    },
    (err) => {
      console.error(err);
      stopServer();
      process.exit(1);
    },
  );
