import { expect, test, type Locator, type Page } from "@playwright/test";
import { nextManager, openData, openStatus, signIn } from "./helpers";

// Issue 9, part 4 ("light pages"): the dashboard shows the evaluation and links to the partner's data page,
// which pages its lists and renders an edit form only for the record being edited. Scratch partners
// E2E Leve 1 (pt-BR) and 2 (English): 120 revenue lines over 12 customers, US$ 1,000.00 short of Silver
// (scripts/e2e-seed.ts).

const section = (page: Page, id: string) => page.getByTestId(`section-${id}`);
/** A record's edit or delete form carries its version: none is on a page until a record is opened for editing. */
const versionInputs = (page: Page) => page.locator('main input[name="version"]');

async function submit(form: Locator) {
  const before = (await form.getByTestId("form-message").last().getAttribute("data-nonce")) ?? "0";
  await form.locator("button[type=submit]").first().click();
  await expect(form.locator(`[data-testid="form-message"]:not([data-nonce="${before}"])`).last()).toBeAttached();
}

test.describe("light pages", () => {
  test("pt-BR: the dashboard has no record forms and bounded lists; the data page pages its lists, opens one edit form on request, and the save shows on the dashboard", async ({
    page,
  }) => {
    await signIn(page, "light-1@test.example");

    // The dashboard: the evaluation, with the data one tab away.
    await expect(page.getByTestId("tab-status")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("tab-data")).toHaveText("Dados do parceiro");
    await expect(page.getByTestId("current-level")).toHaveText("Sem nível");
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 99.000,00 de US$ 100.000,00");
    await expect(page.getByTestId(/^section-(customers|revenue|people|passes|import)$/)).toHaveCount(0);
    await expect(versionInputs(page)).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^Editar/ })).toHaveCount(0);

    // Counted revenue: the top ten customers, all of them on request.
    const counted = page.getByTestId("counted-table").locator("tbody tr");
    await expect(counted).toHaveCount(10);
    await expect(page.getByTestId("counted-shown")).toContainText("Os 10 clientes com mais receita contada, de 11.");
    await page.getByRole("link", { name: "Ver todos os 11 clientes" }).click();
    await expect(page).toHaveURL(/[?&]all=customers/);
    await expect(counted).toHaveCount(11);
    await page.getByRole("link", { name: "Mostrar só os 10 primeiros" }).click();
    await expect(counted).toHaveCount(10);

    // Excluded lines: ten at a time, newest first.
    const excluded = page.getByTestId("excluded-row");
    await expect(excluded).toHaveCount(10);
    const excludedPages = page.getByTestId("excluded-pages");
    await expect(excludedPages).toContainText("Mostrando 1–10 de 21. Página 1 de 3.");
    await excludedPages.getByRole("link", { name: "Última" }).click();
    await expect(page).toHaveURL(/[?&]excludedPage=3/);
    await expect(excluded).toHaveCount(1);
    await expect(excludedPages).toContainText("Mostrando 21–21 de 21. Página 3 de 3.");

    // The data page: lists a page at a time, add forms, and no edit form.
    await openData(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E Leve 1: dados do parceiro");
    const revenue = section(page, "revenue");
    const rows = revenue.getByTestId("revenue-row");
    await expect(rows).toHaveCount(50);
    await expect(revenue.getByTestId("revenue-pages")).toContainText("Mostrando 1–50 de 120. Página 1 de 3.");
    await expect(revenue.locator("form")).toHaveCount(1);
    await expect(revenue.getByRole("heading", { name: "Adicionar um lançamento de receita" })).toBeVisible();
    await expect(versionInputs(page)).toHaveCount(0);
    await expect(section(page, "customers").getByTestId("customers-row")).toHaveCount(12);
    await expect(section(page, "import")).toBeVisible();

    await revenue.getByTestId("revenue-pages").getByRole("link", { name: "Próxima" }).click();
    await expect(page).toHaveURL(/[?&]revenuePage=2/);
    await expect(revenue.getByTestId("revenue-pages")).toContainText("Mostrando 51–100 de 120. Página 2 de 3.");
    await revenue.getByTestId("revenue-pages").getByRole("link", { name: "Última" }).click();
    await expect(page).toHaveURL(/[?&]revenuePage=3/);
    await expect(rows).toHaveCount(20);

    // Edit: the one form appears, filled with the line, and the page stays the same.
    const line = rows.filter({ hasText: "Cliente Leve 03" }).filter({ hasText: "CRM Online" }).first();
    await line.getByRole("link", { name: /^Editar: Cliente Leve 03 / }).click();
    await expect(page).toHaveURL(/[?&]edit=revenue(%3A|:)\d+/);
    await expect(page).toHaveURL(/[?&]revenuePage=3/);
    await expect(revenue.getByRole("heading", { name: /^Editando Cliente Leve 03/ })).toBeVisible();
    await expect(versionInputs(page)).toHaveCount(1);
    await expect(revenue.getByLabel("Valor (US$)")).toHaveValue("1.000,00");
    await expect(revenue.getByLabel("Cliente", { exact: true })).toBeFocused();
    await revenue.getByLabel("Valor (US$)").fill("2.000,00");
    const form = revenue.locator("form").last();
    await submit(form);
    await expect(form.getByTestId("form-message").last()).toHaveText("Salvo.");
    // Saved: the form closes (the URL drops the edit, keeps the page) and the row shows the new amount.
    await expect(page).not.toHaveURL(/edit=/);
    await expect(page).toHaveURL(/[?&]revenuePage=3/);
    await expect(versionInputs(page)).toHaveCount(0);
    await expect(revenue.getByRole("heading", { name: "Adicionar um lançamento de receita" })).toBeVisible();
    await expect(rows.filter({ hasText: "Cliente Leve 03" }).filter({ hasText: "US$ 2.000,00" })).toHaveCount(1);

    // The dashboard reflects it: US$ 100,000.00 reaches Silver.
    await openStatus(page);
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 100.000,00 de US$ 100.000,00");
    await expect(page.getByTestId("current-level")).toHaveText("Silver");
  });

  test("English: the tabs, pages and edit links in English; Cancel closes the form without saving; a channel manager reads the data page", async ({
    page,
    browser,
  }) => {
    await signIn(page, "light-2@test.example");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("tab-status")).toHaveText("Status");
    await expect(page.getByTestId("counted-shown")).toContainText("The 10 customers with the most counted revenue, of 11.");
    await expect(page.getByRole("link", { name: "Show all 11 customers" })).toBeVisible();
    await expect(page.getByTestId("excluded-pages")).toContainText("Showing 1–10 of 21. Page 1 of 3.");
    // The dashboard's "import from a file" opens the import on the data page.
    await page.getByRole("link", { name: "Import from a file" }).click();
    await expect(page).toHaveURL(/\/partners\/\d+\/data#section-import$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E Leve 2: partner data");
    const partnerUrl = page.url().replace(/#.*$/, "");

    const customers = section(page, "customers");
    await expect(section(page, "revenue").getByTestId("revenue-pages")).toContainText("Showing 1–50 of 120. Page 1 of 3.");
    await customers.getByRole("link", { name: "Edit: Cliente Leve 12" }).click();
    await expect(customers.getByRole("heading", { name: "Editing Cliente Leve 12" })).toBeVisible();
    await customers.getByLabel("Customer name").fill("Nunca salvo");
    await customers.getByRole("link", { name: "Cancel" }).click();
    await expect(page).not.toHaveURL(/edit=/);
    await expect(customers.getByRole("heading", { name: "Add a customer" })).toBeVisible();
    await expect(customers.getByLabel("Customer name")).toHaveValue("");
    await expect(customers.getByTestId("customers-row").filter({ hasText: "Cliente Leve 12" })).toHaveCount(1);
    await expect(customers.getByTestId("customers-row").filter({ hasText: "Nunca salvo" })).toHaveCount(0);
    await expect(versionInputs(page)).toHaveCount(0);
    // An edit named in the URL that is not this partner's opens nothing.
    await page.goto(`${partnerUrl}?edit=customers:999999999`);
    await expect(customers.getByRole("heading", { name: "Add a customer" })).toBeVisible();
    await expect(versionInputs(page)).toHaveCount(0);

    // A channel manager reads the same page: the lists, no forms, no Edit links.
    const manager = await (await browser.newContext({ locale: "pt-BR" })).newPage();
    await signIn(manager, nextManager());
    await manager.goto(partnerUrl);
    await expect(manager.getByText("Gerentes de canal veem os dados do parceiro somente para leitura.")).toBeVisible();
    await expect(section(manager, "revenue").getByTestId("revenue-row")).toHaveCount(50);
    await expect(section(manager, "revenue").locator("form")).toHaveCount(0);
    await expect(manager.getByRole("link", { name: /^Editar:/ })).toHaveCount(0);
    await manager.context().close();
  });

  test("pt-BR: a list longer than the page shows says how many more there are: 20 passes on the dashboard, 200 lines in the printed report", async ({
    page,
  }) => {
    await signIn(page, "light-3@test.example");
    const ignored = page.getByTestId("ignored-passes");
    await expect(ignored.locator("li")).toHaveCount(20);
    await expect(page.getByTestId("ignored-more")).toHaveText("E mais 5 aprovações que não contam (a página de dados do parceiro lista todas as aprovações).");
    const dashboard = page.url().replace(/[?#].*$/, "");
    await page.goto(`${dashboard}/report`);
    await expect(page.getByTestId("excluded-row")).toHaveCount(200);
    await expect(page.getByTestId("not-printed")).toHaveText(
      "E mais 60 linhas que não aparecem neste relatório: a página de dados do parceiro e as exportações CSV trazem a lista completa.",
    );
    await expect(page.getByTestId("ignored-passes").locator("li")).toHaveCount(25); // the report lists up to 200
    await expect(page.getByTestId("ignored-more")).toHaveCount(0);
  });
});
