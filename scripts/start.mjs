// `npm start`: build when the sources are newer than the last build, migrate and seed the database,
// then serve on PORT (default 3000) through the front server (scripts/server.mjs: Next's handler behind
// the guards that need the socket — client address, methods, body limits, sign-in floods).
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
  const inputs = ["app", "components", "lib", "db", "messages", "public", "next.config.js", "proxy.ts", "package.json", "postcss.config.mjs", "tsconfig.json", "scripts/security-headers.cjs"];
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
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], { stdio: "inherit", cwd: root, env: { ...process.env, PORT: port, HOST: host } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
