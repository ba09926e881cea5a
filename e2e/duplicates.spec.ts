import { expect, test, type Locator } from "@playwright/test";
import { openData, signIn } from "./helpers";

// Issue 11, part 4: probable duplicates ask "save anyway?"; two people of one name are told apart.
// Scratch partners E2E Lote 7 (pt-BR) and 8 (English): customer "José da Silva Comércio" with one US$ 5,000
// line 20 days ago; two people named Ana Souza (the first has an e-mail, the second passed MB2-712).

function isoDaysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

async function submit(form: Locator, button?: string) {
  const message = form.getByTestId("form-message");
  const before = (await message.getAttribute("data-nonce")) ?? "0";
  if (button) await form.getByRole("button", { name: button }).click();
  else await form.locator("button[type=submit]").first().click();
  await expect(form.locator(`[data-testid="form-message"]:not([data-nonce="${before}"])`)).toBeAttached();
}

test.describe("duplicates", () => {
  test("pt-BR: customer, person (e-mail, name) and revenue line each ask before saving; same-name people are told apart", async ({ page }) => {
    await signIn(page, "bulk-7@test.example");
    await openData(page);
    const customers = page.getByTestId("section-customers");
    const cForm = customers.locator("form").last();
    await customers.getByLabel("Nome do cliente").fill("  JOSE da  silva comercio ");
    await submit(cForm);
    await expect(cForm.getByTestId("form-message")).toContainText("Já existe um cliente com este nome: José da Silva Comércio. Salvar mesmo assim?");
    await expect(customers.getByTestId("customers-row")).toHaveCount(1);
    await submit(cForm, "Salvar mesmo assim");
    await expect(cForm.getByTestId("form-message")).toHaveText("Salvo.");
    await expect(customers.getByTestId("customers-row")).toHaveCount(2);

    const people = page.getByTestId("section-people");
    const pForm = people.locator("form").last();
    await people.getByLabel("Nome", { exact: true }).fill("Ana Souza");
    await submit(pForm);
    await expect(pForm.getByTestId("form-message")).toContainText("Já existe uma pessoa com este nome");
    await people.getByLabel("Nome", { exact: true }).fill("Ana S.");
    await people.getByLabel("E-mail (opcional)").fill("ANA.SOUZA.7@example.com");
    await submit(pForm);
    await expect(pForm.getByTestId("form-message")).toContainText(
      "Já existe uma pessoa com este e-mail: Ana Souza <ana.souza.7@example.com>. Salvar mesmo assim?",
    );
    await expect(people.getByTestId("people-row")).toHaveCount(2);

    const revenue = page.getByTestId("section-revenue");
    const rForm = revenue.locator("form").last();
    await revenue.getByLabel("Cliente", { exact: true }).selectOption({ label: "José da Silva Comércio" });
    await revenue.getByLabel("Produto").selectOption("crm-online");
    await revenue.getByLabel("Data da fatura").fill(isoDaysAgo(20));
    await revenue.getByLabel("Valor (US$)").fill("5.000,00");
    await submit(rForm);
    await expect(rForm.getByTestId("form-message")).toContainText("A mesma linha (cliente, produto, data e valor) já está registrada. Salvar mesmo assim?");
    await submit(rForm, "Salvar mesmo assim");
    await expect(rForm.getByTestId("form-message")).toHaveText("Salvo.");
    await expect(revenue.getByTestId("revenue-row")).toHaveCount(2);

    // Two people named Ana Souza: the e-mail, or a short suffix, tells them apart.
    const passes = page.getByTestId("section-passes");
    await expect(passes.getByLabel("Pessoa", { exact: true }).locator("option", { hasText: "Ana Souza <ana.souza.7@example.com>" })).toHaveCount(1);
    await expect(passes.getByLabel("Pessoa", { exact: true }).locator("option", { hasText: "Ana Souza #2" })).toHaveCount(1);
    await expect(passes.getByTestId("passes-row")).toContainText("Ana Souza #2");
  });

  test("English: the same warnings in English", async ({ page }) => {
    await signIn(page, "bulk-8@test.example");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await openData(page);
    const customers = page.getByTestId("section-customers");
    const cForm = customers.locator("form").last();
    await customers.getByLabel("Customer name").fill("José da Silva Comércio");
    await submit(cForm);
    await expect(cForm.getByTestId("form-message")).toContainText("A customer with this name is already recorded: José da Silva Comércio. Save anyway?");

    const people = page.getByTestId("section-people");
    const pForm = people.locator("form").last();
    await people.getByLabel("Name", { exact: true }).fill("Ana Souza");
    await submit(pForm);
    await expect(pForm.getByTestId("form-message")).toContainText("A person with this name is already recorded");
    await submit(pForm, "Save anyway");
    await expect(pForm.getByTestId("form-message")).toHaveText("Saved.");
    await expect(people.getByTestId("people-row").filter({ hasText: "Ana Souza #3" })).toHaveCount(1);

    const revenue = page.getByTestId("section-revenue");
    const rForm = revenue.locator("form").last();
    await revenue.getByLabel("Customer", { exact: true }).selectOption({ label: "José da Silva Comércio" });
    await revenue.getByLabel("Product").selectOption("crm-online");
    await revenue.getByLabel("Invoice date").fill(isoDaysAgo(20));
    await revenue.getByLabel("Amount (US$)").fill("5,000.00");
    await submit(rForm);
    await expect(rForm.getByTestId("form-message")).toContainText("The same line (customer, product, date and amount) is already recorded. Save anyway?");
  });
});
