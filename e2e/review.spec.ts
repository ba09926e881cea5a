import { expect, test } from "@playwright/test";
import { LANGS, W, editRevenue90, loopAdmin, recordDecision, signInAdmin, signInManager, submit } from "./loop-helpers";
import { mailsTo } from "./mailbox";

// The review loop (issue 12): the review queue, replies to review notes, notifications and their e-mails.
// Each test uses its own scratch partner per language (scripts/e2e-seed.ts: loop-<name>-<lang>@test.example).

for (const lang of LANGS) {
  test.describe(`review loop (${lang})`, () => {
    test("a level change enters the review queue, shows in the portfolio filter, and leaves the queue with a decision", async ({ browser }) => {
      const admin = await browser.newPage();
      const partnerId = await signInAdmin(admin, loopAdmin("queue", lang));
      // Silver → no level: the admin corrects the largest revenue line.
      await editRevenue90(admin, lang, "1000");
      await expect(admin.getByTestId("level-silver")).toBeVisible();

      const page = await browser.newPage();
      await signInManager(page, lang);
      await page.goto("/review-queue");
      const item = page.locator(`[data-testid="queue-item"][data-partner="${partnerId}"]`);
      await expect(item.locator('[data-reason="level-changed"]')).toBeVisible();
      await expect(page.getByTestId("queue-badge")).not.toHaveText("0");
      // The portfolio's "changed since last review" filter finds it.
      await page.goto(`/portfolio?changed=1&q=${encodeURIComponent(`E2E Ciclo queue ${lang}`)}`);
      await expect(page.getByTestId("result-count")).toHaveAttribute("data-total", "1");
      // The queue item opens the partner with the reason; a decision clears it.
      await page.goto("/review-queue");
      await item.getByRole("link").first().click();
      await expect(page).toHaveURL(new RegExp(`/partners/${partnerId}`));
      await expect(page.getByTestId("queue-banner").locator('[data-reason="level-changed"]')).toBeVisible();
      await recordDecision(page, lang, W[lang].approved, "Level change reviewed.");
      await page.goto("/review-queue");
      await expect(page.getByTestId("queue-count")).toBeVisible();
      await expect(item).toHaveCount(0);
      await page.goto(`/portfolio?changed=1&q=${encodeURIComponent(`E2E Ciclo queue ${lang}`)}`);
      await expect(page.getByTestId("result-count")).toHaveAttribute("data-total", "0");
      await admin.close();
      await page.close();
    });

    test("a note asking for information reaches the admin (in the app and by e-mail), whose reply reaches the channel manager", async ({ browser }) => {
      const email = loopAdmin("reply", lang);
      const admin = await browser.newPage();
      const partnerId = await signInAdmin(admin, email);

      const page = await browser.newPage();
      await signInManager(page, lang);
      await page.goto(`/partners/${partnerId}`);
      await recordDecision(page, lang, W[lang].needsInfo, `Which customers are DPOR? (${lang})`);
      await expect(page.getByTestId("note-awaiting")).toBeVisible();

      // The admin: a notification (badge, list, e-mail in their language) that opens the note.
      await admin.goto("/notifications");
      await expect(admin.getByTestId("unread-badge")).toBeVisible();
      const note = admin.locator('[data-testid="notification"][data-kind="review-note"]');
      await expect(note).toContainText(`Which customers are DPOR? (${lang})`);
      await expect
        .poll(
          () =>
            mailsTo(email)
              .map((m) => m.text)
              .join("\n"),
          { timeout: 15_000 },
        )
        .toContain(`Which customers are DPOR? (${lang})`);
      expect(mailsTo(email).some((m) => m.text.includes(lang === "en" ? "Hello" : "Olá"))).toBe(true);
      await note.getByRole("link").click();
      await expect(admin).toHaveURL(new RegExp(`/partners/${partnerId}#note-\\d+`));
      const reply = admin.getByTestId("reply-form").first();
      // Too long: refused in words (the form's messages reach the browser), nothing stored, the text kept.
      await reply.getByLabel(W[lang].replyLabel).fill("x".repeat(2001));
      await submit(reply);
      await expect(reply).toContainText(
        lang === "en" ? "Shorten the reply to 2,000 characters or fewer." : "Encurte a resposta para no máximo 2.000 caracteres.",
      );
      await expect(admin.getByTestId("reply")).toHaveCount(0);
      await reply.getByLabel(W[lang].replyLabel).fill(`Customers A and B (${lang}).`);
      await submit(reply);
      await expect(admin.getByTestId("reply").first()).toContainText(`Customers A and B (${lang}).`);

      // The channel manager: the thread with author and time, the note answered, the queue and a notification.
      await page.reload();
      await expect(page.getByTestId("reply").first()).toContainText(`Customers A and B (${lang}).`);
      await expect(page.getByTestId("reply").first()).toContainText(`Loop reply ${lang}`);
      await expect(page.getByTestId("note-answered")).toBeVisible();
      await page.goto("/review-queue");
      await expect(page.locator(`[data-testid="queue-item"][data-partner="${partnerId}"] [data-reason="answered"]`)).toBeVisible();
      await page.goto("/notifications");
      await expect(page.locator('[data-testid="notification"][data-kind="review-reply"]').filter({ hasText: `Customers A and B (${lang}).` })).toBeVisible();
      await admin.close();
      await page.close();
    });

    test("the at-risk and rule-set notifications appear, and an e-mail arrives", async ({ browser }) => {
      // A Gold partner whose large line leaves the window within 30 days.
      const riskAdmin = loopAdmin("risk", lang);
      const risk = await browser.newPage();
      await signInAdmin(risk, riskAdmin);
      await risk.goto("/notifications");
      await expect(risk.locator('[data-testid="notification"][data-kind="at-risk-30"]')).toContainText(lang === "en" ? "would lose Gold" : "perderia Gold");
      await expect
        .poll(
          () =>
            mailsTo(riskAdmin)
              .map((m) => m.subject)
              .join("\n"),
          { timeout: 15_000 },
        )
        .toContain(lang === "en" ? "would lose Gold" : "perderia Gold");

      // A channel manager changes a partner's rule set: its admin is told.
      const notesAdmin = loopAdmin("notes", lang);
      const admin = await browser.newPage();
      const partnerId = await signInAdmin(admin, notesAdmin);
      const page = await browser.newPage();
      await signInManager(page, lang);
      await page.goto(`/partners/${partnerId}`);
      const settings = page.getByTestId("settings-form");
      await settings.getByLabel(W[lang].ruleSet).selectOption("V2");
      await submit(settings);
      // The change is previewed first (issue 11); confirmed, it is saved.
      await settings
        .getByTestId("settings-preview")
        .getByRole("button", { name: lang === "en" ? "Confirm and save" : "Confirmar e salvar" })
        .click();
      await expect(settings.getByTestId("form-message")).toHaveText(W[lang].saved);
      await admin.goto("/notifications");
      await expect(admin.locator('[data-testid="notification"][data-kind="settings-change"]')).toContainText("V1 → V2");
      await expect
        .poll(
          () =>
            mailsTo(notesAdmin)
              .map((m) => m.text)
              .join("\n"),
          { timeout: 15_000 },
        )
        .toContain("V1 → V2");
      // Opening a notification marks it read.
      await admin.locator('[data-testid="notification"][data-kind="settings-change"]').getByRole("link").click();
      await expect(admin).toHaveURL(new RegExp(`/partners/${partnerId}`));
      await admin.goto("/notifications");
      await expect(admin.locator('[data-testid="notification"][data-kind="settings-change"]')).toHaveAttribute("data-read", "1");
      await risk.close();
      await admin.close();
      await page.close();
    });
  });
}
