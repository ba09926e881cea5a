import { expect, test } from "@playwright/test";
import { openTestDb } from "./actions";
import { signIn, nextManager } from "./helpers";

// Issue 11, part 3: a rule-set or market change is previewed, confirmed, and then seen by the partner's
// admin. Scratch partners E2E Lote 5 (pt-BR) and 6 (English): V2, developing market, Silver through
// MB2-709 (which V3 stopped accepting after 2018) and US$ 60,000 of revenue.

async function openPartner(page: import("@playwright/test").Page, name: string) {
  await page.goto(`/portfolio?q=${encodeURIComponent(name)}&size=10`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(/\/partners\/\d+$/);
  return Number(/\/partners\/(\d+)/.exec(page.url())![1]);
}

test.describe("rule-set and market change preview", () => {
  test("pt-BR: V2 → V3 shows Silver → no level and the pass that stops counting; confirmed, the partner admin sees it", async ({ page, browser }) => {
    await signIn(page, nextManager());
    const id = await openPartner(page, "E2E Lote 5");
    const settings = page.getByTestId("settings-form");
    await settings.getByLabel("Conjunto de regras").selectOption("V3");
    await settings.getByRole("button", { name: "Salvar configurações" }).click();
    const preview = settings.getByTestId("settings-preview");
    await expect(preview.getByTestId("settings-effect-level")).toHaveText("nível Silver → Sem nível");
    await expect(preview.getByTestId("settings-effect-passes")).toContainText("Ana Souza: MB2-709 (não é mais aceito nesta data)");
    await expect(preview).toContainText("Nada foi salvo ainda.");
    const db = openTestDb();
    expect(db.prepare("select rule_set from partners where id = ?").get(id)).toEqual({ rule_set: "V2" });

    await preview.getByRole("button", { name: "Confirmar e salvar" }).click();
    await expect(settings.getByTestId("form-message")).toHaveText("Salvo.");
    await expect(page.getByTestId("current-level")).toHaveText("Sem nível");
    expect(db.prepare("select rule_set from partners where id = ?").get(id)).toEqual({ rule_set: "V3" });
    db.close();

    const admin = await browser.newPage({ locale: "pt-BR" });
    await signIn(admin, "bulk-5@test.example");
    await expect(admin.getByTestId("settings-change")).toContainText("conjunto de regras V2 → V3 — nível Silver → Sem nível; 1 aprovação deixou de contar.");
    await admin.close();
  });

  test("English: a market change shows the thresholds that change; cancel keeps everything; confirmed, the admin sees it", async ({ page, browser }) => {
    await signIn(page, nextManager());
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await openPartner(page, "E2E Lote 6");
    const settings = page.getByTestId("settings-form");
    await settings.getByLabel("Market").selectOption("developed");
    await settings.getByRole("button", { name: "Save settings" }).click();
    const preview = settings.getByTestId("settings-preview");
    await expect(preview.getByTestId("settings-effect-level")).toHaveText("level Silver → No level");
    await expect(preview.getByTestId("settings-effect-threshold").first()).toHaveText("Silver revenue threshold $50,000.00 → $100,000.00");
    await expect(preview).toContainText("No exam pass stops counting.");
    await preview.getByRole("button", { name: "Cancel" }).click();
    await expect(preview).toHaveCount(0);
    await settings.getByRole("button", { name: "Save settings" }).click();
    await settings.getByTestId("settings-preview").getByRole("button", { name: "Confirm and save" }).click();
    await expect(settings.getByTestId("form-message")).toHaveText("Saved.");

    const admin = await browser.newPage({ locale: "en-US" });
    await signIn(admin, "bulk-6@test.example");
    await admin.getByRole("button", { name: "English" }).click();
    await expect(admin.getByTestId("settings-changes")).toContainText("Changes made by your channel manager");
    await expect(admin.getByTestId("settings-change")).toContainText(
      "market Developing market → Developed market — level Silver → No level; no exam pass stopped counting.",
    );
    await admin.close();
  });

  test("pt-BR: the portfolio-wide impact of moving partners to V3 lists who loses a level, printable and as CSV", async ({ page }) => {
    await signIn(page, nextManager());
    await page.goto("/portfolio");
    await page.getByRole("link", { name: "Impacto de mudar o conjunto de regras" }).click();
    await expect(page).toHaveURL(/\/portfolio\/impact$/);
    await page.getByLabel("Mudar para o conjunto").selectOption("V3");
    await page.getByLabel("Parceiros hoje em").selectOption("V2");
    await page.getByLabel("Mercado").selectOption("developing");
    await page.getByRole("button", { name: "Mostrar o impacto" }).click();
    await expect(page).toHaveURL(/to=V3/);
    await expect(page.getByTestId("impact-summary")).toContainText("para V3 em");
    await expect(page.getByTestId("impact-summary")).toContainText("perde");
    await expect(page.getByTestId("impact-row").filter({ hasText: "Fronteira Digital" })).toHaveAttribute("data-change", "loss");
    await expect(page.getByTestId("print-button")).toBeVisible();
    const csv = await page.request.get((await page.getByRole("link", { name: "CSV desta página" }).getAttribute("href")) as string);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Parceiro;ID de parceiro Microsoft;Mercado;Conjunto hoje;Novo conjunto;Nível hoje;Nível depois;Mudança");
    expect(text).toMatch(/Fronteira Digital;4100006;[^\n]*;V2;V3;Silver;Sem nível;perde/);
  });
});
