import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { LANGS, W, editRevenue90, loopAdmin, signInAdmin, signInManager } from "./loop-helpers";

// The audit log (issue 12): who changed what, before → after in words, filters, pages and CSV.
for (const lang of LANGS) {
  test(`the audit log shows a revenue edit with before → after and exports it as CSV (${lang})`, async ({ page, browser }) => {
    const email = loopAdmin("audit", lang);
    const partnerId = await signInAdmin(page, email);
    await editRevenue90(page, lang, W[lang].amount95);

    // The partner's own log: the newest line is the edit, in words (field label, formatted money).
    await page.goto(`/partners/${partnerId}/audit`);
    const line = page.getByTestId("audit-line").first();
    await expect(line).toHaveAttribute("data-entity", "revenue_line");
    await expect(line.getByTestId("audit-who")).toContainText(email);
    const change = line.locator('[data-testid="audit-change"][data-field="amountCents"]');
    await expect(change).toContainText(`${W[lang].money90} → ${W[lang].money95}`);
    await expect(change).toContainText(lang === "en" ? "Amount" : "Valor");
    await expect(line).not.toContainText("amountCents");

    // Filters: the kind of record and the person, in the URL.
    await page.getByLabel(lang === "en" ? "Kind of record" : "Tipo de registro").selectOption("revenue_line");
    await page.getByLabel(lang === "en" ? "Person" : "Pessoa", { exact: true }).fill(email);
    await page.getByRole("button", { name: lang === "en" ? "Apply filters" : "Aplicar filtros" }).click();
    await expect(page).toHaveURL(/entity=revenue_line/);
    await expect(page.getByTestId("audit-line")).not.toHaveCount(0);
    for (const e of await page.getByTestId("audit-line").all()) await expect(e).toHaveAttribute("data-entity", "revenue_line");

    // CSV of the filtered view, in the reader's language.
    const download = page.waitForEvent("download");
    await page.getByTestId("audit-csv").click();
    const csv = fs.readFileSync((await (await download).path())!, "utf8").replace(/\u00a0/g, " ");
    const sep = lang === "en" ? "," : ";";
    expect(csv.split("\r\n")[0]).toContain(lang === "en" ? `Field${sep}Before${sep}After` : `Campo${sep}Antes${sep}Depois`);
    expect(csv).toContain(W[lang].money90);
    expect(csv).toContain(W[lang].money95);

    // A channel manager finds it in the global log by the person.
    const cm = await browser.newPage();
    await signInManager(cm, lang);
    await cm.goto(`/audit?person=${encodeURIComponent(email)}&entity=revenue_line`);
    await expect(cm.getByTestId("audit-line").first().locator('[data-field="amountCents"]')).toContainText(`${W[lang].money90} → ${W[lang].money95}`);
    await cm.close();
  });
}

test("a partner admin cannot read another partner's audit log", async ({ page, request }) => {
  const own = await signInAdmin(page, loopAdmin("audit", "pt-BR"));
  const other = await page.request.get(`/partners/${own + 1}/audit`, { maxRedirects: 0 });
  expect(other.status()).toBe(403);
  expect((await page.request.get(`/partners/${own + 1}/audit/export`, { maxRedirects: 0 })).status()).toBe(403);
  expect((await page.request.get("/audit", { maxRedirects: 0 })).status()).toBe(403);
  expect((await request.get("/audit/export", { maxRedirects: 0 })).status()).toBeGreaterThanOrEqual(300);
});
