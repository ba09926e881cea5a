import { expect, test } from "@playwright/test";
import { LANGS, W, loopAdmin, signInAdmin, signInManager, submit } from "./loop-helpers";
import { DEMO_PASSWORD, signIn } from "./helpers";
import { mailsTo } from "./mailbox";

// Accounts in the app (issue 12): disabling an admin ends their session; a new temporary password and a
// forgotten-password link each work once and only once.

async function tryPassword(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").last().click();
}

for (const lang of LANGS) {
  test.describe(`accounts (${lang})`, () => {
    test("disabling an admin ends their session; enabling lets them back in", async ({ browser }) => {
      const email = loopAdmin("disable", lang);
      // An address of its own: the refused sign-ins below must not slow down other tests' sign-ins from this machine.
      const admin = await browser.newPage({ extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${lang === "en" ? 81 : 80}` } });
      const partnerId = await signInAdmin(admin, email);

      const page = await browser.newPage();
      await signInManager(page, lang);
      await page.goto(`/partners/${partnerId}`);
      const account = page.locator(`[data-testid="admin-account"][data-email="${email}"]`);
      await expect(account.getByTestId("last-sign-in")).not.toHaveText(lang === "en" ? "Never signed in" : "Nunca acessou");
      page.once("dialog", (d) => void d.accept());
      await account.getByTestId("disable-admin").click();
      await expect(account.getByTestId("admin-disabled")).toBeVisible();

      await admin.reload();
      await expect(admin).toHaveURL(/\/sign-in/);
      await tryPassword(admin, email, DEMO_PASSWORD);
      await expect(admin.getByTestId("form-error")).toHaveText(new RegExp(`${W["pt-BR"].wrongPassword}|${W.en.wrongPassword}`));

      await account.getByTestId("enable-admin").click();
      await expect(account.getByTestId("admin-disabled")).toHaveCount(0);
      await signIn(admin, email);
      await expect(admin).toHaveURL(new RegExp(`/partners/${partnerId}`));
      await admin.close();
      await page.close();
    });

    test("a password reset gives a temporary password, shown once with a copy button, that works once", async ({ browser }) => {
      const email = loopAdmin("reset", lang);
      const admin = await browser.newPage({ extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${lang === "en" ? 83 : 82}` } });
      const partnerId = await signInAdmin(admin, email);
      const page = await browser.newPage();
      await signInManager(page, lang);
      await page.goto(`/partners/${partnerId}`);
      const account = page.locator(`[data-testid="admin-account"][data-email="${email}"]`);
      page.once("dialog", (d) => void d.accept());
      await account.getByTestId("reset-password").click();
      const value = account.getByTestId("temporary-password-value");
      await expect(value).toHaveText(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
      await expect(account.getByTestId("copy-password")).toBeVisible();
      const temporary = (await value.textContent())!;
      // Shown once: a reload does not show it again.
      await page.reload();
      await expect(page.getByTestId("temporary-password-value")).toHaveCount(0);

      // The admin's session ended; the old password no longer works; the temporary one does, once.
      await admin.reload();
      await expect(admin).toHaveURL(/\/sign-in/);
      await tryPassword(admin, email, DEMO_PASSWORD);
      await expect(admin.getByTestId("form-error")).toBeVisible();
      await tryPassword(admin, email, temporary);
      await expect(admin).toHaveURL(/\/account\/password/);
      const form = admin.locator("form").filter({ has: admin.locator('input[name="current"]') });
      await form.locator('input[name="current"]').fill(temporary);
      await form.locator('input[name="next"]').fill(`new-password-${lang}-1`);
      await form.locator('input[name="confirm"]').fill(`new-password-${lang}-1`);
      await form.locator("button[type=submit]").click();
      await expect(admin).toHaveURL(new RegExp(`/partners/${partnerId}`));
      await admin.context().clearCookies();
      await tryPassword(admin, email, temporary);
      await expect(admin.getByTestId("form-error")).toBeVisible();
      await signIn(admin, email, `new-password-${lang}-1`);
      await expect(admin).toHaveURL(new RegExp(`/partners/${partnerId}`));
      await admin.close();
      await page.close();
    });

    test("a forgotten-password link arrives by e-mail and works once and only once", async ({ browser }) => {
      const email = loopAdmin("forgot", lang);
      const page = await browser.newPage({
        locale: lang === "en" ? "en-US" : "pt-BR",
        extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${lang === "en" ? 91 : 90}` },
      });
      await page.goto("/sign-in");
      await page.getByRole("link", { name: lang === "en" ? "Forgot your password?" : "Esqueceu a senha?" }).click();
      await expect(page).toHaveURL(/\/sign-in\/forgot/);
      // The same answer for an unknown address.
      await page.locator("#forgot-email").fill(`nobody-${lang}@nowhere.example`);
      await submit(page.getByTestId("forgot-form"));
      const answer = (await page.getByTestId("form-message").textContent())!;
      await page.locator("#forgot-email").fill(email);
      await submit(page.getByTestId("forgot-form"));
      await expect(page.getByTestId("form-message")).toHaveText(answer);

      await expect.poll(() => mailsTo(email).length, { timeout: 15_000 }).toBeGreaterThan(0);
      const mail = mailsTo(email).at(-1)!;
      expect(mail.subject).toContain(lang === "en" ? "Choose a new password" : "Escolha uma nova senha");
      const link = /https?:\/\/\S+\/sign-in\/reset\?token=\S+/.exec(mail.text)![0];
      await page.goto(link);
      const form = page.getByTestId("reset-form");
      await form.locator('input[name="next"]').fill(`forgotten-${lang}-pass`);
      await form.locator('input[name="confirm"]').fill(`forgotten-${lang}-pass`);
      await form.locator("button[type=submit]").click();
      await expect(page.getByTestId("reset-done")).toBeVisible();
      await signIn(page, email, `forgotten-${lang}-pass`);
      await expect(page).toHaveURL(/\/partners\/\d+/);
      // Used once: the same link is refused.
      await page.goto(link);
      await expect(page.getByTestId("link-invalid")).toBeVisible();
      await page.close();
    });
  });
}

test("resetting a channel manager's second factor takes a second manager's confirmation", async ({ browser }) => {
  const asker = await browser.newPage();
  await signInManager(asker, "pt-BR");
  await asker.goto("/accounts");
  const target = (p: import("@playwright/test").Page) => p.locator('[data-testid="manager-account"][data-email="cm-mfa-target@test.example"]');
  await target(asker).getByTestId("request-mfa-reset").click();
  await expect(target(asker).getByTestId("pending-reset")).toBeVisible();
  await expect(target(asker).getByTestId("confirm-mfa-reset")).toHaveCount(0); // not by the one who asked

  const second = await browser.newPage();
  await signIn(second, "cm-mfa-second@test.example");
  await second.goto("/accounts");
  await target(second).getByTestId("confirm-mfa-reset").click();
  await expect(target(second).getByTestId("pending-reset")).toHaveCount(0);
  await expect(target(second).getByTestId("totp-state")).toHaveText("segundo fator não configurado");

  // The target signs in with the password and must enrol again.
  const t = await browser.newPage();
  await t.goto("/sign-in");
  await t.locator("#email").fill("cm-mfa-target@test.example");
  await t.locator("#password").fill(DEMO_PASSWORD);
  await t.locator("form button[type=submit]").last().click();
  await expect(t).toHaveURL(/\/account\/two-factor/);
  await asker.close();
  await second.close();
  await t.close();
});
