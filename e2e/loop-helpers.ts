// Shared steps of the review loop's tests (review queue, replies, notifications, audit log, accounts).
import { expect, type Locator, type Page } from "@playwright/test";
import { partnerIdFromUrl, signIn, nextManager, openData, openEdit, openStatus } from "./helpers";

export const LANGS = ["pt-BR", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const loopAdmin = (name: string, lang: Lang) => `loop-${name}-${lang.toLowerCase()}@test.example`;

/** Words of the UI each test reads, per language. */
export const W = {
  "pt-BR": {
    edit: "Editar",
    amount: "Valor (US$)",
    saved: "Salvo.",
    decision: "Decisão",
    note: "Nota",
    addNote: "Adicionar nota",
    approved: "Aprovado",
    needsInfo: "Precisa de informações",
    replyLabel: "Sua resposta",
    sendReply: "Enviar resposta",
    ruleSet: "Conjunto de regras",
    saveSettings: "Salvar configurações",
    wrongPassword: "E-mail ou senha incorretos.",
    money90: "US$ 90.000,00",
    money95: "US$ 95.000,00",
    amount95: "95.000,00",
  },
  en: {
    edit: "Edit",
    amount: "Amount (US$)",
    saved: "Saved.",
    decision: "Decision",
    note: "Note",
    addNote: "Add note",
    approved: "Approved",
    needsInfo: "Needs information",
    replyLabel: "Your reply",
    sendReply: "Send reply",
    ruleSet: "Rule set",
    saveSettings: "Save settings",
    wrongPassword: "Wrong email or password.",
    money90: "$90,000.00",
    money95: "$95,000.00",
    amount95: "95,000.00",
  },
} as const;

/** Signs a partner admin in (their account reads the app in its language); returns their partner id. */
export async function signInAdmin(page: Page, email: string): Promise<number> {
  await signIn(page, email);
  return partnerIdFromUrl(page);
}

/** Signs a channel manager in, in the language of the test (the pt-BR one never switches; the English one does). */
export async function signInManager(page: Page, lang: Lang): Promise<void> {
  await signIn(page, nextManager());
  if (lang === "en") {
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  }
}

/** Submits a form and waits for the server's answer (the message's nonce changes on every answer). */
export async function submit(form: Locator): Promise<void> {
  const message = form.getByTestId("form-message").last();
  const before = (await message.getAttribute("data-nonce")) ?? "0";
  await form.locator("button[type=submit]").first().click();
  await expect(form.locator(`[data-testid="form-message"]:not([data-nonce="${before}"])`).last()).toBeAttached();
}

/**
 * The partner admin changes the amount of the revenue line of US$ 90,000.00 (the demo's Silver partner) on the
 * data page, then returns to the dashboard.
 */
export async function editRevenue90(page: Page, lang: Lang, amount: string): Promise<void> {
  await openData(page);
  const s = page.getByTestId("section-revenue");
  await openEdit(s, new RegExp(`^${W[lang].edit}: .*${W[lang].money90.replace(/[$.]/g, "\\$&")}`));
  await s.getByLabel(W[lang].amount).fill(amount);
  const form = s.locator("form").last();
  await submit(form);
  await expect(form.getByTestId("form-message").last()).toHaveText(W[lang].saved);
  await openStatus(page);
}

/** A channel manager records a review note with a decision on the partner's page (already open). */
export async function recordDecision(page: Page, lang: Lang, decision: string, body: string): Promise<void> {
  const form = page.getByTestId("review-form");
  await form.getByLabel(W[lang].decision).selectOption({ label: decision });
  await form.getByLabel(W[lang].note, { exact: true }).fill(body);
  await submit(form);
  await expect(form.getByTestId("form-message")).toHaveText(W[lang].saved);
}
