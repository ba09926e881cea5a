import { expect, test } from "@playwright/test";
import { MANAGER, adminOf, manager, partnerIdFromUrl, signIn } from "./helpers";

test.describe("sign-in and roles", () => {
  test("a channel manager signs in and sees every partner with its level", async ({ page }) => {
    await signIn(page, manager(1));
    await expect(page).toHaveURL(/\/portfolio$/);
    await expect(page.getByRole("heading", { name: "Carteira de parceiros" })).toBeVisible();
    await page.goto("/portfolio?size=100"); // every partner on one page
    const estrela = page.getByTestId("portfolio-row").filter({ hasText: "Estrela Cloud" });
    await expect(estrela).toContainText("Gold");
    await expect(page.getByTestId("portfolio-row").filter({ hasText: "Aurora Sistemas" })).toContainText("Sem nível");
    await expect(page.getByTestId("portfolio-row").filter({ hasText: "Gaia Integradores" })).toContainText("Silver");
  });

  test("a partner admin lands on their partner's status with Silver and Gold in words", async ({ page }) => {
    await signIn(page, adminOf("delta"));
    await expect(page).toHaveURL(/\/partners\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Delta CRM Partners");
    await expect(page.getByTestId("current-level")).toHaveText("Silver");
    await expect(page.getByTestId("level-gold")).toContainText("Gold: não alcançado");
    await expect(page.getByTestId("level-gold")).toContainText("Falta 1 aprovação em exame.");
    await expect(page.getByTestId("level-gold")).toContainText("Davi Souza é aprovado(a) em um dos exames MB2-712, MB2-707");
  });

  test("a wrong password is refused with the same message as an unknown email", async ({ page }) => {
    await page.goto("/sign-in");
    await page.locator("#email").fill(MANAGER);
    await page.locator("#password").fill("wrong-password");
    await page.locator("form button[type=submit]").last().click();
    await expect(page.getByTestId("form-error")).toHaveText("E-mail ou senha incorretos.");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.locator("#email").fill("nobody@nowhere.example");
    await page.locator("#password").fill("whatever-it-is");
    await page.locator("form button[type=submit]").last().click();
    await expect(page.getByTestId("form-error")).toHaveText("E-mail ou senha incorretos.");
  });

  test("empty fields get a message per field", async ({ page }) => {
    await page.goto("/sign-in");
    await page.locator("form button[type=submit]").last().click();
    await expect(page.locator("#email-error")).toHaveText("Informe seu e-mail.");
    await expect(page.locator("#password-error")).toHaveText("Informe sua senha.");
    await expect(page.locator("#email")).toHaveAttribute("aria-invalid", "true");
  });

  test("sign-out ends the session on the server: the old cookie no longer works", async ({ page, context }) => {
    await signIn(page, manager(2));
    const before = (await context.cookies()).find((c) => c.name === "session");
    expect(before?.httpOnly).toBe(true);
    expect(before?.sameSite).toBe("Lax");
    await page.getByRole("button", { name: "Sair" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    // Replaying the old token must not get in.
    await context.addCookies([{ ...before!, expires: -1 }]);
    await page.goto("/portfolio");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("each sign-in issues a new session token", async ({ page, context }) => {
    await signIn(page, manager(3));
    const first = (await context.cookies()).find((c) => c.name === "session")?.value;
    await page.getByRole("button", { name: "Sair" }).click();
    await signIn(page, manager(3));
    const second = (await context.cookies()).find((c) => c.name === "session")?.value;
    expect(first).toBeTruthy();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
  });

  test("the language switch changes every string and the money format, and is remembered", async ({ page }) => {
    await signIn(page, adminOf("estrela"));
    await expect(page.getByTestId("level-silver")).toContainText("US$ 350.000,00");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByTestId("level-silver")).toContainText("Silver: achieved");
    await expect(page.getByTestId("level-silver")).toContainText("$350,000.00");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.getByRole("button", { name: "Português" }).click();
    await expect(page.getByRole("button", { name: "Sair" })).toBeVisible();
  });

  test("Accept-Language picks English for a visitor without a choice", async ({ browser }) => {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await ctx.close();
  });

  test("a partner admin cannot open another partner's page or the portfolio", async ({ page }) => {
    await signIn(page, adminOf("aurora"));
    const own = partnerIdFromUrl(page);
    for (const other of [own + 1, own + 4]) {
      const res = await page.goto(`/partners/${other}`);
      expect(res?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Acesso negado" })).toBeVisible();
      await expect(page.locator("body")).not.toContainText("Boreal");
    }
    const res = await page.goto("/portfolio");
    expect(res?.status()).toBe(403);
  });

  test("pages need a session", async ({ page }) => {
    for (const p of ["/portfolio", "/partners/1", "/"]) {
      await page.goto(p);
      await expect(page).toHaveURL(/\/sign-in/);
    }
  });
});
