import { expect, test } from "@playwright/test";
import { openData, signIn } from "./helpers";

// Issue 11, part 2: the what-if planner. Scratch partners E2E Lote 3 (pt-BR) and 4 (English): Silver, with
// Gold's revenue, one customization (C) person short of Gold; Davi Lima holds no exam yet.

function isoDaysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

test.describe("what-if planner", () => {
  test("pt-BR: a hypothetical pass reaches Gold in the browser, the link keeps the scenario, and applying it stores it", async ({ page }) => {
    await signIn(page, "bulk-3@test.example");
    await expect(page.getByTestId("current-level")).toHaveText("Silver");
    await page.getByRole("link", { name: "E se…? (planejador)" }).click();
    await expect(page).toHaveURL(/\/what-if$/);
    await expect(page.getByTestId("what-if-banner")).toContainText("Cenário hipotético — nada aqui é gravado");
    await expect(page.getByTestId("what-if-level")).toHaveText("Silver");
    await expect(page.getByTestId("what-if-gold")).toContainText("Falta 1 aprovação em exame");

    await page.getByLabel("Pessoa", { exact: true }).selectOption({ label: "Davi Lima" });
    await page.getByLabel("Exame", { exact: true }).fill("mb2712");
    await page.getByLabel("Aprovado em").fill(isoDaysAgo(1));
    await page.getByRole("button", { name: "Incluir no cenário" }).click();
    await expect(page.getByTestId("what-if-level")).toHaveText("Gold");
    await expect(page.getByTestId("what-if-item")).toContainText("Davi Lima é aprovado(a) em MB2-712");
    await expect(page.getByTestId("what-if-gold")).toContainText("Nenhum exame a mais é necessário.");
    // A bad hypothetical is refused with the forms' message.
    await page.getByLabel("Exame", { exact: true }).fill("XX-1");
    await page.getByRole("button", { name: "Incluir no cenário" }).click();
    await expect(page.getByTestId("what-if-error")).toBeVisible();

    // The scenario is in the URL: opening the link shows it again. Nothing was stored.
    await expect(page).toHaveURL(/[?&]s=/);
    await page.goto(page.url());
    await expect(page.getByTestId("what-if-level")).toHaveText("Gold");
    await page.goto(page.url().replace(/\/what-if.*$/, ""));
    await expect(page.getByTestId("current-level")).toHaveText("Silver");
    await page.goBack();
    await expect(page.getByTestId("what-if-level")).toHaveText("Gold");

    await page.getByRole("button", { name: "Aplicar 1 hipótese" }).click();
    await expect(page).toHaveURL(/\/partners\/\d+$/);
    await expect(page.getByTestId("current-level")).toHaveText("Gold");
    await openData(page);
    await expect(page.getByTestId("section-passes").getByTestId("passes-row").filter({ hasText: "Davi Lima" })).toContainText("MB2-712");
  });

  test("English: a hypothetical new person with a pass, another as-of date, then apply", async ({ page }) => {
    await signIn(page, "bulk-4@test.example");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("link", { name: "What if…? (planner)" }).click();
    await expect(page.getByTestId("what-if-banner")).toContainText("Hypothetical scenario — nothing here is stored");

    await page.getByLabel("Hypothetical", { exact: true }).selectOption("person");
    await page.getByLabel("Name", { exact: true }).fill("Nina Costa");
    await page.getByRole("button", { name: "Add to the scenario" }).click();
    await page.getByLabel("Hypothetical", { exact: true }).selectOption("pass");
    await page.getByLabel("Person", { exact: true }).selectOption({ label: "Nina Costa (hypothetical)" });
    await page.getByLabel("Exam", { exact: true }).fill("MB2-707");
    await page.getByLabel("Passed on").fill(isoDaysAgo(2));
    await page.getByRole("button", { name: "Add to the scenario" }).click();
    await expect(page.getByTestId("what-if-level")).toHaveText("Gold");

    // Three years on, the revenue has left the window.
    const later = new Date();
    later.setFullYear(later.getFullYear() + 3);
    await page.getByLabel("As of", { exact: true }).fill(later.toISOString().slice(0, 10));
    await expect(page.getByTestId("what-if-level")).toHaveText("No level");
    await page.getByLabel("As of", { exact: true }).fill(isoDaysAgo(0));
    await expect(page.getByTestId("what-if-level")).toHaveText("Gold");
    await expect(page.getByTestId("what-if-risk")).toBeVisible();

    await page.getByRole("button", { name: "Apply 2 hypotheticals" }).click();
    await expect(page).toHaveURL(/\/partners\/\d+$/);
    await expect(page.getByTestId("current-level")).toHaveText("Gold");
    await openData(page);
    await expect(page.getByTestId("section-people").getByTestId("people-row").filter({ hasText: "Nina Costa" })).toBeVisible();
  });
});
