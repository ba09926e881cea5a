// npm run bench:weight -- [--db ./data/bench-100.db] [--port 3320] [--loads 5] [--no-browser]
// What each page sends and how fast it appears, against `next start` on loopback with a synthetic
// database (`npm run db:synth`), for every page route (the largest partner's dashboard among them):
// - HTML bytes (raw and gzip) and first-load JavaScript: the gzip size of every script the page's HTML
//   loads (target: at most 120 kB, 1 kB = 1024 bytes);
// - in Chromium (Playwright, /usr/bin/chromium unless CHROMIUM_PATH says otherwise), at 1280 px and
//   390 px wide, the median of --loads loads of the page in one browser context (the first one with an
//   empty cache): LCP (the last 'largest-contentful-paint' entry; target: at most 1000 ms) and CLS (the
//   sum of the 'layout-shift' entries without recent input, counted until the page has been quiet for
//   a second after load; target: at most 0.01).
// Writes bench/results/page-weight.{json,md} with pass/fail per page. Needs a build (`npm run build`).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (n) => path.join(root, "node_modules", ".bin", n);
const { values } = parseArgs({
  options: {
    db: { type: "string", default: "./data/bench-100.db" },
    port: { type: "string", default: "3320" },
    loads: { type: "string", default: "5" },
    "no-browser": { type: "boolean", default: false },
  },
});
const TARGET = { jsKB: 120, lcpMs: 1000, cls: 0.01 };
const VIEWPORTS = [
  { name: "1280", width: 1280, height: 800 },
  { name: "390", width: 390, height: 844 },
];
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

function chromiumPath() {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (p && fs.existsSync(p)) return p;
  return undefined; // Playwright's own
}

// Installed before any script of the page: collects LCP and layout shifts from the start (buffered).
const OBSERVE = () => {
  const w = /** @type {any} */ (window);
  w.__vitals = { lcp: 0, cls: 0, shifts: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__vitals.lcp = e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of /** @type {any[]} */ (list.getEntries())) {
      if (e.hadRecentInput) continue;
      w.__vitals.cls += e.value;
      w.__vitals.shifts.push({
        t: Math.round(e.startTime),
        value: e.value,
        nodes: (e.sources ?? []).map((s) =>
          s.node ? `${s.node.nodeName}${s.node.id ? "#" + s.node.id : ""}.${String(s.node.className ?? "").slice(0, 40)}` : "?",
        ),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
};

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

/** LCP and CLS of one page at one width: the median of `loads` loads in one context (the first cold). */
async function vitals(browser, url, cookie, vp, loads) {
  const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, timezoneId: "America/Sao_Paulo" });
  if (cookie) await context.addCookies([{ name: "session", value: cookie, url: base }]);
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  const runs = [];
  for (let i = 0; i < loads; i++) {
    await page.goto(base + url, { waitUntil: "load" });
    // Late shifts (hydration, the time-zone sync's refresh, banners) count: wait for a quiet second.
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    runs.push(await page.evaluate(() => /** @type {any} */ (window).__vitals));
  }
  await context.close();
  return {
    lcpMs: Math.round(median(runs.map((r) => r.lcp))),
    cls: Number(median(runs.map((r) => r.cls)).toFixed(4)),
    clsMax: Number(Math.max(...runs.map((r) => r.cls)).toFixed(4)),
    lcpRuns: runs.map((r) => Math.round(r.lcp)),
    shifts: runs.flatMap((r) => r.shifts).slice(0, 10),
  };
}

const server = spawn(bin("next"), ["start", "-p", values.port, "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
try {
  await waitFor(`${base}/sign-in`);
  const manager = session("bench-manager@synthetic.example");
  const big = largestPartner();
  const admin = session("bench-admin@synthetic.example");
  const m = manager.token;
  const a = admin.token;
  const pages = [
    ["sign-in", "/sign-in", null],
    ["forgot password", "/sign-in/forgot", null],
    ["portfolio", "/portfolio", m],
    ["portfolio report", "/portfolio/report", m],
    ["rule-set impact", "/portfolio/impact", m],
    ["review queue", "/review-queue", m],
    ["audit log", "/audit", m],
    ["accounts", "/accounts", m],
    ["notifications", "/notifications", m],
    [`dashboard (${big.lines} lines, ${big.people} people), as channel manager`, `/partners/${big.id}`, m],
    ["partner report", `/partners/${big.id}/report`, m],
    ["new partner", "/partners/new", m],
    ["password", "/account/password", m],
    ["preferences", "/account/preferences", m],
    ["notification settings", "/account/notifications", m],
    ["two-factor", "/account/two-factor", m],
    ["dashboard (first partner), as its admin", `/partners/${admin.partnerId}`, a],
    ["what-if planner, as admin", `/partners/${admin.partnerId}/what-if`, a],
    ["partner audit, as admin", `/partners/${admin.partnerId}/audit`, a],
  ];
  const out = [];
  for (const [name, url, cookie] of pages) out.push(await weigh(name, url, cookie));

  if (!values["no-browser"]) {
    const { chromium } = await import("@playwright/test");
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-dev-shm-usage"] });
    try {
      for (const [i, [, url, cookie]] of pages.entries()) {
        if (out[i].status !== 200) continue;
        out[i].vitals = {};
        for (const vp of VIEWPORTS) out[i].vitals[vp.name] = await vitals(browser, url, cookie, vp, Number(values.loads));
      }
    } finally {
      await browser.close();
    }
  }

  const kb = (n) => (n / 1024).toFixed(1);
  for (const r of out) {
    const v = r.vitals ? Object.values(r.vitals) : [];
    r.pass = {
      js: r.jsGzip <= TARGET.jsKB * 1024,
      lcp: v.length ? v.every((x) => x.lcpMs <= TARGET.lcpMs) : null,
      cls: v.length ? v.every((x) => x.cls <= TARGET.cls) : null,
    };
  }
  const ok = (b) => (b === null ? "–" : b ? "pass" : "**fail**");
  const vit = (r, w) => (r.vitals ? `${r.vitals[w].lcpMs} ms / ${r.vitals[w].cls}` : "–");
  const md = [
    `# Page weight (${new Date().toISOString().slice(0, 10)}, ${path.basename(file)})`,
    "",
    `Targets: first-load JS ≤ ${TARGET.jsKB} kB gzip (1 kB = 1024 B), LCP ≤ ${TARGET.lcpMs} ms, CLS ≤ ${TARGET.cls} (Chromium on loopback, median of ${values.loads} loads, the first with an empty cache).`,
    "",
    "| page | status | HTML | HTML gzip | first-load JS gzip (scripts) | JS | LCP / CLS 1280 px | LCP / CLS 390 px | LCP | CLS |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...out.map(
      (r) =>
        `| ${r.page} | ${r.status} | ${kb(r.htmlBytes)} KB | ${kb(r.htmlGzip)} KB | ${kb(r.jsGzip)} kB (${r.scripts}) | ${ok(r.pass.js)} | ${vit(r, "1280")} | ${vit(r, "390")} | ${ok(r.pass.lcp)} | ${ok(r.pass.cls)} |`,
    ),
    "",
  ].join("\n");
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "page-weight.json"), JSON.stringify({ targets: TARGET, pages: out }, null, 2) + "\n");
  fs.writeFileSync(path.join(root, "bench", "results", "page-weight.md"), md);
  console.log(md);
} finally {
  process.kill(-server.pid, "SIGTERM");
}
