import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openTestDb } from "./actions";
import { nextManager, openData, openEdit, partnerIdFromUrl, signIn } from "./helpers";
import { submitForm as submit } from "./reliability-support";

// A partner with more customers and people than a select should hold (over 100) chooses them in its
// forms with a search box that asks the server, instead of a page carrying every name as an option.
// Scratch partner E2E Leve 4 (scripts/e2e-seed.ts): 152 customers ("Banco Zubra", "José Ávila Comércio",
// "Cliente Grande 001" … "150") and 122 people (two "Ana Souza", "Pessoa Grande 001" … "120").

const ADMIN = "light-4@test.example";
const section = (page: Page, id: string) => page.getByTestId(`section-${id}`);
const addForm = (page: Page, id: string) => section(page, id).locator("form").last();

test.describe("forms that search long lists", () => {
  test("pt-BR: a revenue line's customer and a pass's person are searched, chosen with the keyboard, and saved; an unchosen text is refused", async ({
    page,
  }) => {
    await signIn(page, ADMIN);
    const partnerId = partnerIdFromUrl(page);
    await openData(page);

    // No select of every name: the page holds the first page of each list, not the 150th customer.
    const form = addForm(page, "revenue");
    await expect(form.locator('select[name="customerId"]')).toHaveCount(0);
    const html = await (await page.request.get(`/partners/${partnerId}/data`)).text();
    expect(html).not.toContain("Cliente Grande 150");
    expect(html).not.toContain("Pessoa Grande 120");

    const box = form.getByRole("combobox", { name: "Cliente" });
    await expect(box).toHaveAttribute("placeholder", "Digite parte do nome do cliente");
    await expect(form.getByText("Digite e escolha na lista (setas para cima e para baixo, Enter para escolher).")).toBeVisible();

    // Many matches: the first 20, and how many there are.
    await box.fill("grande 1");
    const options = form.locator('[role="listbox"] [role="option"]');
    await expect(options).toHaveCount(20);
    await expect(options.first()).toHaveText("Cliente Grande 100");
    // Said by the hint (to screen readers as it changes) and under the list, which covers the hint on screen.
    const more = "Os primeiros 20 de 51 resultados: digite mais para refinar.";
    await expect(form.locator('[aria-live="polite"]').filter({ hasText: more })).toBeAttached();
    await expect(form.locator('[role="listbox"] + p')).toHaveText(more);
    await expect(form.locator('[role="listbox"] + p')).toBeVisible();

    // The open list passes axe (combobox, listbox and options, their names and states).
    await box.press("ArrowDown");
    await expect(box).toHaveAttribute("aria-activedescendant", /-list-1$/);
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    const axe = await new AxeBuilder({ page }).include('[data-testid="section-revenue"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);

    // Accents and case do not matter; nothing found says so.
    await box.fill("JOSE AVILA");
    await expect(options).toHaveText(["José Ávila Comércio"]);
    await box.fill("zzz nada");
    await expect(form.locator('[role="listbox"] + p')).toHaveText("Nenhum resultado para “zzz nada”.");
    await expect(options).toHaveCount(0);

    // Typed but not chosen: refused with the field's message, and nothing is stored.
    const db = openTestDb();
    const lines = () => db.prepare("select count(*) from revenue_lines where partner_id = ?").pluck().get(partnerId) as number;
    const before = lines();
    await box.fill("zubra");
    await expect(options).toHaveText(["Banco Zubra"]);
    await box.press("Escape");
    await expect(options).toHaveCount(0);
    await form.getByLabel("Data da fatura").fill("2026-10-01");
    await form.getByLabel("Valor (US$)").fill("1.234,56");
    let answer = await submit(form);
    await expect(answer).toHaveAttribute("role", "alert");
    await expect(form.getByText("Escolha um cliente.")).toBeVisible();
    expect(lines()).toBe(before);

    // Chosen with the keyboard: arrows move, Enter chooses (and does not submit), the next Enter submits.
    const refilled = addForm(page, "revenue").getByRole("combobox", { name: "Cliente" });
    await expect(refilled).toHaveValue("zubra"); // what was typed comes back after the refusal
    await refilled.fill("banco zu");
    await expect(options).toHaveText(["Banco Zubra"]);
    await refilled.press("ArrowDown");
    await refilled.press("Enter");
    await expect(refilled).toHaveValue("Banco Zubra");
    await expect(options).toHaveCount(0);
    expect(lines()).toBe(before);
    answer = await submit(addForm(page, "revenue"));
    await expect(answer).toHaveText("Salvo.");
    const saved = db
      .prepare(
        "select c.name, r.amount_cents cents from revenue_lines r join customers c on c.id = r.customer_id where r.partner_id = ? order by r.id desc limit 1",
      )
      .get(partnerId);
    expect(saved).toEqual({ name: "Banco Zubra", cents: 123_456 });

    // Editing the line shows its customer's name in the box.
    await openEdit(section(page, "revenue"), /Editar: Banco Zubra .*1\.234,56/);
    await expect(section(page, "revenue").getByRole("combobox", { name: "Cliente" })).toHaveValue("Banco Zubra");
    await section(page, "revenue").getByRole("link", { name: "Cancelar" }).click();
    // Cancel closes the form and returns the keyboard to the row's Edit link.
    await expect(section(page, "revenue").locator('form input[name="version"]')).toHaveCount(0);
    await expect(section(page, "revenue").getByRole("link", { name: /Editar: Banco Zubra .*1\.234,56/ })).toBeFocused();

    // A pass's person: two people of one name are told apart, and a click chooses.
    const passes = addForm(page, "passes");
    const person = passes.getByRole("combobox", { name: "Pessoa" });
    await person.fill("ana souza");
    await expect(passes.locator('[role="listbox"] [role="option"]')).toHaveText(["Ana Souza #1", "Ana Souza #2"]);
    await person.press("Tab"); // two match: none is taken as chosen
    await expect(person).toHaveValue("ana souza");
    // A name typed in full that only one record has is taken as chosen when the box is left.
    await person.fill("ANA  SOUZA #2");
    await expect(passes.locator('[role="listbox"] [role="option"]')).toHaveText(["Ana Souza #2"]);
    await person.press("Tab");
    await expect(person).toHaveValue("Ana Souza #2");
    await passes.getByLabel("Exame").fill("MB2-710");
    await passes.getByLabel("Aprovado em").fill("2026-09-15");
    await expect(await submit(passes)).toHaveText("Salvo.");
    const second = db.prepare("select id from individuals where partner_id = ? and name = 'Ana Souza' order by id desc limit 1").pluck().get(partnerId);
    expect(db.prepare("select individual_id, exam, passed_on from exam_passes where partner_id = ? order by id desc limit 1").get(partnerId)).toEqual({
      individual_id: second,
      exam: "MB2-710",
      passed_on: "2026-09-15",
    });
    db.close();
  });

  test("pt-BR: the what-if planner searches the people and customers it holds, and adds what was chosen to the scenario", async ({ page }) => {
    await signIn(page, ADMIN);
    const partnerId = partnerIdFromUrl(page);
    await page.goto(`/partners/${partnerId}/what-if`);
    await expect(page.getByTestId("what-if-banner")).toBeVisible();
    const options = page.locator('[role="listbox"] [role="option"]');

    // A pass for one of 122 people, chosen with the keyboard: no select of them all.
    await expect(page.locator('select[name="person"]')).toHaveCount(0);
    const person = page.getByRole("combobox", { name: "Pessoa" });
    await expect(person).toHaveAttribute("placeholder", "Digite parte do nome da pessoa");
    await person.fill("PESSOA grande 12");
    await expect(options).toHaveText(["Pessoa Grande 120"]);
    await person.press("Enter");
    await expect(person).toHaveValue("Pessoa Grande 120");
    await page.getByLabel("Exame", { exact: true }).fill("mb2712");
    await page.getByLabel("Aprovado em").fill("2026-10-01");
    await page.getByRole("button", { name: "Incluir no cenário" }).click();
    await expect(page.getByTestId("what-if-item")).toHaveText([/Pessoa Grande 120 é aprovado\(a\) em MB2-712 em 1 de out\. de 2026/]);

    // A revenue line of one of 152 customers, chosen with a click.
    await page.getByLabel("Hipótese", { exact: true }).selectOption({ label: "Uma linha de receita" });
    await expect(page.locator('select[name="customer"]')).toHaveCount(0);
    const customer = page.getByRole("combobox", { name: "Cliente" });
    await customer.fill("josé");
    await page.getByRole("option", { name: "José Ávila Comércio" }).click();
    await expect(customer).toHaveValue("José Ávila Comércio");
    await page.getByLabel("Valor (US$)").fill("2.500,00");
    await page.getByLabel("Data da fatura").fill("2026-10-02");
    await page.getByRole("button", { name: "Incluir no cenário" }).click();
    await expect(page.getByTestId("what-if-item").nth(1)).toContainText("de José Ávila Comércio em");
  });

  test("English: the search box's words, and a customer chosen with the keyboard is saved", async ({ page }) => {
    await signIn(page, "light-5@test.example");
    await openData(page);
    const form = addForm(page, "revenue");
    await expect(form.locator('select[name="customerId"]')).toHaveCount(0);
    const box = form.getByRole("combobox", { name: "Customer" });
    await expect(box).toHaveAttribute("placeholder", "Type part of the customer's name");
    await expect(form.getByText("Type, then choose from the list (up and down arrows, Enter to choose).")).toBeVisible();
    const options = form.locator('[role="listbox"] [role="option"]');
    const under = form.locator('[role="listbox"] + p');
    await box.fill("customer 0");
    await expect(options).toHaveCount(20);
    await expect(under).toHaveText("The first 20 of 99 matches: type more to narrow them down.");
    await box.fill("customer 10");
    await expect(options).toHaveText(["Customer 100", "Customer 101"]);
    await expect(form.locator('[aria-live="polite"]').filter({ hasText: "2 matches." })).toBeAttached();
    await box.fill("nobody");
    await expect(under).toHaveText("Nothing found for “nobody”.");
    await box.fill("customer 101");
    await expect(options).toHaveText(["Customer 101"]);
    await box.press("Enter");
    await form.getByLabel("Invoice date").fill("2026-10-05");
    await form.getByLabel("Amount (US$)").fill("1,250.00");
    await expect(await submit(form)).toHaveText("Saved.");
    await expect(section(page, "revenue").getByTestId("revenue-row").first()).toContainText("Customer 101");
  });

  test("the search answers only the partner's own admin, and only with a valid query", async ({ page, browser }) => {
    await signIn(page, ADMIN);
    const partnerId = partnerIdFromUrl(page);
    const url = (q: string) => `/partners/${partnerId}/choices?${q}`;

    const own = await page.request.get(url("list=customers&q=zubra"));
    expect(own.status()).toBe(200);
    expect(await own.json()).toMatchObject({ total: 1, items: [{ label: "Banco Zubra" }] });
    expect(own.headers()["cache-control"]).toContain("no-store");
    expect((await page.request.get(url("list=users&q=a"))).status()).toBe(400);
    expect((await page.request.get(url(`list=people&q=${"x".repeat(401)}`))).status()).toBe(400);

    // Another partner's admin and a channel manager (who reads the data but enters none) are refused.
    for (const email of ["light-1@test.example", nextManager()]) {
      const context = await browser.newContext();
      const other = await context.newPage();
      await signIn(other, email);
      const res = await other.request.get(url("list=customers&q="), { maxRedirects: 0 });
      expect(res.status(), email).toBe(403);
      expect(await res.text(), email).not.toContain("Zubra");
      await context.close();
    }
    // Without a session: sent to sign in, no names.
    const anonymous = await browser.newContext();
    const res = await anonymous.request.get(url("list=customers&q="), { maxRedirects: 0 });
    expect([302, 303, 307, 401]).toContain(res.status());
    expect(await res.text()).not.toContain("Zubra");
    await anonymous.close();
  });
});
