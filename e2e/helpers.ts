import { expect, type Locator, type Page } from "@playwright/test";
import { testAddress } from "./actions";
import { generate } from "otplib";

export const DEMO_PASSWORD = "demo-2026";
export const MANAGER = "gerente@demo.example";
/**
 * A channel manager of the e2e seed (cm-1…cm-16@test.example, named like the demo manager, same test
 * secret). A TOTP code works once per account, so each test that signs a manager in uses its own number.
 */
export const manager = (n: number) => `cm-${n}@test.example`;
let managersTaken = 0;
/**
 * A channel manager no other sign-in of this run uses (cm-30…cm-79): each worker takes from its own range,
 * in order, so two tests never present the same account's code in the same 30-second step.
 */
export function nextManager(): string {
  return manager(30 + Number(process.env.TEST_PARALLEL_INDEX ?? 0) * 25 + (managersTaken++ % 25));
}
/** A second channel manager with the same second-factor secret, for tests that switch to English (the choice is saved per user). */
export const MANAGER_EN = "cm-en@test.example";
export const adminOf = (slug: string) => `admin@${slug}.demo.example`;

/** The demo channel manager's second-factor secret in the e2e database (scripts/e2e-seed.ts). */
export const E2E_TOTP_SECRET = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";
export const totpCode = (secret = E2E_TOTP_SECRET) => generate({ secret });
/** The code of the next 30-second step (accepted: one step of clock drift either side), for a second sign-in within one step. */
export const nextTotpCode = (secret = E2E_TOTP_SECRET) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/** Signs in through the real forms (in whatever language the page is in), with the second factor where asked. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  // From an address of its own (the e2e server trusts one proxy), so that other tests' wrong passwords
  // never throttle this sign-in.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": testAddress() });
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").last().click();
  await expect(page).toHaveURL(/\/(portfolio|partners\/\d+|sign-in\/verify)(\?.*)?$/);
  if (page.url().includes("/sign-in/verify")) {
    await page.locator("#code").fill(await totpCode());
    await page.locator("form button[type=submit]").last().click();
    // A code works once: when this account already used the current step's code, use the next step's.
    const home = /\/(portfolio|partners\/\d+)(\?.*)?$/;
    const used = page.locator("#code-error").filter({ hasText: /já foi usado|already used/ });
    await expect.poll(async () => home.test(page.url()) || (await used.isVisible()), { timeout: 15_000 }).toBe(true);
    if (!home.test(page.url())) {
      await page.locator("#code").fill(await nextTotpCode());
      await page.locator("form button[type=submit]").last().click();
    }
    await expect(page).toHaveURL(home);
  }
}

/** The partner id in the URL after a partner admin signs in (their home is /partners/ID). */
export function partnerIdFromUrl(page: Page): number {
  const m = /\/partners\/(\d+)/.exec(page.url());
  if (!m) throw new Error(`not on a partner page: ${page.url()}`);
  return Number(m[1]);
}

/** The partner's data page (records and the import), through its tab; a no-op when already there. */
export async function openData(page: Page): Promise<void> {
  if (/\/partners\/\d+\/data(\?|#|$)/.test(page.url())) return;
  await page.getByTestId("tab-data").click();
  await expect(page).toHaveURL(/\/partners\/\d+\/data(\?|#|$)/);
  await expect(page.getByTestId("tab-data")).toHaveAttribute("aria-current", "page");
}

/** The partner's status page (the dashboard), through its tab; a no-op when already there. */
export async function openStatus(page: Page): Promise<void> {
  if (/\/partners\/\d+(\?|#|$)/.test(page.url())) return;
  await page.getByTestId("tab-status").click();
  await expect(page).toHaveURL(/\/partners\/\d+(\?|#|$)/);
  await expect(page.getByTestId("tab-status")).toHaveAttribute("aria-current", "page");
}

/**
 * Opens a record for editing on the data page: its Edit link puts it in the URL and the server sends its form.
 * Waits for that form (it carries the record's version), so nothing is typed into the add form meanwhile.
 */
export async function openEdit(section: Locator, name: string | RegExp): Promise<void> {
  await section.getByRole("link", { name }).click();
  await expect(section.locator('form input[name="version"]')).toHaveCount(1);
}
