// Issue 11, part 5: guidance names only the exams the partner's rule set accepts on the as-of date, and
// says until when an exam is still accepted. Under V3, MB2-709 counts until 2018-12-31.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

for (const [lang, until, home] of [
  ["pt-BR", "MB2-709 (aceito até 31 de dez. de 2018)", "Português"],
  ["en", "MB2-709 (accepted until 31 Dec 2018)", "English"],
] as const) {
  test(`${lang}: V3 guidance names MB2-709 with its end date in 2018 and never after`, async ({ page }) => {
    await signIn(page, `guide-${lang.toLowerCase()}@test.example`);
    await page.getByRole("button", { name: home }).click();
    const id = /\/partners\/(\d+)/.exec(page.url())![1];

    // As of mid-2018 the exam still counts: the Silver slot that needs group A names it, with its end date.
    await page.goto(`/partners/${id}?asOf=2018-06-01`);
    const slot = page.getByTestId("slot-silver-1");
    await expect(slot).toContainText(until);
    await expect(page.getByTestId("level-gold")).toContainText("MB2-717");

    // Today (2026) the rule set no longer accepts it: no slot, checklist or plan names it.
    await page.goto(`/partners/${id}`);
    await expect(page.getByTestId("slot-silver-1")).toContainText("MB2-714");
    await expect(page.getByTestId("level-silver")).not.toContainText("MB2-709");
    await expect(page.getByTestId("level-gold")).not.toContainText("MB2-709");
  });
}
