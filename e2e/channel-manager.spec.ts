import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { parse } from "csv-parse/sync";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { manager, signIn, nextManager, openData } from "./helpers";
import { openTestDb } from "./actions";

// The channel manager's journeys. Demo partners are only read here; tests that write use their own
// scratch partners (e2e-1 … e2e-12), so tests never share mutable data.

const rows = (page: Page) => page.getByTestId("portfolio-row");
const names = async (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-name")!));

async function pdfText(buffer: Buffer): Promise<{ pages: number; size: number[]; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(buffer), disableFontFace: true, useSystemFonts: false }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => ("str" in it ? it.str : "")).join(" ") + "\n";
  }
  return { pages: doc.numPages, size: (await doc.getPage(1)).view, text: text.replace(/\s+/g, " ") };
}

async function download(page: Page, trigger: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent("download"), trigger()]);
  const stream = await dl.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: dl.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
}

test.describe("channel manager", () => {
  test("filters, searches, sorts and pages the portfolio, all in the URL", async ({ page }) => {
    await signIn(page, manager(4));
    await expect(page.getByRole("heading", { name: "Carteira de parceiros" })).toBeVisible();
    const total = Number(await page.getByTestId("result-count").getAttribute("data-total"));
    expect(total).toBeGreaterThanOrEqual(29);

    // Counts on top match the rows they link to.
    const gold = Number(await page.getByTestId("count-gold").locator("[data-value]").getAttribute("data-value"));
    await page.getByTestId("count-gold").click();
    await expect(page).toHaveURL(/level=gold/);
    await expect(page.getByTestId("result-count")).toHaveAttribute("data-total", String(gold));
    for (const l of await page.getByTestId("cell-level").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-level")))) expect(l).toBe("gold");
    await expect.poll(() => names(page)).toContain("Estrela Cloud");

    // Search by name and by partner ID, through the form.
    await page.goto("/portfolio");
    await page.getByLabel("Buscar por nome ou ID do parceiro").fill("delta");
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page).toHaveURL(/q=delta/);
    await expect.poll(async () => (await names(page)).sort()).toEqual(["Delta CRM Partners", "E2E Delta Cópia"]);
    await page.getByLabel("Buscar por nome ou ID do parceiro").fill("4100007");
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect.poll(() => names(page)).toEqual(["Gaia Integradores"]);

    // Market filter: Fronteira is the developing-market partner.
    await page.goto("/portfolio?market=developing");
    await expect.poll(() => names(page)).toContain("Fronteira Digital");
    await expect.poll(() => names(page)).not.toContain("Cerrado Tecnologia");

    // Sort by revenue, descending, by clicking the column header twice.
    await page.goto("/portfolio?size=50");
    await page.getByTestId("sort-revenue").click();
    await expect(page).toHaveURL(/sort=revenue/);
    await page.getByTestId("sort-revenue").click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect(page.getByRole("columnheader", { name: /Receita qualificada/ })).toHaveAttribute("aria-sort", "descending");
    const revenue = await rows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-revenue"))));
    expect(revenue.length).toBeGreaterThan(20);
    expect([...revenue].sort((a, b) => b - a)).toEqual(revenue);

    // Sort by revenue shortfall (share of the next threshold): Gold partners, with no next level, come last.
    await page.getByTestId("sort-shortfall").click();
    await expect(page).toHaveURL(/sort=shortfall/);
    const shortfalls = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-shortfall-bp")!));
    const withNext = shortfalls.filter((x) => x !== "").map(Number);
    expect([...withNext].sort((a, b) => a - b)).toEqual(withNext);
    expect(shortfalls.slice(withNext.length).every((x) => x === "")).toBe(true);

    // Pages of 10: page 2 holds the next names in order, and the state survives a reload.
    await page.goto("/portfolio?size=10");
    const first = await names(page);
    expect(first).toHaveLength(10);
    expect([...first].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(first);
    await page.getByRole("link", { name: "Próxima", exact: true }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId("page-info")).toContainText("Página 2 de");
    const second = await names(page);
    expect(second).toHaveLength(10);
    expect(second[0]! >= first[9]!).toBe(true);
    await page.reload();
    await expect.poll(() => names(page)).toEqual(second);

    // Close to the next level: every row needs at most 1 exam, and Delta (one exam from Gold) is there.
    await page.goto("/portfolio?maxExams=1&sort=exams");
    await expect.poll(() => names(page)).toContain("Delta CRM Partners");
    for (const e of await page.getByTestId("cell-exams").allTextContents()) expect(Number(e.trim().split(" ")[0])).toBeLessThanOrEqual(1);

    // A bad parameter is ignored with a message, not an error.
    await page.goto("/portfolio?level=platinum&page=abc");
    await expect(page.getByRole("status").filter({ hasText: "foram ignorados" })).toContainText("level=platinum");
    await expect(page.getByTestId("ignored-params")).toContainText("page=abc");
  });

  test("finds the partners closest to Gold, reviews one, prints its report on A4 and exports the portfolio", async ({ page }) => {
    await signIn(page, manager(5));
    // Closest to Gold: Silver partners by exams needed.
    await page.goto("/portfolio");
    await page.getByLabel("Nível", { exact: true }).selectOption("silver");
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect(page).toHaveURL(/level=silver/);
    await expect(page.getByTestId("sort-exams")).toHaveAttribute("href", /level=silver/);
    await page.getByTestId("sort-exams").click();
    await expect(page).toHaveURL(/sort=exams/);
    await expect.poll(async () => (await names(page))[0]).toBe("Delta CRM Partners");
    await expect(rows(page).first().getByTestId("cell-exams")).toHaveText("1 para Gold");

    // The portfolio's CSV: the current filter and sort, in pt-BR spreadsheet dialect, accents intact.
    const csv = await download(page, () => page.getByRole("link", { name: "Exportar CSV" }).click());
    expect(csv.name).toMatch(/^portfolio-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const records = parse(csv.text, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    // Every matching partner, in the page's order (the page shows the first of them).
    const shown = await names(page);
    expect(records.length).toBe(Number(await page.getByTestId("result-count").getAttribute("data-total")));
    expect(records.slice(0, shown.length).map((r) => r["Parceiro"])).toEqual(shown);
    const delta = records[0]!;
    expect(delta).toMatchObject({
      "ID do parceiro": "4100004",
      Nível: "Silver",
      "Próximo nível": "Gold",
      "Exames até o próximo nível": "1",
      "Vagas Gold preenchidas": "3",
      "Vagas Gold exigidas": "4",
    });
    expect(delta["Receita qualificada (USD)"]).toBe("320000,00");

    // Open Delta and review it.
    await rows(page).first().getByRole("link", { name: "Delta CRM Partners" }).click();
    await expect(page.getByRole("heading", { name: /Delta CRM Partners/ }).first()).toBeVisible();
    await expect(page.getByTestId("level-history")).toContainText("alcançou Silver");

    // The printed report: A4, the partner, its level and every slot's person, no navigation.
    await page.getByRole("link", { name: "Relatório para impressão" }).click();
    await expect(page.getByTestId("partner-report")).toBeVisible();
    await expect(page.getByTestId("print-button")).toBeVisible();
    await page.emulateMedia({ media: "print" });
    const pdf = await pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    // A4 is 210 × 297 mm = 595.3 × 841.9 pt (Chromium rounds to its own pixel grid: allow 2 pt).
    expect(Math.abs(pdf.size[2]! - 595.3)).toBeLessThan(2);
    expect(Math.abs(pdf.size[3]! - 841.9)).toBeLessThan(2);
    for (const s of [
      "Delta CRM Partners",
      "4100004",
      "Silver",
      "Daniela Freitas",
      "Diego Martins",
      "Débora Lima",
      "Davi Souza",
      "Transportes Atlântico",
      `Página 1 de ${pdf.pages}`,
    ])
      expect(pdf.text, s).toContain(s);
    for (const nav of ["Carteira", "Sair", "Idioma", "Trocar senha", "Imprimir"]) expect(pdf.text, nav).not.toContain(nav);
  });

  test("adds a review note with a decision and sees it in the history, the portfolio and the report", async ({ page }) => {
    await signIn(page, manager(6));
    await page.goto("/portfolio?q=E2E%20Parceiro%201&size=10");
    await page.getByRole("link", { name: "E2E Parceiro 1", exact: true }).click();
    const form = page.getByTestId("review-form");
    // An empty note is refused and nothing is stored.
    await form.getByRole("button", { name: "Adicionar nota" }).click();
    await expect(form.getByText("Escreva a nota de revisão.")).toBeVisible();
    await expect(form.getByLabel("Nota")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("review-note")).toHaveCount(0);

    await form.getByLabel("Decisão").selectOption({ label: "Precisa de informações" });
    await form.getByLabel("Nota").fill("Faltam comprovantes de DPOR <b>do cliente</b>.\nEnviar até sexta.");
    await form.getByRole("button", { name: "Adicionar nota" }).click();
    await expect(form.getByTestId("form-message")).toHaveText("Salvo.");
    const note = page.getByTestId("review-note").first();
    await expect(note).toContainText("Precisa de informações");
    await expect(note).toContainText("Faltam comprovantes de DPOR <b>do cliente</b>.");
    await expect(note).toContainText("por Marina Gerente");

    const id = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    const db = openTestDb();
    const audit = db.prepare("select count(*) n from audit_log where partner_id = ? and entity = 'review_note' and action = 'create'").get(id) as { n: number };
    db.close();
    expect(audit.n).toBe(1);

    await page.goto("/portfolio?q=E2E%20Parceiro%201&sort=review&dir=desc");
    await expect(page.locator(`[data-partner-id="${id}"]`).getByTestId("cell-review")).toContainText("Precisa de informações");
    await page.goto("/portfolio?notReviewedSince=2000-01-02&q=E2E%20Parceiro%201");
    await expect.poll(() => names(page)).not.toContain("E2E Parceiro 1");

    await page.goto(`/partners/${id}/report`);
    await expect(page.getByTestId("report-review")).toContainText("Faltam comprovantes de DPOR <b>do cliente</b>.");
  });

  test("changes a partner's market and rule set: the evaluation follows, and a stale form gets a conflict", async ({ page, browser }) => {
    await signIn(page, manager(7));
    await page.goto("/portfolio?q=E2E%20Parceiro%202&size=10");
    await page.getByRole("link", { name: "E2E Parceiro 2", exact: true }).click();
    await expect(page).toHaveURL(/\/partners\/\d+$/);
    const url = page.url();
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 100.000,00");
    const other = await browser.newPage({ locale: "pt-BR" });
    await signIn(other, manager(7));
    await other.goto(url);

    const settings = page.getByTestId("settings-form");
    await settings.getByLabel("Mercado").selectOption("developing");
    await settings.getByLabel("Conjunto de regras").selectOption("V2");
    await settings.getByRole("button", { name: "Salvar configurações" }).click();
    await settings.getByRole("button", { name: "Confirmar e salvar" }).click(); // after the preview of the effect (e2e/settings-preview.spec.ts)
    await expect(settings.getByTestId("form-message")).toHaveText("Salvo.");
    await expect(page.getByTestId("silver-revenue")).toContainText("US$ 50.000,00"); // V2's developing threshold

    // The second page still has the old version: its change is refused and shows the current values.
    const stale = other.getByTestId("settings-form");
    await stale.getByLabel("Conjunto de regras").selectOption("V3");
    await stale.getByRole("button", { name: "Salvar configurações" }).click();
    await expect(stale.getByTestId("form-message")).toContainText("Outra pessoa alterou");
    await expect(stale.getByLabel("Conjunto de regras")).toHaveValue("V2");
    await other.close();

    const db = openTestDb();
    const id = Number(/\/partners\/(\d+)/.exec(url)![1]);
    const p = db.prepare("select market, rule_set from partners where id = ?").get(id);
    const audits = db.prepare("select count(*) n from audit_log where partner_id = ? and entity = 'partner' and action = 'update'").get(id) as { n: number };
    db.close();
    expect(p).toEqual({ market: "developing", rule_set: "V2" });
    expect(audits.n).toBe(1);
  });

  test("creates a partner and its admin, who signs in with the temporary password and must change it", async ({ page }) => {
    await signIn(page, manager(9));
    await page.goto("/partners/new");
    const form = page.getByTestId("new-partner-form");
    // Bad input: every field says what is wrong, nothing is created.
    await form.getByLabel("ID de parceiro Microsoft").fill("12ab");
    await form.getByLabel("E-mail do administrador").fill("not-an-email");
    await form.getByRole("button", { name: "Criar parceiro" }).click();
    await expect(form.getByText("Informe um nome.").first()).toBeVisible();
    await expect(form.getByText("Informe o ID de parceiro Microsoft: de 4 a 12 dígitos.")).toBeVisible();
    await expect(form.getByText("Informe um endereço de e-mail válido, como ana@exemplo.com.br.")).toBeVisible();
    // A taken partner ID is refused too.
    await form.getByLabel("Nome do parceiro").fill("Ipê Novo Parceiro");
    await form.getByLabel("ID de parceiro Microsoft").fill("4100001");
    await form.getByLabel("Nome do administrador").fill("Iara Nunes");
    await form.getByLabel("E-mail do administrador").fill("iara@ipe.example");
    await form.getByRole("button", { name: "Criar parceiro" }).click();
    await expect(form.getByText("Já existe um parceiro com este ID de parceiro Microsoft.")).toBeVisible();
    const db = openTestDb();
    expect(db.prepare("select count(*) n from users where email = 'iara@ipe.example'").get()).toEqual({ n: 0 });

    await form.getByLabel("ID de parceiro Microsoft").fill("7700123");
    await form.getByRole("button", { name: "Criar parceiro" }).click();
    await expect(page.getByTestId("form-message").first()).toContainText("Parceiro e conta de administrador criados.");
    const password = (await page.getByTestId("temporary-password-value").textContent())!.trim();
    expect(password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    const row = db
      .prepare(
        "select p.name, p.market, u.must_change_password m, u.password_hash h from partners p join users u on u.partner_id = p.id where p.ms_partner_id = '7700123'",
      )
      .get() as { name: string; m: number; h: string };
    db.close();
    expect(row).toMatchObject({ name: "Ipê Novo Parceiro", m: 1 });
    expect(row.h).not.toContain(password);
    await page.goto("/portfolio?q=7700123");
    await expect.poll(() => names(page)).toEqual(["Ipê Novo Parceiro"]);

    // The new admin signs in and is sent to change the temporary password first.
    await page.getByRole("button", { name: "Sair" }).click();
    await page.goto("/sign-in");
    await page.locator("#email").fill("iara@ipe.example");
    await page.locator("#password").fill(password);
    await page.locator("form button[type=submit]").last().click();
    await expect(page).toHaveURL(/\/account\/password/);
    await expect(page.getByTestId("must-change")).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/account\/password/); // nothing else opens before the change
    await page.getByLabel("Senha atual").fill(password);
    await page.getByLabel("Nova senha", { exact: true }).fill("short");
    await page.getByLabel("Nova senha de novo").fill("short");
    await page.getByRole("button", { name: "Trocar senha" }).click();
    await expect(page.getByText("Use pelo menos 10 caracteres.")).toBeVisible();
    await page.getByLabel("Senha atual").fill(password);
    await page.getByLabel("Nova senha", { exact: true }).fill("ipe-nova-senha-2026");
    await page.getByLabel("Nova senha de novo").fill("ipe-nova-senha-2026");
    await page.getByRole("button", { name: "Trocar senha" }).click();
    await expect(page.getByRole("heading", { name: "Ipê Novo Parceiro: situação da competência" })).toBeVisible();
    await expect(page.getByTestId("current-level")).toHaveText("Sem nível");
    // The temporary password no longer works.
    await page.getByRole("button", { name: "Sair" }).click();
    await page.goto("/sign-in");
    await page.locator("#email").fill("iara@ipe.example");
    await page.locator("#password").fill(password);
    await page.locator("form button[type=submit]").last().click();
    await expect(page.getByTestId("form-error")).toHaveText("E-mail ou senha incorretos.");
  });

  test("a partner's facts export to CSV that parses back, with formulas neutralised and markup as text", async ({ page }) => {
    // The scratch partner's admin enters a customer whose name looks like a formula.
    await signIn(page, "e2e-3@test.example");
    await openData(page);
    const s = page.getByTestId("section-customers");
    await s.getByLabel("Nome do cliente").fill('=HYPERLINK("http://evil.example","Clique")');
    await s.getByLabel("DPOR desde").fill("2024-01-15");
    await s.locator("form button[type=submit]").first().click();
    await expect(s.getByTestId("customers-row")).toHaveCount(1);
    await s.getByLabel("Nome do cliente").fill("Açaí & <b>Cia</b>");
    await s.locator("form button[type=submit]").first().click();
    await expect(s.getByTestId("customers-row")).toHaveCount(2);
    const r = page.getByTestId("section-revenue");
    await r.getByLabel("Cliente", { exact: true }).selectOption({ label: "Açaí & <b>Cia</b>" });
    await r.getByLabel("Data da fatura").fill("2026-01-10");
    await r.getByLabel("Valor (US$)").fill("-1.234,56");
    await r.locator("form").last().locator("button[type=submit]").click();
    await expect(r.getByTestId("revenue-row")).toHaveCount(1);

    // The CSV exports are on the data page, beside the records.
    const customers = await download(page, () => page.getByRole("link", { name: "Clientes (CSV)" }).click());
    const c = parse(customers.text, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    expect(c).toHaveLength(2);
    expect(c).toContainEqual({ Cliente: '\'=HYPERLINK("http://evil.example","Clique")', "DPOR desde": "2024-01-15", "DPOR até": "" });
    expect(c).toContainEqual({ Cliente: "Açaí & <b>Cia</b>", "DPOR desde": "", "DPOR até": "" });
    for (const x of c) expect(x.Cliente).not.toMatch(/^[=+\-@]/);
    const revenue = await download(page, () => page.getByRole("link", { name: "Lançamentos de receita (CSV)" }).click());
    const rv = parse(revenue.text, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    expect(rv).toEqual([{ Cliente: "Açaí & <b>Cia</b>", Produto: "CRM Online", Data: "2026-01-10", "Valor (USD)": "-1234,56", Observação: "" }]);

    // In English the dialect is comma-separated with a decimal point.
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("link", { name: "Revenue lines (CSV)" })).toBeVisible();
    const en = await download(page, () => page.getByRole("link", { name: "Revenue lines (CSV)" }).click());
    expect(parse(en.text, { bom: true, columns: true })).toEqual([
      { Customer: "Açaí & <b>Cia</b>", Product: "CRM Online", Date: "2026-01-10", "Amount (USD)": "-1234.56", Note: "" },
    ]);
  });

  test("English: the portfolio, a partner and the reports in English", async ({ page }) => {
    await signIn(page, nextManager());
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Partner portfolio" })).toBeVisible();
    await page.goto("/portfolio?q=Estrela");
    await expect(rows(page).first()).toContainText("$");
    await expect(page.getByTestId("count-atRisk")).toContainText("at risk in the next 90 days");
    await page.goto("/portfolio/report?level=gold");
    await expect(page.getByTestId("portfolio-report")).toContainText("Cloud CRM competency — portfolio summary");
    await expect(page.getByTestId("portfolio-report")).toContainText("Filters: Level: Gold");
    const pdf = await pdfText(await page.pdf({ preferCSSPageSize: true }));
    expect(pdf.text).toContain("Estrela Cloud");
    expect(pdf.text).toContain("Page 1 of");
    expect(pdf.text).not.toContain("Sign out");
  });

  for (const locale of ["pt-BR", "en"] as const) {
    test(`axe finds no violations on the channel manager's pages (${locale})`, async ({ page }) => {
      test.slow(); // seven pages, each analysed whole: on a loaded machine this takes more than a minute
      // The language choice is saved per user: English runs as a channel manager of its own.
      await signIn(page, locale === "en" ? nextManager() : manager(10));
      if (locale === "en") await page.getByRole("button", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      const delta = await page.getByTestId("portfolio-row").filter({ hasText: "Delta CRM Partners" }).getAttribute("data-partner-id");
      for (const path of [
        "/portfolio",
        "/portfolio?level=silver&sort=exams&dir=desc",
        "/portfolio/report",
        `/partners/${delta}`,
        `/partners/${delta}/report`,
        "/partners/new",
        "/account/password",
      ]) {
        await page.goto(path);
        const result = await new AxeBuilder({ page }).analyze();
        expect(result.violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target).join(",")}`)).toEqual([]);
      }
    });
  }
});

test.describe("a partner admin on channel-manager ground", () => {
  test("is refused on every channel-manager page and export, and sees their own report and CSV", async ({ page }) => {
    await signIn(page, "e2e-4@test.example");
    const own = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    for (const p of ["/portfolio", "/portfolio?level=gold", "/portfolio/report", "/portfolio/export", "/partners/new"]) {
      const res = await page.request.get(p, { maxRedirects: 0 });
      expect(res.status(), p).toBe(403);
      expect(await res.text(), p).not.toContain("Estrela");
    }
    // Their own partner: no review form, no settings, but the report and CSV.
    await expect(page.getByTestId("review-form")).toHaveCount(0);
    await expect(page.getByTestId("manage-panel")).toHaveCount(0);
    expect((await page.request.get(`/partners/${own}/report`)).status()).toBe(200);
    const csv = await page.request.get(`/partners/${own}/export/people`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await page.request.get(`/partners/${own}/export/secrets`)).status()).toBe(404);
  });
});
