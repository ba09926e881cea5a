// `npm start`: build when the sources are newer than the last build, migrate and seed the database,
// then serve on PORT (default 3000) through the front server (scripts/server.mjs: Next's handler behind
// the guards that need the socket — client address, methods, body limits, sign-in floods), and run the
// background refresher of stored evaluations beside it.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

function needsBuild() {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  const inputs = [
    "app",
    "components",
    "lib",
    "db",
    "messages",
    "public",
    "next.config.js",
    "proxy.ts",
    "package.json",
    "postcss.config.mjs",
    "tsconfig.json",
    "scripts/security-headers.cjs",
  ];
  return inputs.some((p) => newestMtime(path.join(root, p)) > built);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.env.SKIP_BUILD !== "1" && needsBuild()) {
  console.log("Building the app (sources changed since the last build)…");
  run(bin("next"), ["build"]);
}
run(bin("tsx"), ["--conditions=react-server", path.join(root, "scripts", "db-bootstrap.ts")]);

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "localhost";
console.log(`Serving on http://${host}:${port}`);
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
  stdio: "inherit",
  cwd: root,
  env: { ...process.env, PORT: port, HOST: host },
});

// The background refresher of stored evaluations (lib/server/refresher.ts) runs beside the server in
// its own process, restarted when it dies (after 1 s, then up to 30 s if it keeps dying). REFRESHER=0
// leaves it out (another process or machine runs it).
let stopping = false;
let refresher = null;
let backoff = 1000;
function startRefresher() {
  const startedAt = Date.now();
  // node itself with tsx's loader, so that a signal reaches the refresher and its death is seen here.
  refresher = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(root, "scripts", "refresher.ts")], {
    stdio: "inherit",
    cwd: root,
    env: process.env,
  });
  refresher.on("exit", (code, signal) => {
    refresher = null;
    if (stopping) return;
    if (Date.now() - startedAt > 60_000) backoff = 1000;
    console.error(`The refresher stopped (${signal ?? `exit code ${code}`}); restarting it in ${backoff / 1000} s.`);
    setTimeout(() => {
      if (!stopping) startRefresher();
    }, backoff);
    backoff = Math.min(30_000, backoff * 2);
  });
}
if (process.env.REFRESHER !== "0") startRefresher();

function stop(sig) {
  stopping = true;
  refresher?.kill(sig);
  server.kill(sig);
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => stop(sig));
server.on("exit", (code) => {
  stopping = true;
  if (refresher) {
    refresher.once("exit", () => process.exit(code ?? 0));
    refresher.kill("SIGTERM");
  } else process.exit(code ?? 0);
});
