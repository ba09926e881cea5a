import { expect, test, type Page } from "@playwright/test";
import { openTestDb } from "./actions";
import { partnerIdFromUrl, signIn, nextManager, openData, openStatus } from "./helpers";

// Issue 11, part 1: imports from a file. Scratch partners E2E Lote 1 (pt-BR) and 2 (English): Silver's
// exams are met, one customer (Banco Sul, DPOR) with one US$ 10,000 line is stored.

function isoDaysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
const brDate = (iso: string) => iso.split("-").reverse().join("/");

async function chooseFile(page: Page, kindLabel: string, kind: string, fileLabel: string, file: { name: string; buffer: Buffer }) {
  const s = page.getByTestId("section-import");
  await s.getByLabel(kindLabel).selectOption(kind);
  await s.getByLabel(fileLabel).setInputFiles({ name: file.name, mimeType: "text/csv", buffer: file.buffer });
}

test.describe("import from a file", () => {
  test("pt-BR: a Windows-1252 revenue file with good, bad and duplicate rows — preview, refusals, import, audit entry, level change", async ({ page }) => {
    await signIn(page, "bulk-1@test.example");
    const partnerId = partnerIdFromUrl(page);
    await expect(page.getByTestId("current-level")).toHaveText("Sem nível");
    await openData(page);
    const d1 = isoDaysAgo(40);
    const d2 = isoDaysAgo(20);
    const stored = isoDaysAgo(50);
    const csv = [
      "Cliente;Produto;Data da fatura;Valor (US$);Observação",
      `Banco Sul;CRM Online;${brDate(d1)};60.000,00;fechamento`,
      `banco  SUL;Dynamics 365 Plano 1;${d2};45.000,00;`,
      `Banco Sul;CRM Online;${brDate(d1)};60.000,00;repetida`,
      `Banco Sul;CRM Online;${stored};10.000,00;já registrada`,
      `Banco Sul;Produto X;${d2};1.000,00;`,
      "Cliente Novo;CRM Online;31/02/2026;1,00;",
      `Cliente Novo;CRM Online;${d2};abc;`,
      `Lojas Ação;CRM Online;${d2};5.000,00;`,
    ].join("\r\n");
    // What Excel in pt-BR saves: Windows-1252 (ç and ã are single bytes).
    await chooseFile(page, "O arquivo contém", "revenue", "Arquivo CSV", { name: "receita-lote.csv", buffer: Buffer.from(csv, "latin1") });
    const s = page.getByTestId("section-import");
    await s.getByRole("button", { name: "Verificar o arquivo" }).click();
    const preview = s.getByTestId("import-preview");
    await expect(preview).toContainText('Lido como Windows-1252, ";" com vírgula decimal.');
    await expect(preview.getByTestId("import-summary")).toHaveText("8 linhas: 3 a gravar, 3 recusadas, 2 duplicadas.");
    await expect(preview.getByTestId("import-level")).toHaveText("Nível hoje: Sem nível → Silver depois desta importação.");
    await expect(preview.getByTestId("import-new-customers")).toContainText("Lojas Ação");
    const issues = preview.getByTestId("import-issue");
    await expect(issues).toHaveCount(5);
    await expect(issues.filter({ hasText: "Repete a linha 2." })).toContainText("4");
    await expect(issues.filter({ hasText: "Já registrada." })).toContainText("Duplicada");
    await expect(issues.filter({ hasText: "Produto desconhecido" })).toContainText("Produto");
    await expect(issues.filter({ hasText: "Data da fatura" })).toContainText("Recusada");
    await expect(issues.filter({ hasText: "Valor (US$)" })).toHaveCount(1);
    // Nothing is stored by the preview.
    const db = openTestDb();
    const lines = () => (db.prepare("select count(*) n from revenue_lines where partner_id = ?").get(partnerId) as { n: number }).n;
    expect(lines()).toBe(1);

    await preview.getByRole("button", { name: "Gravar 3 linhas" }).click();
    await expect(s.getByTestId("import-done")).toContainText("3 linhas de receita-lote.csv gravadas (3 recusadas, 2 duplicadas ignoradas).");
    await expect(s.getByTestId("import-history-item").first()).toContainText("receita-lote.csv");
    expect(lines()).toBe(4);
    await openStatus(page);
    await expect(page.getByTestId("current-level")).toHaveText("Silver");
    const audit = db.prepare("select after from audit_log where partner_id = ? and entity = 'import' and after like '%receita-lote.csv%'").all(partnerId) as {
      after: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({
      fileName: "receita-lote.csv",
      kind: "revenue",
      rows: 8,
      imported: 3,
      refused: 3,
      duplicatesSkipped: 2,
      customersCreated: 1,
    });
    expect((db.prepare("select name from customers where partner_id = ? and name like 'Lojas%'").get(partnerId) as { name: string }).name).toBe("Lojas Ação");
    db.close();
  });

  test("pt-BR: a channel manager imports on the partner's behalf; the import is recorded under the manager's name", async ({ page }) => {
    await signIn(page, nextManager());
    await page.goto("/portfolio?q=E2E%20Lote%201&size=10");
    await page.getByRole("link", { name: "E2E Lote 1", exact: true }).click();
    await expect(page).toHaveURL(/\/partners\/\d+$/);
    // The dashboard's "import from a file" leads to the import on the data page.
    await page.getByRole("link", { name: "Importar de um arquivo" }).click();
    await expect(page).toHaveURL(/\/partners\/\d+\/data#section-import$/);
    const s = page.getByTestId("section-import");
    await expect(s).toContainText("Você está importando em nome deste parceiro.");
    await chooseFile(page, "O arquivo contém", "customers", "Arquivo CSV", {
      name: "clientes-gerente.csv",
      buffer: Buffer.from("Cliente;DPOR desde\nNovo Cliente do Gerente;01/03/2025\n"),
    });
    await s.getByRole("button", { name: "Verificar o arquivo" }).click();
    await expect(s.getByTestId("import-summary")).toHaveText("1 linha: 1 a gravar, 0 recusadas, 0 duplicadas.");
    await s.getByRole("button", { name: "Gravar 1 linha" }).click();
    await expect(s.getByTestId("import-done")).toBeVisible();
    await expect(s.getByTestId("import-history-item").first()).toContainText("clientes-gerente.csv");
    await expect(s.getByTestId("import-history-item").first()).toContainText("Marina Gerente");
    await expect(page.getByTestId("section-customers").getByTestId("customers-row").filter({ hasText: "Novo Cliente do Gerente" })).toBeVisible();
  });

  test("English: a UTF-8 transcript with a BOM and a Windows-1252 people file; exams outside the rule set; a file over the limit is refused at once", async ({
    page,
  }) => {
    await signIn(page, "bulk-2@test.example");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await openData(page);
    const s = page.getByTestId("section-import");

    // A transcript, UTF-8 with a BOM, ","-separated with Portuguese headers (headers are matched in both languages).
    const transcript =
      "\uFEFF" +
      [
        "Nome,E-mail,Exame,Aprovado em",
        `João Conceição,joao@example.com,mb2713,${isoDaysAgo(30)}`,
        `João Conceição,joao@example.com,MB2-706,${isoDaysAgo(25)}`,
        `Ana Souza,,MB2-714,${isoDaysAgo(10)}`,
        `João Conceição,joao@example.com,MB2-717,${isoDaysAgo(5)}`,
      ].join("\n");
    await chooseFile(page, "The file holds", "passes", "CSV file", { name: "transcript.csv", buffer: Buffer.from(transcript, "utf8") });
    await s.getByRole("button", { name: "Check the file" }).click();
    const preview = s.getByTestId("import-preview");
    await expect(preview).toContainText('Read as UTF-8 with BOM, "," with a decimal point.');
    await expect(preview.getByTestId("import-summary")).toHaveText("4 rows: 2 to store, 1 refused, 1 duplicates.");
    await expect(preview.getByTestId("import-new-people")).toContainText("João Conceição <joao@example.com>");
    await expect(preview.getByTestId("import-not-in-rule-set")).toHaveText("Exams not in rule set V1 (those rows are refused): MB2-717.");
    await expect(preview.getByTestId("import-issue").filter({ hasText: "Already recorded." })).toContainText("Exame");
    await preview.getByRole("button", { name: "Store 2 rows" }).click();
    await expect(s.getByTestId("import-done")).toContainText("Stored 2 rows from transcript.csv");
    await expect(page.getByTestId("section-passes").getByTestId("passes-row").filter({ hasText: "João Conceição" })).toHaveCount(2);

    // People, Windows-1252, ";" dialect with a decimal comma (dates as Excel in pt-BR writes them).
    await s.getByRole("button", { name: "Import another file" }).click();
    const people = ["Nome;E-mail;Entrou em", "Conceição Araújo;ceca@example.com;01/02/2024", "Ana Souza;;", "Zé;not-an-email;"].join("\r\n");
    await chooseFile(page, "The file holds", "people", "CSV file", { name: "pessoas.csv", buffer: Buffer.from(people, "latin1") });
    await s.getByRole("button", { name: "Check the file" }).click();
    await expect(preview).toContainText('Read as Windows-1252, ";" with a decimal comma.');
    await expect(preview.getByTestId("import-summary")).toHaveText("3 rows: 1 to store, 1 refused, 1 duplicates.");
    await expect(preview.getByTestId("import-issue").filter({ hasText: "Email" })).toContainText("Refused");
    await preview.getByRole("button", { name: "Store 1 row" }).click();
    await expect(s.getByTestId("import-done")).toBeVisible();
    await expect(page.getByTestId("section-people").getByTestId("people-row").filter({ hasText: "Conceição Araújo" })).toBeVisible();

    // Too large: refused in the browser before anything is sent.
    await s.getByRole("button", { name: "Import another file" }).click();
    await chooseFile(page, "The file holds", "revenue", "CSV file", { name: "huge.csv", buffer: Buffer.alloc(9 * 1024 * 1024, 0x41) });
    await s.getByRole("button", { name: "Check the file" }).click();
    await expect(s.getByTestId("import-refused")).toHaveText("The file is larger than 8 MB: split it into smaller files.");
    // A missing column is named.
    await chooseFile(page, "The file holds", "revenue", "CSV file", { name: "bad.csv", buffer: Buffer.from("Customer,Product\nX,CRM Online\n") });
    await s.getByRole("button", { name: "Check the file" }).click();
    await expect(s.getByTestId("import-refused")).toHaveText("Columns missing: Invoice date, Amount (US$). Download the template to see the headers.");
    // The template comes in the user's language and dialect.
    const template = await page.request.get((await s.getByTestId("import-template").getAttribute("href")) as string);
    expect(await template.text()).toContain("Customer,Product,Invoice date,Amount (US$),Note");
  });

  test("the import route refuses other partners, missing sessions and files over the limit", async ({ page, request }) => {
    await signIn(page, "bulk-2@test.example");
    const own = partnerIdFromUrl(page);
    const body = Buffer.from("Customer,Product,Invoice date,Amount (US$)\nX,CRM Online,2026-01-01,1.00\n");
    const q = "?kind=revenue&mode=preview&name=x.csv";
    const origin = new URL(page.url()).origin;
    const other = await page.request.post(`/partners/${own - 1}/import${q}`, { data: body, headers: { "Content-Type": "text/csv", Origin: origin } });
    expect(other.status()).toBe(403);
    const anonymous = await request.post(`/partners/${own}/import${q}`, {
      data: body,
      headers: { "Content-Type": "text/csv", Origin: origin },
      maxRedirects: 0,
    });
    expect([401, 403, 303, 307]).toContain(anonymous.status());
    const huge = await page.request.post(`/partners/${own}/import${q}`, {
      data: Buffer.alloc(9 * 1024 * 1024, 0x41),
      headers: { "Content-Type": "text/csv", Origin: origin },
    });
    expect(huge.status()).toBe(413);
    const foreign = await page.request.post(`/partners/${own}/import${q}`, {
      data: body,
      headers: { "Content-Type": "text/csv", Origin: "https://evil.example" },
    });
    expect(foreign.status()).toBe(403);
    const ok = await page.request.post(`/partners/${own}/import${q}`, { data: body, headers: { "Content-Type": "text/csv", Origin: origin } });
    expect(ok.status()).toBe(200);
    expect(await ok.text()).toContain('"type":"preview"');
  });
});
