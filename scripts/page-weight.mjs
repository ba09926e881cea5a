// npm run bench:weight -- [--db ./data/bench-100.db] [--port 3320]
// What each page sends: HTML bytes (raw and gzip) and first-load JavaScript (the gzip size of every
// script the page's HTML loads), against `next start` on loopback with a synthetic database
// (`npm run db:synth`): the sign-in page, the portfolio, the largest partner's dashboard and report,
// the password page. Writes bench/results/page-weight.{json,md}. Needs a build (`npm run build`).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (n) => path.join(root, "node_modules", ".bin", n);
const { values } = parseArgs({ options: { db: { type: "string", default: "./data/bench-100.db" }, port: { type: "string", default: "3320" } } });
const file = path.resolve(root, values.db);
if (!fs.existsSync(file)) {
  console.error(`no database ${file}: run npm run db:synth -- --partners 100 --db ${values.db}`);
  process.exit(2);
}
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_PATH: file, SEED_DEMO: "0" };
const base = `http://127.0.0.1:${values.port}`;

function session(email) {
  const r = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/bench-session.ts", email], { cwd: root, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

async function waitFor(url, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const scriptCache = new Map();
async function scriptBytes(src) {
  if (!scriptCache.has(src)) scriptCache.set(src, Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()));
  return scriptCache.get(src);
}

/** The largest partner (by revenue lines) of the database: the heaviest dashboard. */
function largestPartner() {
  const r = spawnSync(
    "node",
    [
      "-e",
      `
    const db = require("better-sqlite3")(process.argv[1], { readonly: true });
    console.log(JSON.stringify(db.prepare("select p.id, count(r.id) lines, (select count(*) from individuals i where i.partner_id = p.id) people from partners p left join revenue_lines r on r.partner_id = p.id group by p.id order by lines desc limit 1").get()));
  `,
      file,
    ],
    { cwd: root, encoding: "utf8" },
  );
  return JSON.parse(r.stdout);
}

async function weigh(name, url, cookie) {
  const res = await fetch(base + url, { headers: cookie ? { Cookie: `session=${cookie}` } : {}, redirect: "manual" });
  const html = Buffer.from(await res.arrayBuffer());
  // Scripts a modern browser runs (the noModule polyfills are skipped by it).
  const srcs = [...html.toString("utf8").matchAll(/<script([^>]+)>/g)]
    .filter((m) => !/noModule/i.test(m[1]))
    .map((m) => /src="([^"]+)"/.exec(m[1])?.[1])
    .filter(Boolean);
  let js = 0;
  let jsRaw = 0;
  for (const s of new Set(srcs)) {
    const b = await scriptBytes(s);
    js += gzip(b);
    jsRaw += b.length;
  }
  return { page: name, url, status: res.status, htmlBytes: html.length, htmlGzip: gzip(html), scripts: new Set(srcs).size, jsGzip: js, jsRaw };
}

const server = spawn(bin("next"), ["start", "-p", values.port, "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
try {
  await waitFor(`${base}/sign-in`);
  const manager = session("bench-manager@synthetic.example");
  const big = largestPartner();
  const pages = [
    ["sign-in", "/sign-in", null],
    ["portfolio", "/portfolio", manager.token],
    [`dashboard (${big.lines} lines, ${big.people} people), as channel manager`, `/partners/${big.id}`, manager.token],
    ["partner report", `/partners/${big.id}/report`, manager.token],
    ["new partner", "/partners/new", manager.token],
    ["password", "/account/password", manager.token],
  ];
  const admin = session("bench-admin@synthetic.example");
  pages.push([`dashboard (first partner), as its admin`, `/partners/${admin.partnerId}`, admin.token]);
  const out = [];
  for (const [name, url, cookie] of pages) out.push(await weigh(name, url, cookie));
  const kb = (n) => (n / 1024).toFixed(1);
  const md = [
    `# Page weight (${new Date().toISOString().slice(0, 10)}, ${path.basename(file)})`,
    "",
    "| page | status | HTML | HTML gzip | first-load JS gzip (scripts) |",
    "|---|---|---|---|---|",
    ...out.map((r) => `| ${r.page} | ${r.status} | ${kb(r.htmlBytes)} KB | ${kb(r.htmlGzip)} KB | ${kb(r.jsGzip)} kB (${r.scripts}) |`),
    "",
  ].join("\n");
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "page-weight.json"), JSON.stringify(out, null, 2) + "\n");
  fs.writeFileSync(path.join(root, "bench", "results", "page-weight.md"), md);
  console.log(md);
} finally {
  process.kill(-server.pid, "SIGTERM");
}
