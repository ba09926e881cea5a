import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-2026";
export const MANAGER = "gerente@demo.example";
export const adminOf = (slug: string) => `admin@${slug}.demo.example`;

/** Signs in through the real form (in whatever language the page is in). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").last().click();
  await expect(page).toHaveURL(/\/(portfolio|partners\/\d+)(\?.*)?$/);
}

/** The partner id in the URL after a partner admin signs in (their home is /partners/ID). */
export function partnerIdFromUrl(page: Page): number {
  const m = /\/partners\/(\d+)/.exec(page.url());
  if (!m) throw new Error(`not on a partner page: ${page.url()}`);
  return Number(m[1]);
}
