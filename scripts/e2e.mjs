// `npm run test:e2e`: a production build, a fresh test database, then Playwright in a real Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (n) => path.join(root, "node_modules", ".bin", n);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const dbPath = path.join(root, "data", "e2e.db");
env.E2E_DATABASE_PATH = dbPath;

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env: { ...env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(bin("next"), ["build"]);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
// The demo seed plus one scratch partner per test that writes, so tests never share mutable data.
run(bin("tsx"), ["--conditions=react-server", path.join(root, "scripts", "e2e-seed.ts")], { DATABASE_PATH: dbPath });
run(bin("playwright"), ["test", ...process.argv.slice(2)]);
