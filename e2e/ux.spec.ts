import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { parse } from "csv-parse/sync";
import { adminOf, partnerIdFromUrl, signIn, nextManager, openData, openEdit, openStatus } from "./helpers";

// What a new user tripped over (issue 13): phone widths, print, messages, dates and words. Tests that
// write use their own scratch partners (E2E UX 1…8, admins ux-N@test.example; scripts/e2e-seed.ts);
// the others only read demo partners or the read-only UX partners seeded for them.

const ux = (n: number) => `ux-${n}@test.example`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = path.join("test-results", "ux-shots");

const section = (page: Page, id: string) => page.getByTestId(`section-${id}`);

/** Submits a form (with its submit button, or `button`) and waits for the server's answer (the message's nonce changes). */
async function submit(form: Locator, button?: Locator) {
  const before = (await form.getByTestId("form-message").getAttribute("data-nonce")) ?? "0";
  await (button ?? form.locator("button[type=submit]").first()).click();
  await expect(form.locator(`[data-testid="form-message"]:not([data-nonce="${before}"])`)).toBeAttached();
}

function isoDaysFromNow(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The page is no wider than the window (nothing to scroll sideways). */
async function expectNoSideScroll(page: Page, what: string) {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect.poll(overflow, { message: what }).toBeLessThanOrEqual(0);
}

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function axe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${what} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function english(page: Page) {
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
}

async function newPage(browser: Browser, viewport = DESKTOP, opts: { timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "pt-BR", ...opts });
  return context.newPage();
}

async function managerPartnerId(page: Page, name: string): Promise<number> {
  await page.goto(`/portfolio?q=${encodeURIComponent(name)}`);
  const href = await page.getByTestId("portfolio-row").filter({ hasText: name }).first().getByRole("link").getAttribute("href");
  return Number(/\/partners\/(\d+)/.exec(href!)![1]);
}

async function addCustomer(page: Page, name: string, dporFrom: string) {
  await openData(page);
  const s = section(page, "customers");
  await s.getByLabel("Nome do cliente").fill(name);
  await s.getByLabel("DPOR desde").fill(dporFrom);
  await submit(s.locator("form"));
  await expect(s.getByTestId("form-message")).toHaveText("Salvo.");
}

async function addPerson(page: Page, name: string) {
  await openData(page);
  const s = section(page, "people");
  await s.getByLabel("Nome", { exact: true }).fill(name);
  await submit(s.locator("form").last());
  await expect(s.getByTestId("form-message").last()).toHaveText("Salvo.");
}

test.describe("issue 13: what a new user tripped over", () => {
  test("1, 5, 14: unchosen selects, future dates and implausible amounts get clear messages and store nothing (pt-BR and English)", async ({ page }) => {
    await signIn(page, ux(1));
    await openData(page);
    const revenue = section(page, "revenue");
    const passes = section(page, "passes");
    await addCustomer(page, "Cliente Um", isoDaysFromNow(-200));
    await addPerson(page, "Ana Prado");

    // (1) A select left on "choose a customer" / "choose a person": a message on the field.
    const rForm = revenue.locator("form").last();
    await revenue.getByLabel("Data da fatura").fill(isoDaysFromNow(-3));
    await revenue.getByLabel("Valor (US$)").fill("1.000,00");
    await submit(rForm);
    await expect(revenue.getByLabel("Cliente", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(rForm).toContainText("Escolha um cliente.");
    await expect(rForm).not.toContainText("registro inválido");
    await expect(revenue.getByTestId("revenue-row")).toHaveCount(0);
    const pForm = passes.locator("form").last();
    await passes.getByLabel("Exame", { exact: true }).fill("MB2-714");
    await passes.getByLabel("Aprovado em").fill(isoDaysFromNow(-3));
    await submit(pForm);
    await expect(passes.getByLabel("Pessoa", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(pForm).toContainText("Escolha uma pessoa.");

    // (5) An invoice or an exam pass after today is refused, with the reason on the field.
    await revenue.getByLabel("Cliente", { exact: true }).selectOption({ label: "Cliente Um" });
    await revenue.getByLabel("Data da fatura").fill(isoDaysFromNow(400));
    await revenue.getByLabel("Valor (US$)").fill("1.000,00");
    await submit(rForm);
    await expect(revenue.getByLabel("Data da fatura")).toHaveAttribute("aria-invalid", "true");
    await expect(rForm).toContainText("Esta data é posterior a hoje.");
    await expect(revenue.getByTestId("revenue-row")).toHaveCount(0);
    await passes.getByLabel("Pessoa", { exact: true }).selectOption({ label: "Ana Prado" });
    await passes.getByLabel("Exame", { exact: true }).fill("MB2-714");
    await passes.getByLabel("Aprovado em").fill(isoDaysFromNow(30));
    await submit(pForm);
    await expect(passes.getByLabel("Aprovado em")).toHaveAttribute("aria-invalid", "true");
    await expect(pForm).toContainText("Registre a aprovação depois do exame");
    await expect(passes.getByTestId("passes-row")).toHaveCount(0);

    // (14) Four lines near US$ 1 bn: each is asked about first; nothing is saved until confirmed.
    await revenue.getByLabel("Data da fatura").fill(isoDaysFromNow(-2));
    await revenue.getByLabel("Valor (US$)").fill("999.999.999,00");
    await submit(rForm);
    await expect(rForm).toContainText("Nada foi salvo ainda.");
    await expect(rForm).toContainText("Um único lançamento acima de US$ 10.000.000,00 é muito raro.");
    await expect(revenue.getByTestId("revenue-row")).toHaveCount(0);
    await expect(revenue.getByTestId("confirm-save")).toBeFocused();
    await expect(revenue.getByLabel("Valor (US$)")).toHaveValue("999.999.999,00"); // kept for correcting
    await revenue.getByLabel("Valor (US$)").fill("9.999.999,00"); // corrected: below the plausible size
    await submit(rForm);
    await expect(revenue.getByTestId("form-message").last()).toHaveText("Salvo.");
    await expect(revenue.getByTestId("revenue-row")).toHaveCount(1);
    await revenue.getByLabel("Cliente", { exact: true }).selectOption({ label: "Cliente Um" });
    await revenue.getByLabel("Data da fatura").fill(isoDaysFromNow(-1));
    await revenue.getByLabel("Valor (US$)").fill("20.000.000,00");
    await submit(rForm);
    await submit(revenue.locator("form").last(), revenue.getByTestId("confirm-save")); // "save anyway"
    await expect(revenue.getByTestId("form-message").last()).toHaveText("Salvo.");
    await expect(revenue.getByTestId("revenue-row")).toHaveCount(2);

    // (5) A planned leaving date is asked about, then saved and shown as "Sai em" (it has not happened yet).
    const people = section(page, "people");
    await openEdit(people, "Editar: Ana Prado");
    await people.getByLabel("Saiu em (opcional)").fill(isoDaysFromNow(60));
    await submit(people.locator("form").last());
    await expect(people.locator("form").last()).toContainText("Esta data de saída é no futuro");
    await submit(people.locator("form").last(), people.getByTestId("confirm-save"));
    await expect(people.getByTestId("people-row")).toContainText("Sai em");
    await expect(people.getByTestId("people-row")).not.toContainText("Saiu em");
    // A DPOR that starts next year is asked about too.
    const customers = section(page, "customers");
    await customers.getByLabel("Nome do cliente").fill("Cliente Futuro");
    await customers.getByLabel("DPOR desde").fill(isoDaysFromNow(365));
    await submit(customers.locator("form"));
    await expect(customers.locator("form")).toContainText("Esta data de início do DPOR é no futuro");
    await expect(customers.getByTestId("customers-row")).toHaveCount(1);

    // The same messages in English.
    await english(page);
    const rFormEn = section(page, "revenue").locator("form").last();
    await section(page, "revenue").getByLabel("Invoice date").fill(isoDaysFromNow(400));
    await section(page, "revenue").getByLabel("Amount (US$)").fill("1,000.00");
    await submit(rFormEn);
    await expect(rFormEn).toContainText("Choose a customer.");
    await expect(rFormEn).toContainText("This date is after today.");
    const pFormEn = section(page, "passes").locator("form").last();
    await section(page, "passes").getByLabel("Person", { exact: true }).selectOption({ index: 0 });
    await submit(pFormEn);
    await expect(pFormEn).toContainText("Choose a person.");
    await expect(section(page, "revenue").getByTestId("revenue-row")).toHaveCount(2);
  });

  test("2: no page is wider than the screen at 390 and 1280 px; on a phone the rows are cards with Edit and Delete on screen", async ({ browser }) => {
    test.slow();
    const admin = await newPage(browser, PHONE);
    await signIn(admin, "ux-wide@test.example");
    const id = partnerIdFromUrl(admin);
    await expect(admin.getByTestId("current-level")).toBeVisible();
    await expectNoSideScroll(admin, "dashboard at 390 px");
    await shot(admin, "dashboard-390");
    await openData(admin);
    await expect(section(admin, "revenue").getByTestId("revenue-row")).toHaveCount(1);
    await expectNoSideScroll(admin, "data page with a 500-character note at 390 px");
    const actions = section(admin, "revenue")
      .getByRole("link", { name: /^(Editar|Edit):/ })
      .or(section(admin, "revenue").getByRole("button", { name: /^(Excluir|Delete):/ }));
    await expect(actions).toHaveCount(2);
    for (const b of await actions.all()) {
      await b.scrollIntoViewIfNeeded();
      await expect(b).toBeInViewport();
      const box = (await b.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await shot(admin, "data-390");
    // The one edit form, opened on a phone, fits too.
    await openEdit(section(admin, "revenue"), /^(Editar|Edit):/);
    await expect(admin).toHaveURL(/edit=revenue/);
    await expectNoSideScroll(admin, "data page editing a line at 390 px");
    await admin.setViewportSize(DESKTOP);
    await expectNoSideScroll(admin, "data page with a 500-character note at 1280 px");
    await shot(admin, "data-1280");
    await openStatus(admin);
    await expectNoSideScroll(admin, "dashboard at 1280 px");
    await shot(admin, "dashboard-1280");
    await admin.goto(`/partners/${id}/report`);
    await expectNoSideScroll(admin, "report at 1280 px");
    await admin.setViewportSize(PHONE);
    await expectNoSideScroll(admin, "report at 390 px");
    await admin.context().close();

    const manager = await newPage(browser, PHONE);
    await signIn(manager, nextManager());
    await expect(manager.getByTestId("portfolio-row").first()).toBeVisible();
    await expectNoSideScroll(manager, "portfolio at 390 px");
    // The sort links stay usable on a phone (a row of links above the cards).
    await manager.getByTestId("sort-risk").scrollIntoViewIfNeeded();
    const sortBox = (await manager.getByTestId("sort-risk").boundingBox())!;
    expect(sortBox.x + sortBox.width).toBeLessThanOrEqual(PHONE.width);
    await shot(manager, "portfolio-390");
    await manager.goto("/portfolio/report");
    await expectNoSideScroll(manager, "portfolio report at 390 px");
    await manager.setViewportSize(DESKTOP);
    await manager.goto("/portfolio");
    await expectNoSideScroll(manager, "portfolio at 1280 px");
    await shot(manager, "portfolio-1280");
    await manager.context().close();
  });

  test("3: the printed report (PDF) shows the progress bars filled, even without background graphics", async ({ page }) => {
    await signIn(page, adminOf("estrela"));
    const id = partnerIdFromUrl(page);
    await page.goto(`/partners/${id}/report`);
    await expect(page.getByTestId("gold-progress")).toHaveAttribute("data-ratio", "1.0000");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ux-pdf-"));
    const pdf = path.join(dir, "report.pdf");
    fs.writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true })); // printBackground off, as a browser's default
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.copyFileSync(pdf, path.join(SHOTS, "report.pdf"));
    // Page 1 as an image (PPM: a header and raw RGB), to count the bars' green pixels.
    execFileSync("pdftoppm", ["-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, path.join(dir, "page1")]);
    execFileSync("pdftoppm", ["-r", "60", "-f", "1", "-l", "1", "-singlefile", "-png", pdf, path.join(SHOTS, "report-page1")]);
    const ppm = fs.readFileSync(path.join(dir, "page1.ppm"));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"))!;
    const pixels = ppm.subarray(header[0].length);
    let green = 0;
    for (let i = 0; i + 2 < pixels.length; i += 3) {
      const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
      if (g > 120 && r < 90 && b < 130 && g - r > 60) green++;
    }
    // Two full bars of about 11 x 430 px at 60 dpi; text in green is far less.
    expect(green).toBeGreaterThan(3000);
  });

  test("4: an edit conflict shows the other person's values with labels, formatted, and the table shows them at once", async ({ browser }) => {
    const a = await newPage(browser);
    const b = await newPage(browser);
    await signIn(a, ux(3));
    await addCustomer(a, "Cliente Conflito", isoDaysFromNow(-300));
    const ra = section(a, "revenue");
    await ra.getByLabel("Cliente", { exact: true }).selectOption({ label: "Cliente Conflito" });
    await ra.getByLabel("Data da fatura").fill("2026-03-10");
    await ra.getByLabel("Valor (US$)").fill("12.000,00");
    await submit(ra.locator("form").last());
    await expect(ra.getByTestId("revenue-row")).toHaveCount(1);
    await signIn(b, ux(3));
    await openData(b);
    const rb = section(b, "revenue");
    for (const r of [ra, rb]) await openEdit(r, /^Editar: Cliente Conflito/);
    for (const r of [ra, rb]) await expect(r.getByLabel("Valor (US$)")).toHaveValue("12.000,00");
    await ra.getByLabel("Valor (US$)").fill("13.000,00");
    await submit(ra.locator("form").last());
    await expect(ra.getByTestId("form-message").last()).toHaveText("Salvo.");
    await rb.getByLabel("Observação (opcional)").fill("mudança de B");
    await submit(rb.locator("form").last());
    const current = rb.getByTestId("conflict-current");
    await expect(current).toContainText("Valores salvos pela outra pessoa:");
    await expect(current).toContainText("Cliente: Cliente Conflito");
    await expect(current).toContainText("Valor (US$): US$ 13.000,00");
    await expect(current).toContainText("Data da fatura: 10 de mar. de 2026");
    await expect(current).not.toContainText("customerId");
    await expect(current).not.toContainText("crm-online");
    // The table shows the other person's amount without a reload, and the keyboard is on "edit the current version".
    await expect(rb.getByTestId("revenue-row")).toContainText("US$ 13.000,00");
    await expect(rb.getByRole("button", { name: "Editar a versão atual" })).toBeFocused();
    // Editing the current version opens the other person's values, not what this one typed over the old one.
    await rb.getByRole("button", { name: "Editar a versão atual" }).click();
    await expect(rb.getByLabel("Valor (US$)")).toHaveValue("13.000,00");
    await expect(rb.getByLabel("Observação (opcional)")).toHaveValue("");
    await rb.getByLabel("Observação (opcional)").fill("mudança de B, sobre a de A");
    await submit(rb.locator("form").last());
    await expect(rb.getByTestId("form-message").last()).toHaveText("Salvo.");
    await expect(rb.getByTestId("revenue-row")).toContainText("US$ 13.000,00");
    await expect(rb.getByTestId("revenue-row")).toContainText("mudança de B, sobre a de A");
    await a.context().close();
    await b.context().close();
  });

  test("6, 9: words a native speaker would write; no risk box with nothing to lose; one meaning of “at risk” on both screens", async ({ browser }) => {
    const aurora = await newPage(browser);
    await signIn(aurora, adminOf("aurora"));
    await expect(aurora.getByTestId("risk-panel")).toHaveCount(0); // no level, nothing to lose
    await aurora.getByText("Como isto é calculado").click();
    await expect(aurora.getByText("Só contam CRM Online ou Dynamics 365 Plano 1;")).toBeVisible();
    await openData(aurora);
    await expect(aurora.getByRole("heading", { level: 1 })).toHaveText("Aurora Sistemas: dados do parceiro");
    await expect(section(aurora, "customers").getByTestId("customers-empty")).toHaveText("Nenhum cliente ainda.");
    await expect(section(aurora, "people").getByTestId("people-empty")).toHaveText("Nenhuma pessoa ainda.");
    await english(aurora);
    await expect(aurora.getByRole("heading", { level: 1 })).toHaveText("Aurora Sistemas: partner data");
    await expect(section(aurora, "people").getByTestId("people-empty")).toHaveText("No people yet.");
    await aurora.context().close();

    // Estrela loses Gold within 90 days: "at risk", in red, the same horizon as the portfolio's count.
    const estrela = await newPage(browser);
    await signIn(estrela, adminOf("estrela"));
    await expect(estrela.getByTestId("risk-panel")).toHaveAttribute("data-at-risk", "true");
    await expect(estrela.getByRole("heading", { name: "Em risco: perda de nível em até 90 dias" })).toBeVisible();
    await expect(estrela.getByTestId("risk-panel")).toContainText("“Em risco” quer dizer: se nada mudar, o nível é perdido em até 90 dias.");
    // (10) One date style per sentence: no numeric date next to a written one.
    await expect(estrela.getByTestId("risk-panel")).not.toContainText(/\d{2}\/\d{2}\/\d{4}/);
    await expect(estrela.getByTestId("risk-date")).toContainText(/\d{1,2} de [a-zç]{3}\. de \d{4}/);
    await estrela.context().close();

    // A loss eight months away is an outlook, not a red "at risk".
    const later = await newPage(browser);
    await signIn(later, "ux-outlook@test.example");
    await expect(later.getByTestId("risk-panel")).toHaveAttribute("data-at-risk", "false");
    await expect(later.getByRole("heading", { name: "Manutenção do nível" })).toBeVisible();
    await expect(later.getByTestId("risk-date")).toContainText("Não está em risco: nada muda nos próximos 90 dias.");
    await later.context().close();

    const manager = await newPage(browser);
    await signIn(manager, nextManager());
    await expect(manager.getByTestId("count-atRisk")).toContainText("em risco nos próximos 90 dias");
    await manager.goto("/portfolio?q=Estrela%20Cloud");
    await expect(manager.getByTestId("cell-risk").first()).toHaveAttribute("data-at-risk", "true");
    await manager.goto("/portfolio?q=Perda%20Distante");
    await expect(manager.getByTestId("cell-risk").first()).not.toHaveAttribute("data-at-risk", "true");
    await expect(manager.getByTestId("cell-risk").first()).not.toHaveText("—"); // the date is shown, calmly
    await manager.context().close();
  });

  test("7, 11: the review box stops at 2,000 characters like its hint and the server; ignored portfolio parameters are named with the reason", async ({
    page,
  }) => {
    await signIn(page, nextManager());
    const id = await managerPartnerId(page, "Cerrado Tecnologia");
    await page.goto(`/partners/${id}`);
    const body = page.getByTestId("review-form").getByLabel("Nota");
    await expect(body).toHaveAttribute("maxlength", "2000");
    await expect(page.getByTestId("review-form")).toContainText("Até 2.000 caracteres.");
    await body.fill("x".repeat(2500));
    await expect.poll(async () => (await body.inputValue()).length).toBeLessThanOrEqual(2000);

    await page.goto("/portfolio?maxExams=-1&maxShortfall=150&size=2");
    const ignored = page.getByTestId("ignored-params");
    await expect(ignored).toContainText("Alguns parâmetros do endereço foram ignorados:");
    await expect(ignored).toContainText("maxExams=-1: “Exames até o próximo nível” deve ser um número inteiro de 0 a 12.");
    await expect(ignored).toContainText("maxShortfall=150: “Receita faltante” deve ser uma porcentagem de 0 a 100");
    await expect(ignored).toContainText("size=2: as linhas por página podem ser 10, 20, 50, 100; usando 20.");
  });

  test("7, 11 in English", async ({ page }) => {
    await signIn(page, nextManager());
    await english(page);
    await page.goto("/portfolio?maxExams=-1&maxShortfall=150&size=2");
    const ignored = page.getByTestId("ignored-params");
    await expect(ignored).toContainText("maxExams=-1: “Exams to the next level” must be a whole number from 0 to 12.");
    await expect(ignored).toContainText("maxShortfall=150: “Revenue shortfall” must be a percentage from 0 to 100");
    await expect(ignored).toContainText("size=2: rows per page can be 10, 20, 50, 100; using 20.");
    await page.getByTestId("portfolio-row").filter({ hasText: "Cerrado Tecnologia" }).getByRole("link").click();
    await expect(page.getByTestId("review-form")).toContainText("Up to 2,000 characters.");
  });

  test("8: the keyboard stays where the person works: after an add, a delete, and Escape on the question", async ({ page }) => {
    await signIn(page, ux(4));
    await openData(page);
    const customers = section(page, "customers");
    await customers.getByLabel("Nome do cliente").fill("Cliente Teclado");
    await customers.getByLabel("Nome do cliente").press("Enter");
    await expect(customers.getByTestId("customers-row")).toHaveCount(1);
    await expect(customers.getByLabel("Nome do cliente")).toBeFocused(); // ready for the next one
    await page.keyboard.type("Cliente Dois");
    await page.keyboard.press("Enter");
    await expect(customers.getByTestId("customers-row")).toHaveCount(2);

    const del = customers.getByRole("button", { name: "Excluir: Cliente Dois" });
    await del.click();
    await expect(customers.getByRole("button", { name: "Manter" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(customers.getByRole("button", { name: "Sim, excluir" })).toHaveCount(0);
    await expect(del).toBeFocused();
    await page.keyboard.press("Enter");
    await customers.getByRole("button", { name: "Sim, excluir" }).click();
    await expect(customers.getByTestId("customers-row")).toHaveCount(1);
    await expect(customers.getByRole("heading", { name: "Clientes" })).toBeFocused();

    // Edit (a link, from the keyboard) moves to the form; saving returns to the row's Edit link; Cancel too.
    await customers.getByRole("link", { name: "Editar: Cliente Teclado" }).focus();
    await page.keyboard.press("Enter");
    await expect(customers.getByLabel("Nome do cliente")).toHaveValue("Cliente Teclado");
    await expect(customers.getByLabel("Nome do cliente")).toBeFocused();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Cliente Teclado 2");
    await page.keyboard.press("Enter");
    await expect(customers.getByRole("link", { name: "Editar: Cliente Teclado 2" })).toBeFocused();
    await expect(page).not.toHaveURL(/edit=/);
    await page.keyboard.press("Enter");
    await expect(customers.getByLabel("Nome do cliente")).toBeFocused();
    await customers.getByRole("link", { name: "Cancelar" }).focus();
    await page.keyboard.press("Enter");
    await expect(customers.getByRole("link", { name: "Editar: Cliente Teclado 2" })).toBeFocused();
    await expect(customers.getByRole("heading", { name: "Adicionar um cliente" })).toBeVisible();
  });

  test.describe("10: dates and times", () => {
    test.use({ timezoneId: "America/Sao_Paulo" });

    test("times are shown in the browser's time zone, or the one chosen in the preferences; English dates are unambiguous", async ({ page }) => {
      const zone = (tz: string, locale = "pt-BR") =>
        new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: "short" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName")!.value;
      await signIn(page, ux(5));
      const id = partnerIdFromUrl(page);
      await page.goto(`/partners/${id}/report`);
      await expect(page.getByTestId("generated-at")).toContainText(zone("America/Sao_Paulo"));
      await expect(page.getByTestId("generated-at")).not.toContainText("UTC");

      await page.goto("/account/preferences");
      await page.getByLabel("Fuso horário").selectOption("Asia/Tokyo");
      await submit(page.getByTestId("preferences-form"));
      await expect(page.getByTestId("form-message")).toHaveText("Salvo.");
      await page.goto(`/partners/${id}/report`);
      await expect(page.getByTestId("generated-at")).toContainText(zone("Asia/Tokyo"));
      await page.goto("/account/preferences");
      await page.getByLabel("Fuso horário").selectOption("");
      await submit(page.getByTestId("preferences-form"));
      await page.goto(`/partners/${id}/report`);
      await expect(page.getByTestId("generated-at")).toContainText(zone("America/Sao_Paulo"));

      // English: "1 Aug 2026", never "8/1/26".
      await page.goto(`/partners/${id}`);
      await english(page);
      await addPersonEn(page, "Joana Dias", "2026-08-01");
      await expect(section(page, "people").getByTestId("people-row")).toContainText("1 Aug 2026");
      await expect(page.locator("main")).not.toContainText(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/);
      await openStatus(page);
      await expect(page.getByTestId("current-level").locator("xpath=..")).toContainText(/As of \d{1,2} [A-Z][a-z]{2} \d{4},/);
      await expect(page.locator("main")).not.toContainText(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/);
    });
  });

  test("12, 15: a namesake partner is asked about; the rule-set select shows its whole label; the new admin's password change is confirmed", async ({
    browser,
  }) => {
    const manager = await newPage(browser);
    await signIn(manager, nextManager());
    await manager.goto("/partners/new");
    const form = manager.getByTestId("new-partner-form");
    await form.getByLabel("Nome do parceiro").fill("e2e ux  homonimo");
    await form.getByLabel("ID de parceiro Microsoft").fill("9700199");
    await form.getByLabel("Nome do administrador").fill("Hélio Homônimo");
    await form.getByLabel("E-mail do administrador").fill("ux-namesake@test.example");
    await submit(form);
    await expect(form.getByLabel("Nome do parceiro")).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText("Já existe um parceiro chamado E2E UX Homônimo (ID 9700103).");
    await expect(manager.getByTestId("temporary-password")).toHaveCount(0);
    await submit(form, form.getByTestId("confirm-save"));
    await expect(manager.getByTestId("form-message").first()).toContainText("Parceiro e conta de administrador criados.");
    const temporary = (await manager.getByTestId("temporary-password-value").textContent())!.trim();

    // The rule-set select fits its longest label, at 1280 and at 390 px.
    const id = await managerPartnerId(manager, "Cerrado Tecnologia");
    for (const viewport of [DESKTOP, PHONE]) {
      await manager.setViewportSize(viewport);
      await manager.goto(`/partners/${id}`);
      const select = manager.getByTestId("settings-form").getByLabel("Conjunto de regras");
      for (const v of ["V1", "V2", "V3"]) {
        await select.selectOption(v);
        const fits = await select.evaluate((el: HTMLSelectElement) => {
          const ctx = document.createElement("canvas").getContext("2d")!;
          const cs = getComputedStyle(el);
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          return ctx.measureText(el.selectedOptions[0]!.text).width + 28 <= el.clientWidth;
        });
        expect(fits, `${v} at ${viewport.width} px`).toBe(true);
      }
      await expect(manager.getByTestId("settings-form")).toContainText("MB2-709");
    }
    await manager.context().close();

    // (15) The new admin changes the temporary password and is told it worked on the next page.
    const admin = await newPage(browser);
    await admin.goto("/sign-in");
    await admin.locator("#email").fill("ux-namesake@test.example");
    await admin.locator("#password").fill(temporary);
    await admin.locator("form button[type=submit]").last().click();
    await expect(admin).toHaveURL(/\/account\/password/);
    await admin.getByLabel("Senha atual").fill(temporary);
    await admin.getByLabel("Nova senha", { exact: true }).fill("homonimo-nova-2026");
    await admin.getByLabel("Nova senha de novo").fill("homonimo-nova-2026");
    await admin.getByRole("button", { name: "Trocar senha" }).click();
    await expect(admin).toHaveURL(/\/partners\/\d+/);
    await expect(admin.getByTestId("flash")).toHaveText("Sua senha foi trocada. Use a nova senha da próxima vez que entrar.");
    await admin.reload();
    await expect(admin.getByTestId("flash")).toHaveCount(0); // once
    await admin.context().close();
  });

  test("13: as of a date before the rule set existed, the page and the report say so (pt-BR and English)", async ({ page }) => {
    await signIn(page, adminOf("cerrado"));
    const id = partnerIdFromUrl(page);
    await page.goto(`/partners/${id}?asOf=2016-01-01`);
    await expect(page.getByTestId("rule-set-not-yet")).toHaveText(
      "Em 1 de jan. de 2016, o conjunto de regras V1 ainda não existia: ele entrou em vigor em 27 de jun. de 2017. Os números abaixo aplicam essas regras a uma data anterior a elas, só como ilustração.",
    );
    await page.goto(`/partners/${id}/report?asOf=2016-01-01`);
    await expect(page.getByTestId("rule-set-not-yet")).toContainText("ainda não existia");
    await page.goto(`/partners/${id}?asOf=2017-06-27`);
    await expect(page.getByTestId("current-level")).toBeVisible();
    await expect(page.getByTestId("rule-set-not-yet")).toHaveCount(0);
  });

  test("15: an icon and no 404 on a first load; a password change is confirmed; the portfolio CSV writes slots as numbers", async ({ page }) => {
    const missing: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await signIn(page, ux(6));
    await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon\.svg|favicon\.ico/);
    const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect((await page.request.get(href!)).status()).toBe(200);
    expect(missing).toEqual([]);

    await page.getByRole("link", { name: "Trocar senha" }).click();
    await page.getByLabel("Senha atual").fill("demo-2026");
    await page.getByLabel("Nova senha", { exact: true }).fill("ux-seis-nova-2026");
    await page.getByLabel("Nova senha de novo").fill("ux-seis-nova-2026");
    await page.getByRole("button", { name: "Trocar senha" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Sua senha foi trocada." })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Sua senha foi trocada." })).toBeFocused();
  });

  test("15: the portfolio CSV has the slots as two numeric columns", async ({ page }) => {
    await signIn(page, nextManager());
    const res = await page.request.get("/portfolio/export?q=Delta%20CRM");
    const records = parse(await res.text(), { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    const delta = records.find((r) => r["Parceiro"] === "Delta CRM Partners")!;
    expect(delta).toMatchObject({ "Vagas Silver preenchidas": "2", "Vagas Silver exigidas": "2", "Vagas Gold preenchidas": "3", "Vagas Gold exigidas": "4" });
    for (const r of records) for (const v of Object.values(r)) expect(v).not.toMatch(/^\d+\/\d+$/);
  });

  for (const viewport of [PHONE, DESKTOP]) {
    test(`axe finds no violations and nothing scrolls sideways on every page at ${viewport.width} px`, async ({ browser }) => {
      test.slow();
      const manager = await newPage(browser, viewport);
      await signIn(manager, nextManager());
      const estrela = await managerPartnerId(manager, "Estrela Cloud");
      for (const url of [
        "/portfolio",
        `/partners/${estrela}`,
        `/partners/${estrela}/data`,
        `/partners/${estrela}/report`,
        "/portfolio/report",
        "/partners/new",
        "/account/preferences",
        "/account/password",
      ]) {
        await manager.goto(url);
        await expect(manager.locator("main")).toBeVisible();
        await expectNoSideScroll(manager, `${url} at ${viewport.width} px`);
        await axe(manager, `${url} at ${viewport.width} px:`);
        await shot(manager, `manager-${url.replace(/\/\d+/g, "").replace(/\W+/g, "-")}-${viewport.width}`);
      }
      await manager.context().close();

      const admin = await newPage(browser, viewport);
      await signIn(admin, "ux-wide@test.example");
      const id = partnerIdFromUrl(admin);
      for (const url of [`/partners/${id}`, `/partners/${id}/data`, `/partners/${id}/report`, `/partners/${id}?asOf=2016-01-01`]) {
        await admin.goto(url);
        await expect(admin.locator("main")).toBeVisible();
        await expectNoSideScroll(admin, `${url} at ${viewport.width} px`);
        await axe(admin, `${url} at ${viewport.width} px:`);
        await shot(admin, `admin-${url.replace(/\/\d+/g, "").replace(/\W+/g, "-")}-${viewport.width}`);
      }
      await admin.context().close();

      // English, on a partner of its own (the language is saved per user).
      const en = await newPage(browser, viewport);
      await signIn(en, ux(7));
      await english(en);
      await addPersonEn(en, `Axe ${viewport.width}`, "2025-01-15");
      await expectNoSideScroll(en, `English data page at ${viewport.width} px`);
      await axe(en, `English data page at ${viewport.width} px:`);
      await openStatus(en);
      await expectNoSideScroll(en, `English dashboard at ${viewport.width} px`);
      await axe(en, `English dashboard at ${viewport.width} px:`);
      await en.context().close();
    });
  }
});

async function addPersonEn(page: Page, name: string, joinedOn: string) {
  await openData(page);
  const s = section(page, "people");
  await s.getByLabel("Name", { exact: true }).fill(name);
  await s.getByLabel("Joined on (optional)").fill(joinedOn);
  await submit(s.locator("form").last());
  await expect(s.getByTestId("form-message").last()).toHaveText("Saved.");
}
