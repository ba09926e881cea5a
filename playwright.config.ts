import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import { chromium } from "@playwright/test";

/** Playwright's own Chromium where installed, else Debian's `chromium`; a clear message when neither exists. */
function browserExecutable(): string | undefined {
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return undefined; // Playwright finds its own
  } catch {
    /* not installed */
  }
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (p && fs.existsSync(p)) return p;
  }
  throw new Error(
    "No Chromium found for the browser tests. Install Debian's package (`apt-get install -y chromium`) " + "or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
}

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://localhost:${PORT}`;

/** The test SMTP server (e2e/smtp-server.ts) listens here; the app sends its e-mail to it. */
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 25);

export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/smtp-server.ts",
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    locale: "pt-BR",
    trace: "off",
    launchOptions: {
      executablePath: browserExecutable(),
      args: [
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /bursts\.spec\.ts$/ },
    // Bursts of parallel guesses and a flood of sign-ins fill the password-hash pool: they run alone, last.
    { name: "bursts", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /bursts\.spec\.ts$/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${BASE_URL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      SKIP_BUILD: "1",
      DATABASE_PATH: process.env.E2E_DATABASE_PATH ?? "./data/e2e.db",
      // As behind one reverse proxy at the app's public address: tests pick their client address with
      // X-Forwarded-For (e2e/front-default.spec.ts runs a server without these).
      TRUST_PROXY: "1",
      APP_ORIGIN: BASE_URL,
      // The suite signs in faster than people do (two workers, sessions made by API calls): a higher
      // average rate than the default 10/s; floods are still cut by the in-flight bound (e2e/bursts.spec.ts).
      PASSWORD_REQUESTS_PER_SECOND: "200",
      NEXT_TELEMETRY_DISABLED: "1",
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_FROM: "Competency Tracker <tracker@test.example>",
      APP_URL: BASE_URL,
    },
  },
});
