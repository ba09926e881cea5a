import { expect, test, type Page, type Locator } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { manager, openData, openEdit, openStatus, signIn } from "./helpers";

// Each test that writes signs in as its own scratch partner (e2e-13 … e2e-20), so tests never share data.
const scratch = (n: number) => `e2e-${n}@test.example`;

const section = (page: Page, id: string) => page.getByTestId(`section-${id}`);
/** The dashboard (status) page, for what the evaluation shows; the forms are on the data page. */
const status = openStatus;
/** Submits a record form and waits for the server's answer (the message's nonce changes on every answer). */
async function submit(form: Locator) {
  const message = form.getByTestId("form-message");
  const before = (await message.getAttribute("data-nonce")) ?? "0";
  await form.locator("button[type=submit]").first().click();
  await expect(form.locator(`[data-testid="form-message"]:not([data-nonce="${before}"])`)).toBeAttached();
}
function isoDaysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

async function addCustomer(page: Page, name: string, dporFrom: string | null) {
  await openData(page);
  const s = section(page, "customers");
  await s.getByLabel("Nome do cliente").fill(name);
  if (dporFrom) await s.getByLabel("DPOR desde").fill(dporFrom);
  await submit(s.locator("form"));
  await expect(s.getByTestId("form-message")).toHaveText("Salvo.");
  await expect(s.getByTestId("customers-row").filter({ hasText: name })).toBeVisible();
}

async function addRevenue(page: Page, customer: string, date: string, amount: string, product = "CRM Online") {
  await openData(page);
  const s = section(page, "revenue");
  await s.getByLabel("Cliente", { exact: true }).selectOption({ label: customer });
  await s.getByLabel("Produto").selectOption({ label: product });
  await s.getByLabel("Data da fatura").fill(date);
  await s.getByLabel("Valor (US$)").fill(amount);
  await submit(s.locator("form").last());
  await expect(s.getByTestId("form-message").last()).toHaveText("Salvo.");
}

async function addPerson(page: Page, name: string, extra: { leftOn?: string } = {}) {
  await openData(page);
  const s = section(page, "people");
  await s.getByLabel("Nome", { exact: true }).fill(name);
  if (extra.leftOn) await s.getByLabel("Saiu em (opcional)").fill(extra.leftOn);
  await submit(s.locator("form").last());
  await expect(s.getByTestId("form-message").last()).toHaveText("Salvo.");
}

async function addPass(page: Page, person: string, exam: string, date: string) {
  await openData(page);
  const s = section(page, "passes");
  await s.getByLabel("Pessoa", { exact: true }).selectOption({ label: person });
  await s.getByLabel("Exame", { exact: true }).fill(exam);
  await s.getByLabel("Aprovado em").fill(date);
  await submit(s.locator("form").last());
  await expect(s.getByTestId("form-message").last()).toHaveText("Salvo.");
}

test.describe("partner admin: dashboard and data entry", () => {
  test("revenue typed in pt-BR moves the bar; people and passes fill slots; the level crosses to Silver", async ({ page }) => {
    await signIn(page, scratch(13));
    await expect(page.getByTestId("current-level")).toHaveText("Sem nível");
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 0,00 de US$ 100.000,00");

    await addCustomer(page, "Cliente Alfa", isoDaysAgo(400));
    await addRevenue(page, "Cliente Alfa", isoDaysAgo(30), "60.000,00");
    await status(page);
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 60.000,00 de US$ 100.000,00");
    await expect(page.getByTestId("silver-progress")).toHaveAttribute("data-ratio", "0.6000");
    await expect(page.getByTestId("level-silver")).toContainText("Faltam US$ 40.000,00 de receita.");

    await addRevenue(page, "Cliente Alfa", isoDaysAgo(10), "US$ 40.000,00", "Dynamics 365 Plan 1".replace("Plan", "Plano"));
    await status(page);
    await expect(page.getByTestId("silver-progress")).toHaveAttribute("data-ratio", "1.0000");
    await expect(page.getByTestId("level-silver")).toContainText("Requisito de receita atendido.");
    await expect(page.getByTestId("current-level")).toHaveText("Sem nível"); // exams still missing

    await expect(page.getByTestId("silver-plan")).toContainText("Faltam 3 aprovações em exames.");
    await addPerson(page, "Ana Souza");
    await addPass(page, "Ana Souza", "mb2714", isoDaysAgo(20));
    await status(page);
    await expect(page.getByTestId("silver-plan")).toContainText("Faltam 2 aprovações em exames.");
    await expect(page.getByTestId("silver-plan")).toContainText("Ana Souza é aprovado(a) em um dos exames MB2-710, MB2-706");
    await addPass(page, "Ana Souza", "MB2-706", isoDaysAgo(15));
    await status(page);
    await expect(page.getByTestId("slot-silver-1")).toContainText("Preenchida por Ana Souza com MB2-714");
    await expect(page.getByTestId("silver-plan")).toContainText("Falta 1 aprovação em exame.");

    await addPerson(page, "Bruno Lima");
    await addPass(page, "Bruno Lima", "mb2 712", isoDaysAgo(5));
    await status(page);
    await expect(page.getByTestId("slot-silver-2")).toContainText("Preenchida por Bruno Lima com MB2-712");
    await expect(page.getByTestId("current-level")).toHaveText("Silver");
    await expect(page.getByTestId("level-silver")).toContainText("Silver: alcançado");
  });

  test("excluded lines show their reason, and the as-of date (in the URL) changes the result", async ({ page }) => {
    await signIn(page, scratch(14));
    await addCustomer(page, "Com DPOR", isoDaysAgo(500));
    await addCustomer(page, "Sem DPOR", null);
    await addRevenue(page, "Com DPOR", isoDaysAgo(100), "120.000,00");
    await addRevenue(page, "Com DPOR", isoDaysAgo(400), "5.000,00");
    await addRevenue(page, "Sem DPOR", isoDaysAgo(50), "7.000,00");
    await addRevenue(page, "Com DPOR", isoDaysAgo(40), "3.000,00", "Outro (não conta)");
    await status(page);
    const excluded = page.getByTestId("excluded-row");
    await expect(excluded.filter({ hasText: "US$ 5.000,00" })).toContainText("Fora da janela de doze meses");
    await expect(excluded.filter({ hasText: "US$ 7.000,00" })).toContainText("Cliente não é DPOR na data da avaliação");
    await expect(excluded.filter({ hasText: "US$ 3.000,00" })).toContainText("Produto não elegível");
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 120.000,00");

    // As of 200 days ago the 120k line was in the future and the 5k line was inside the window.
    await page.getByLabel("Avaliar na data").fill(isoDaysAgo(200));
    await page.getByRole("button", { name: "Avaliar" }).click();
    await expect(page).toHaveURL(new RegExp(`asOf=${isoDaysAgo(200)}`));
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 5.000,00 de US$ 100.000,00");
    await expect(excluded.filter({ hasText: "US$ 120.000,00" })).toContainText("Data posterior à da avaliação");

    // An impossible date in the URL falls back to today with a message.
    await page.goto(page.url().replace(/asOf=[^&]+/, "asOf=2023-02-30"));
    await expect(page.getByRole("status").filter({ hasText: "Essa data não é válida" })).toBeVisible();
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 120.000,00");
  });

  test("bad input gets a clear message per field and stores nothing", async ({ page }) => {
    await signIn(page, scratch(15));
    await openData(page);
    const customers = section(page, "customers");
    // Empty name, over-long name, DPOR until before from, out-of-range date.
    await submit(customers.locator("form"));
    await expect(customers.getByLabel("Nome do cliente")).toHaveAttribute("aria-invalid", "true");
    await customers.getByLabel("Nome do cliente").fill("x".repeat(201));
    await customers.getByLabel("DPOR desde").fill("2024-05-10");
    await customers.getByLabel("DPOR até (último dia, opcional)").fill("2024-05-01");
    await submit(customers.locator("form"));
    await expect(customers.getByLabel("Nome do cliente")).toHaveAttribute("aria-invalid", "true");
    await expect(customers.getByLabel("DPOR até (último dia, opcional)")).toHaveAttribute("aria-invalid", "true");
    await customers.getByLabel("Nome do cliente").fill("Cliente Ok");
    await customers.getByLabel("DPOR desde").fill("1999-12-31");
    await customers.getByLabel("DPOR até (último dia, opcional)").fill("");
    await submit(customers.locator("form"));
    await expect(customers.getByLabel("DPOR desde")).toHaveAttribute("aria-invalid", "true");
    await expect(customers.getByTestId("customers-row")).toHaveCount(0);

    await addCustomer(page, "<b>Markup</b> & Co", isoDaysAgo(10));
    await expect(customers.getByTestId("customers-row").first()).toContainText("<b>Markup</b> & Co");

    const revenue = section(page, "revenue");
    for (const [amount, why] of [
      ["abc", "invalid"],
      ["0,00", "zero"],
      ["1.000.000.000,01", "too large"],
      ["10,005", "fraction"],
    ]) {
      await revenue.getByLabel("Cliente", { exact: true }).selectOption({ index: 1 });
      await revenue.getByLabel("Data da fatura").fill(isoDaysAgo(3));
      await revenue.getByLabel("Valor (US$)").fill(amount);
      await submit(revenue.locator("form").last());
      const amountInput = revenue.getByLabel("Valor (US$)");
      await expect(amountInput, why).toHaveAttribute("aria-invalid", "true");
      const errId = (await amountInput.getAttribute("aria-describedby"))!.split(" ").pop()!;
      await expect(page.locator(`[id="${errId}"]`), why).not.toBeEmpty();
    }
    await expect(revenue.getByTestId("revenue-row")).toHaveCount(0);

    const people = section(page, "people");
    await people.getByLabel("Nome", { exact: true }).fill("Carla");
    await people.getByLabel("Entrou em (opcional)").fill("2024-06-01");
    await people.getByLabel("Saiu em (opcional)").fill("2024-05-01");
    await submit(people.locator("form").last());
    await expect(people.getByLabel("Saiu em (opcional)")).toHaveAttribute("aria-invalid", "true");
    await expect(people.getByTestId("people-row")).toHaveCount(0);
    // The refused values stay in the form for correcting.
    await expect(people.getByLabel("Entrou em (opcional)")).toHaveValue("2024-06-01");
    await people.getByLabel("Saiu em (opcional)").fill("");

    await addPerson(page, "Davi");
    const passes = section(page, "passes");
    await passes.getByLabel("Pessoa", { exact: true }).selectOption({ label: "Davi" });
    await passes.getByLabel("Exame", { exact: true }).fill("MB2-999");
    await passes.getByLabel("Aprovado em").fill(isoDaysAgo(2));
    await submit(passes.locator("form").last());
    await expect(passes.getByLabel("Exame", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(passes.getByTestId("passes-row")).toHaveCount(0);

    await addPass(page, "Davi", "MB2-714", isoDaysAgo(2));
    await passes.getByLabel("Pessoa", { exact: true }).selectOption({ label: "Davi" });
    await passes.getByLabel("Exame", { exact: true }).fill("mb2714");
    await passes.getByLabel("Aprovado em").fill(isoDaysAgo(1));
    await submit(passes.locator("form").last());
    await expect(passes.getByTestId("form-message").last()).toContainText("já");
    await expect(passes.getByTestId("passes-row")).toHaveCount(1);
  });

  test("two pages edit one record: the second sees a conflict with the current values", async ({ browser }) => {
    const a = await browser.newPage();
    const b = await browser.newPage();
    await signIn(a, scratch(16));
    await addCustomer(a, "Original", isoDaysAgo(30));
    await signIn(b, scratch(16));
    await openData(b);
    // Both open the same record for editing (only then is its form on the page).
    for (const p of [a, b]) {
      await expect(section(p, "customers").getByRole("textbox", { name: "Nome do cliente" })).toHaveValue("");
      await openEdit(section(p, "customers"), "Editar: Original");
      await expect(section(p, "customers").getByLabel("Nome do cliente")).toHaveValue("Original");
    }
    await section(a, "customers").getByLabel("Nome do cliente").fill("Mudado por A");
    await submit(section(a, "customers").locator("form"));
    await expect(section(a, "customers").getByTestId("form-message")).toHaveText("Salvo.");
    await section(b, "customers").getByLabel("Nome do cliente").fill("Mudado por B");
    await submit(section(b, "customers").locator("form"));
    await expect(section(b, "customers").getByTestId("form-message")).toContainText("Mudado por A");
    await b.reload();
    await expect(section(b, "customers").getByTestId("customers-row")).toHaveText(/Mudado por A/);
    await expect(section(b, "customers").getByTestId("customers-row")).not.toHaveText(/Mudado por B/);
    await a.close();
    await b.close();
  });

  test("delete asks first, and a person marked as left keeps history but stops counting", async ({ page }) => {
    await signIn(page, scratch(17));
    await addPerson(page, "Eva");
    await addPass(page, "Eva", "MB2-712", isoDaysAgo(40));
    await status(page);
    await expect(page.getByTestId("slot-silver-2")).toContainText("Preenchida por Eva");
    await openData(page);
    const people = section(page, "people");
    await openEdit(people, "Editar: Eva");
    await people.getByLabel("Saiu em (opcional)").fill(isoDaysAgo(1));
    await submit(people.locator("form").last());
    await expect(people.getByTestId("form-message").last()).toHaveText("Salvo.");
    await status(page);
    await expect(page.getByTestId("slot-silver-2")).not.toContainText("Eva");
    await expect(page.getByTestId("ignored-passes")).toContainText("Eva: MB2-712");
    await expect(page.getByTestId("ignored-passes")).toContainText("não é membro do parceiro na data da avaliação");
    await openData(page);
    await expect(people.getByTestId("people-row")).toContainText("Saiu em");
    await expect(section(page, "passes").getByTestId("passes-row")).toHaveCount(1);

    const passes = section(page, "passes");
    await passes.getByRole("button", { name: /^Excluir:/ }).click();
    await expect(passes.getByText("Excluir Eva MB2-712? Isso não pode ser desfeito.")).toBeVisible();
    await passes.getByRole("button", { name: "Manter" }).click();
    await expect(passes.getByTestId("passes-row")).toHaveCount(1);
    await passes.getByRole("button", { name: /^Excluir:/ }).click();
    await passes.getByRole("button", { name: "Sim, excluir" }).click();
    await expect(passes.getByTestId("passes-row")).toHaveCount(0);
  });

  test("the demo partner one exam from Gold reaches Gold through the forms, and the page says why at each step", async ({ page }) => {
    await signIn(page, "e2e-delta@test.example");
    await expect(page.getByTestId("current-level")).toHaveText("Silver");
    const gold = page.getByTestId("level-gold");
    await expect(gold).toContainText("Gold: não alcançado");
    await expect(page.getByTestId("slot-gold-4")).toContainText("Não preenchida");
    await expect(page.getByTestId("slot-gold-4")).toContainText("Davi Souza");
    await expect(page.getByTestId("gold-plan")).toContainText("Falta 1 aprovação em exame.");
    await expect(page.getByTestId("gold-plan")).toContainText("Davi Souza é aprovado(a) em um dos exames MB2-712, MB2-707");
    await addPass(page, "Davi Souza", "mb2712", isoDaysAgo(0));
    await status(page);
    await expect(page.getByTestId("current-level")).toHaveText("Gold");
    await expect(gold).toContainText("Gold: alcançado");
    await expect(gold).toContainText("Preenchida por Davi Souza com MB2-712");
    await expect(page.getByTestId("gold-plan")).toHaveCount(0);
  });

  test("English: money typed the English way, and every string in English", async ({ page }) => {
    await signIn(page, scratch(18));
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByTestId("tab-data")).toHaveText("Partner data");
    await openData(page);
    await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
    const c = section(page, "customers");
    await c.getByLabel("Customer name").fill("Acme");
    await c.getByLabel("DPOR from").fill(isoDaysAgo(100));
    await submit(c.locator("form"));
    await expect(c.getByTestId("form-message")).toHaveText("Saved.");
    const r = section(page, "revenue");
    await r.getByLabel("Customer", { exact: true }).selectOption({ label: "Acme" });
    await r.getByLabel("Invoice date").fill(isoDaysAgo(5));
    await r.getByLabel("Amount (US$)").fill("$100,000.00");
    await submit(r.locator("form").last());
    await expect(r.getByTestId("form-message").last()).toHaveText("Saved.");
    await status(page);
    await expect(page.getByTestId("silver-revenue")).toContainText("Qualifying revenue $100,000.00 of $100,000.00 required");
    await expect(page.getByTestId("level-silver")).toContainText("Revenue requirement met.");
  });

  for (const locale of ["pt-BR", "en"] as const) {
    test(`axe finds no violations on the dashboard and the data page (${locale})`, async ({ page }) => {
      await signIn(page, scratch(19));
      if (locale === "en") await page.getByRole("button", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await addPersonIfNone(page, locale);
      const axe = async (where: string) => {
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      };
      await axe("data page");
      // With a record open for editing.
      await section(page, "people")
        .getByRole("link", { name: new RegExp(`^${locale === "en" ? "Edit" : "Editar"}: `) })
        .first()
        .click();
      await expect(page).toHaveURL(/edit=people/);
      await expect(section(page, "people").getByRole("link", { name: locale === "en" ? "Cancel" : "Cancelar" })).toBeVisible();
      await axe("data page, editing");
      await status(page);
      await axe("dashboard");
    });
  }

  test("a channel manager sees a partner's dashboard read-only", async ({ page }) => {
    await signIn(page, manager(11));
    await page.getByRole("link", { name: "Delta CRM Partners" }).click();
    await expect(page.getByTestId("current-level")).toBeVisible();
    await openData(page);
    await expect(page.getByText("Gerentes de canal veem os dados do parceiro somente para leitura.")).toBeVisible();
    await expect(section(page, "customers").getByTestId("customers-row").first()).toBeVisible();
    await expect(section(page, "customers").locator("form")).toHaveCount(0);
    await expect(section(page, "customers").getByRole("button", { name: /Editar/ })).toHaveCount(0);
    await expect(section(page, "customers").getByRole("link", { name: /Editar/ })).toHaveCount(0);
    // An edit in the URL opens nothing for a reader.
    const first = await section(page, "customers").getByTestId("customers-row").count();
    await page.goto(`${page.url().split("?")[0]}?edit=customers:1`);
    await expect(section(page, "customers").getByTestId("customers-row")).toHaveCount(first);
    for (const id of ["customers", "revenue", "people", "passes"]) await expect(section(page, id).locator("form")).toHaveCount(0);
  });
});

async function addPersonIfNone(page: Page, locale: "pt-BR" | "en") {
  // Show a filled table too, so axe checks rows and their buttons.
  await openData(page);
  const people = section(page, "people");
  if ((await people.getByTestId("people-row").count()) > 0) return;
  await people.getByLabel(locale === "en" ? "Name" : "Nome", { exact: true }).fill("Axe Person");
  await submit(people.locator("form").last());
  await expect(people.getByTestId("people-row")).toHaveCount(1);
}
