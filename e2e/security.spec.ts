import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { actionId, callAction, listActions, openTestDb, snapshot } from "./actions";
import { DEMO_PASSWORD, adminOf, signIn, totpCode, nextManager, openData } from "./helpers";

// Actions that are public by design (they start a session or pick a language) and write no partner data.
const PUBLIC_ACTIONS = new Set(["signInAction", "setLocaleAction"]);
// Actions that take a session waiting for its second factor (not a full session) and are refused without one.
const SECOND_FACTOR_ACTIONS = new Set(["verifySecondFactorAction", "enrolTotpAction"]);
// Actions bound to a partner id: (partnerId, prevState, formData).
const PARTNER_ACTION_FILE = "app/partners/[partnerId]/actions.ts";
// Channel-manager actions: bound to a partner id (partnerId, prevState, formData), except createPartnerAction.
const MANAGER_ACTION_FILE = "app/partners/manage-actions.ts";
const UNBOUND_MANAGER_ACTIONS = new Set(["createPartnerAction"]);
// Actions any signed-in user may call for themselves (prevState, formData).
const SELF_ACTIONS = new Set(["changePasswordAction", "savePreferencesAction", "markAllReadAction", "saveNotificationSettingsAction"]);
// The review loop (issue 12). Public: forgotten passwords (same answer for any address, single-use links).
const PUBLIC_RESET_ACTIONS = new Set(["requestPasswordResetAction", "resetPasswordAction"]);
// Bound to a partner id: a reply by that partner's own admin (a channel manager or another partner's admin gets 403).
const PARTNER_ADMIN_REPLY_FILE = "app/partners/[partnerId]/review-actions.ts";
// Bound to a partner id: a partner's admin accounts, by channel managers only (a partner admin gets 403).
const MANAGER_ACCOUNT_FILE = "app/partners/account-actions.ts";
// Unbound, channel managers only: second-factor resets between managers (a partner admin gets 403).
const MANAGER_MFA_ACTIONS = new Set(["requestMfaResetAction", "confirmMfaResetAction", "cancelMfaResetAction"]);
const managerArgs = (name: string, partnerId: number) =>
  UNBOUND_MANAGER_ACTIONS.has(name) ? [{ status: "idle", nonce: 0 }] : [partnerId, { status: "idle", nonce: 0 }];

async function sessionCookie(request: APIRequestContext, email: string): Promise<string> {
  const res = await callAction(request, { id: actionId("signInAction"), args: [{}], form: { email, password: DEMO_PASSWORD } });
  const set = res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);
  const session = set.find((c) => c.startsWith("session="));
  if (!session) throw new Error(`no session cookie for ${email}: ${res.status()}`);
  return session.split(";")[0]!;
}

/** 403, either as the status or (when the action's answer had already started streaming) as the error digest. */
async function isForbidden(res: { status(): number; text(): Promise<string> }): Promise<boolean> {
  return res.status() === 403 || (await res.text()).includes("NEXT_HTTP_ERROR_FALLBACK;403");
}

function refused(res: { status(): number; headers(): Record<string, string> }): boolean {
  const s = res.status();
  const redirect = res.headers()["x-action-redirect"] ?? res.headers()["location"] ?? "";
  return s === 403 || s === 401 || s === 404 || ((s === 303 || s === 307 || s === 200) && redirect.includes("/sign-in"));
}

test.describe("security", () => {
  test("every server action is known to this test, and without a session each is refused and writes nothing", async ({ request }) => {
    const actions = listActions();
    expect(actions.length).toBeGreaterThan(10);
    const db = openTestDb();
    const before = snapshot(db, 1);
    for (const a of actions) {
      const isPartnerAction = a.file === PARTNER_ACTION_FILE || a.file === PARTNER_ADMIN_REPLY_FILE;
      const isManagerAction = a.file === MANAGER_ACTION_FILE || a.file === MANAGER_ACCOUNT_FILE;
      const known =
        PUBLIC_ACTIONS.has(a.name) ||
        PUBLIC_RESET_ACTIONS.has(a.name) ||
        SECOND_FACTOR_ACTIONS.has(a.name) ||
        isPartnerAction ||
        isManagerAction ||
        SELF_ACTIONS.has(a.name) ||
        MANAGER_MFA_ACTIONS.has(a.name) ||
        ["signOutAction"].includes(a.name);
      expect(known, `server action ${a.name} in ${a.file} has no security expectation in e2e/security.spec.ts`).toBe(true);
      // Each action's own argument shape: bound partner id + state, state only, the form only, or nothing.
      const args = isPartnerAction
        ? [1, { status: "idle", nonce: 0 }]
        : isManagerAction
          ? managerArgs(a.name, 1)
          : a.name === "setLocaleAction" || a.name === "signOutAction"
            ? []
            : [{ nonce: 0 }];
      const res = await callAction(request, {
        id: a.id,
        args,
        form: {
          name: "Intruder",
          id: "1",
          version: "1",
          code: "123456",
          decision: "approved",
          body: "Intruder",
          market: "developing",
          ruleSet: "V3",
          msPartnerId: "12345678",
          adminName: "Intruder",
          adminEmail: "intruder@evil.example",
          current: "x",
          next: "intruder-password",
          confirm: "intruder-password",
          noteId: "1",
          userId: "1",
          requestId: "1",
          emailMode: "off",
          email: "intruder@evil.example",
          token: "forged-token",
        },
      });
      if (PUBLIC_RESET_ACTIONS.has(a.name)) {
        // Public by design: answered (never a 5xx), and nothing changes: no link for an unknown address, no password from a forged token.
        expect(res.status(), a.name).toBeLessThan(500);
        const text = await res.text();
        expect(text, a.name).toMatch(a.name === "resetPasswordAction" ? /linkInvalid/ : /resetSent|throttled|mailOff/);
      } else if (PUBLIC_ACTIONS.has(a.name)) {
        expect(res.status(), a.name).toBeLessThan(500);
      } else {
        expect(refused(res), `${a.name} answered ${res.status()} without a session`).toBe(true);
      }
    }
    expect(snapshot(db, 1)).toEqual(before);
    db.close();
  });

  test("partner admin A is refused on every read and write of partner B, and nothing changes", async ({ page, request }) => {
    await signIn(page, adminOf("boreal"));
    const own = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    const other = own + 1; // Cerrado, another demo partner
    const cookie = await sessionCookie(request, adminOf("boreal"));

    // Pages and route handlers.
    for (const p of [
      `/partners/${other}`,
      `/partners/${other}?asOf=2026-01-01`,
      `/partners/${other}/data`,
      `/partners/${other}/data?edit=customers:1`,
      `/partners/${other}/report`,
      `/partners/${other}/export/customers`,
    ]) {
      const res = await request.get(p, { headers: { Cookie: cookie }, maxRedirects: 0 });
      expect(res.status(), p).toBe(403);
      expect(await res.text()).not.toContain("Cerrado");
    }
    // Every partner action, called with partner B's id.
    const db = openTestDb();
    const before = snapshot(db, other);
    const partnerActions = listActions().filter((a) => a.file === PARTNER_ACTION_FILE);
    expect(partnerActions.length).toBeGreaterThanOrEqual(8);
    const ids = db
      .prepare("select (select id from customers where partner_id = ?) c, (select id from individuals where partner_id = ?) i")
      .get(other, other) as { c: number; i: number };
    for (const a of partnerActions) {
      const res = await callAction(request, {
        id: a.id,
        args: [other, { status: "idle", nonce: 0 }],
        cookie,
        form: {
          name: "Hijack",
          id: String(ids.c),
          version: "1",
          customerId: String(ids.c),
          individualId: String(ids.i),
          product: "crm-online",
          date: "2026-01-01",
          amount: "1000,00",
          exam: "MB2-712",
          passedOn: "2026-01-01",
        },
      });
      expect(await isForbidden(res), a.name).toBe(true);
    }
    expect(snapshot(db, other)).toEqual(before);
    db.close();
  });

  test("a partner admin cannot reach B's records through A's own partner id either", async ({ page, request }) => {
    await signIn(page, adminOf("aurora"));
    const own = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    const cookie = await sessionCookie(request, adminOf("aurora"));
    const db = openTestDb();
    const victim = db
      .prepare(
        "select c.id, c.version, c.partner_id from customers c join partners p on p.id = c.partner_id where p.ms_partner_id = '4100008' and c.partner_id <> ? limit 1",
      )
      .get(own) as { id: number; version: number; partner_id: number };
    const before = snapshot(db, victim.partner_id);
    const ownBefore = snapshot(db, own);
    // Edit/delete of another partner's customer id, bound to A's own partner: the write is scoped to A and finds nothing.
    for (const name of ["saveCustomerAction", "deleteCustomerAction"]) {
      const res = await callAction(request, {
        id: actionId(name),
        args: [own, { status: "idle", nonce: 0 }],
        cookie,
        form: { id: String(victim.id), version: String(victim.version), name: "Hijack" },
      });
      expect(res.status()).toBe(200);
      expect(await res.text()).toContain("notFound");
    }
    // A revenue line pointing at another partner's customer is refused.
    const res = await callAction(request, {
      id: actionId("saveRevenueAction"),
      args: [own, { status: "idle", nonce: 0 }],
      cookie,
      form: { customerId: String(victim.id), product: "crm-online", date: "2026-01-01", amount: "1.000,00" },
    });
    expect(await res.text()).toContain("invalidReference");
    expect(snapshot(db, victim.partner_id)).toEqual(before);
    expect(snapshot(db, own)).toEqual(ownBefore);
    db.close();
  });

  test("forged fields are ignored or refused: partner id, role, version on create, fractions of a cent", async ({ page, request }) => {
    await signIn(page, "e2e-20@test.example");
    const own = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    const cookie = await sessionCookie(request, "e2e-20@test.example");
    const db = openTestDb();
    const res = await callAction(request, {
      id: actionId("saveCustomerAction"),
      args: [own, { status: "idle", nonce: 0 }],
      cookie,
      form: { name: "Forged", partnerId: "1", partner_id: "1", role: "channel_manager", dporFrom: "" },
    });
    expect(res.status()).toBe(200);
    const row = db.prepare("select partner_id, version from customers where name = 'Forged'").get() as { partner_id: number; version: number };
    expect(row).toEqual({ partner_id: own, version: 1 });
    const cents = await callAction(request, {
      id: actionId("saveRevenueAction"),
      args: [own, { status: "idle", nonce: 0 }],
      cookie,
      form: {
        customerId: String((db.prepare("select id from customers where name='Forged'").get() as { id: number }).id),
        product: "crm-online",
        date: "2026-01-01",
        amount: "10,005",
      },
    });
    expect(await cents.text()).toContain("moneyFraction");
    expect((db.prepare("select count(*) n from revenue_lines where partner_id = ?").get(own) as { n: number }).n).toBe(0);
    // A forged role at sign-in changes nothing: the user is who the database says.
    const signInRes = await callAction(request, {
      id: actionId("signInAction"),
      args: [{}],
      form: { email: "e2e-20@test.example", password: DEMO_PASSWORD, role: "channel_manager" },
    });
    const c2 = signInRes
      .headersArray()
      .find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("session="))!
      .value.split(";")[0]!;
    expect((await request.get("/portfolio", { headers: { Cookie: c2 }, maxRedirects: 0 })).status()).toBe(403);
    db.close();
  });

  test("the review loop's actions: partner admins are refused on manager actions and on another partner", async ({ page, request }) => {
    await signIn(page, adminOf("boreal"));
    const own = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    const other = own + 1;
    const admin = await sessionCookie(request, adminOf("boreal"));
    const db = openTestDb();
    const before = snapshot(db, other);
    const ownBefore = snapshot(db, own);
    const idle = { status: "idle", nonce: 0 };
    const otherAdmin = (db.prepare("select id from users where partner_id = ? and role = 'partner_admin'").get(other) as { id: number }).id;
    const otherNote = (db.prepare("select id from review_notes where partner_id = ? limit 1").get(other) as { id: number } | undefined)?.id ?? 1;
    const form = { noteId: String(otherNote), body: "Hijack", userId: String(otherAdmin), requestId: "1" };
    // A reply bound to another partner: 403.
    expect(
      await isForbidden(await callAction(request, { id: actionId("replyToNoteAction"), args: [other, idle], cookie: admin, form })),
      "replyToNoteAction",
    ).toBe(true);
    // A reply to another partner's note through one's own partner id finds nothing.
    const scoped = await callAction(request, { id: actionId("replyToNoteAction"), args: [own, idle], cookie: admin, form });
    if (otherNote !== 1) expect(await scoped.text()).toContain("notFound");
    // Account and second-factor actions: channel managers only.
    for (const name of ["disableAdminAction", "enableAdminAction", "resetAdminPasswordAction"]) {
      for (const pid of [own, other]) {
        expect(await isForbidden(await callAction(request, { id: actionId(name), args: [pid, idle], cookie: admin, form })), `${name} on ${pid}`).toBe(true);
      }
    }
    for (const name of MANAGER_MFA_ACTIONS) {
      expect(await isForbidden(await callAction(request, { id: actionId(name), args: [idle], cookie: admin, form })), name).toBe(true);
    }
    // Pages of channel managers.
    for (const p of ["/review-queue", "/audit", "/audit/export", "/accounts", `/partners/${other}/audit`]) {
      expect((await request.get(p, { headers: { Cookie: admin }, maxRedirects: 0 })).status(), p).toBe(403);
    }
    expect(snapshot(db, other)).toEqual(before);
    expect(snapshot(db, own)).toEqual(ownBefore);
    db.close();
  });

  test("server actions refuse a foreign or missing Origin, and bodies over 1 MB", async ({ request }) => {
    const id = actionId("signInAction");
    const foreign = await callAction(request, { id, args: [{}], form: { email: "a@b.example", password: "x" }, origin: "https://evil.example" });
    expect(foreign.status()).toBe(403);
    const missing = await callAction(request, { id, args: [{}], form: { email: "a@b.example", password: "x" }, origin: null });
    expect(missing.status()).toBe(403);
    const big = await callAction(request, { id, args: [{}], form: { email: "a@b.example", password: "x".repeat(1_100_000) } });
    expect(big.status()).toBe(413);
  });

  test("every response carries CSP with a nonce on every script, HSTS, nosniff, frame-ancestors and Referrer-Policy", async ({ request }) => {
    for (const p of ["/sign-in", "/_next/static/does-not-matter.js"]) {
      const res = await request.get(p, { maxRedirects: 0 });
      const h = res.headers();
      expect(h["strict-transport-security"], p).toContain("max-age=");
      expect(h["x-content-type-options"], p).toBe("nosniff");
      expect(h["referrer-policy"], p).toBeTruthy();
    }
    const res = await request.get("/sign-in");
    const csp = res.headers()["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    const again = (await request.get("/sign-in")).headers()["content-security-policy"]!;
    expect(again).not.toContain(nonce); // a new nonce per response
  });

  test("cookie flags: HttpOnly and SameSite=Lax; over https Secure with the __Host- prefix", async ({ request }) => {
    const id = actionId("signInAction");
    const http = await callAction(request, { id, args: [{}], form: { email: adminOf("aurora"), password: DEMO_PASSWORD } });
    const plain = http.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("session="))!.value;
    expect(plain).toMatch(/HttpOnly/i);
    expect(plain).toMatch(/SameSite=Lax/i);
    expect(plain).not.toMatch(/Secure/i);
    const https = await callAction(request, {
      id,
      args: [{}],
      form: { email: adminOf("aurora"), password: DEMO_PASSWORD },
      headers: { "X-Forwarded-Proto": "https" },
    });
    const secure = https.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__Host-session="))!.value;
    expect(secure).toMatch(/Secure/i);
    expect(secure).toMatch(/HttpOnly/i);
    expect(secure).toMatch(/Path=\//);
    expect(secure).not.toMatch(/Domain=/i);
  });

  test("repeated wrong passwords slow sign-in down for that account, with the same answer for unknown emails", async ({ page }) => {
    // An address of its own (the e2e server trusts one proxy) so other tests' failures and this one's don't mix.
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.77" });
    const tryOnce = async (email: string, password: string) => {
      await page.goto("/sign-in");
      await page.locator("#email").fill(email);
      await page.locator("#password").fill(password);
      await page.locator("form button[type=submit]").last().click();
      // Wait for the answer (web-first): its text is read right after, and a slow server must not yield the empty, pending status.
      await expect(page.getByTestId("form-error")).not.toBeEmpty();
      return page.getByTestId("form-error");
    };
    const row = (key: string) => {
      const db = openTestDb();
      const r = db.prepare("select failures, blocked_until_ms - last_failure_ms waitMs from sign_in_throttle where key = ?").get(key);
      db.close();
      return r;
    };
    // Three free attempts, then a wait of 1 s that doubles per failure.
    for (let i = 0; i < 3; i++) await expect(await tryOnce("e2e-12@test.example", "wrong-password")).toHaveText("E-mail ou senha incorretos.");
    expect(row("account:e2e-12@test.example")).toEqual({ failures: 3, waitMs: 1000 });
    // Later (as if the attacker had waited out five more waits): one more wrong password, and then even the right one waits.
    const db = new Database(process.env.E2E_DATABASE_PATH ?? "data/e2e.db");
    db.pragma("busy_timeout = 5000");
    db.prepare("update sign_in_throttle set failures = 8, last_failure_ms = ?, blocked_until_ms = ? where key = 'account:e2e-12@test.example'").run(
      Date.now(),
      Date.now() - 1,
    );
    db.close();
    await expect(await tryOnce("e2e-12@test.example", "wrong-password")).toHaveText("E-mail ou senha incorretos.");
    expect(row("account:e2e-12@test.example")).toEqual({ failures: 9, waitMs: 64_000 });
    await expect(await tryOnce("e2e-12@test.example", DEMO_PASSWORD)).toHaveText(/^Muitas tentativas\. Aguarde (6[0-4]|[3-5]\d) segundos e tente de novo\.$/);
    // An unknown email gets the same answers (from another address, so that the per-address limit does not mix in).
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.78" });
    for (let i = 0; i < 3; i++) await expect(await tryOnce("ghost@nowhere.example", "wrong-password")).toHaveText("E-mail ou senha incorretos.");
    expect(row("account:ghost@nowhere.example")).toEqual({ failures: 3, waitMs: 1000 });
  });

  test("channel managers need a second factor: enrolment by QR code with recovery codes, then codes at each sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await page.locator("#email").fill("cm-enrol@test.example");
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("form button[type=submit]").last().click();
    await expect(page).toHaveURL(/\/account\/two-factor/);
    // Without the second factor the session opens nothing else.
    await page.goto("/portfolio");
    await expect(page).toHaveURL(/\/sign-in\/verify|\/account\/two-factor/);
    await page.goto("/account/two-factor");
    await expect(page.getByRole("img", { name: "QR code para o seu aplicativo autenticador" })).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await page.locator("#code").fill("000000");
    await page.getByRole("button", { name: "Ativar a entrada em duas etapas" }).click();
    await expect(page.locator("#code-error")).toContainText("não é válido");
    await page.locator("#code").fill(await totpCode(secret));
    await page.getByRole("button", { name: "Ativar a entrada em duas etapas" }).click();
    const codes = page.getByTestId("recovery-codes").locator("li");
    await expect(codes).toHaveCount(10);
    const recovery = (await codes.first().textContent())!;
    await page.getByRole("link", { name: "Continuar" }).click();
    await expect(page).toHaveURL(/\/portfolio/);

    // Next sign-in: a recovery code works once.
    await page.getByRole("button", { name: "Sair" }).click();
    for (const [code, ok] of [
      [recovery, true],
      [recovery, false],
    ] as const) {
      await page.goto("/sign-in");
      await page.locator("#email").fill("cm-enrol@test.example");
      await page.locator("#password").fill(DEMO_PASSWORD);
      await page.locator("form button[type=submit]").last().click();
      await expect(page).toHaveURL(/\/sign-in\/verify/);
      await page.locator("#code").fill(code);
      await page.locator("form button[type=submit]").last().click();
      if (ok) {
        await expect(page).toHaveURL(/\/portfolio/);
        await page.getByRole("button", { name: "Sair" }).click();
      } else {
        await expect(page.locator("#code-error")).toContainText("não é válido");
      }
    }
  });

  test("a partner admin calling any channel-manager action is refused, and nothing changes", async ({ page, request }) => {
    await signIn(page, adminOf("cerrado"));
    const own = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    const cookie = await sessionCookie(request, adminOf("cerrado"));
    const db = openTestDb();
    const before = snapshot(db, own);
    const partnersBefore = (db.prepare("select count(*) n from partners").get() as { n: number }).n;
    const actions = listActions().filter((a) => a.file === MANAGER_ACTION_FILE);
    expect(actions.map((a) => a.name).sort()).toEqual([
      "addReviewNoteAction",
      "createPartnerAction",
      "createPartnerAdminAction",
      "updatePartnerSettingsAction",
    ]);
    for (const a of actions) {
      const res = await callAction(request, {
        id: a.id,
        args: managerArgs(a.name, own),
        cookie,
        form: {
          decision: "approved",
          body: "Self-approved",
          version: "1",
          market: "developing",
          ruleSet: "V2",
          name: "Rogue",
          msPartnerId: "66600066",
          adminName: "Rogue",
          adminEmail: "rogue@evil.example",
        },
      });
      expect(await isForbidden(res), a.name).toBe(true);
    }
    expect(snapshot(db, own)).toEqual(before);
    expect((db.prepare("select count(*) n from partners").get() as { n: number }).n).toBe(partnersBefore);
    expect(db.prepare("select count(*) n from users where email = 'rogue@evil.example'").get()).toEqual({ n: 0 });
    db.close();
  });

  test("partner admin A is refused B's report and CSV exports", async ({ page, request }) => {
    await signIn(page, adminOf("fronteira"));
    const own = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    const cookie = await sessionCookie(request, adminOf("fronteira"));
    const db = openTestDb();
    const other = (db.prepare("select id from partners where ms_partner_id = '4100005'").get() as { id: number }).id; // Estrela
    db.close();
    for (const p of [
      `/partners/${other}/report`,
      `/partners/${other}/report?asOf=2026-01-01`,
      ...["customers", "revenue", "people", "passes"].map((k) => `/partners/${other}/export/${k}`),
    ]) {
      const res = await request.get(p, { headers: { Cookie: cookie }, maxRedirects: 0 });
      expect(res.status(), p).toBe(403);
      const body = await res.text();
      for (const secret of ["Estrela", "Eduardo Nunes", "Grupo Horizonte Azul"]) expect(body, p).not.toContain(secret);
    }
    expect((await request.get(`/partners/${own}/export/revenue`, { headers: { Cookie: cookie } })).status()).toBe(200);
  });

  test("markup typed into a field shows as text", async ({ page }) => {
    await signIn(page, "e2e-20@test.example");
    await openData(page);
    const s = page.getByTestId("section-people");
    await s.getByLabel("Nome", { exact: true }).fill('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
    await s.locator("form button[type=submit]").last().click();
    await expect(s.getByTestId("people-row")).toContainText('<img src=x onerror="window.__xss=1">');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  test("error pages show no stack trace, SQL or file path", async ({ page, request }) => {
    const cookie = await sessionCookie(request, adminOf("aurora"));
    for (const p of ["/partners/not-a-number", "/partners/99999999", "/no-such-page"]) {
      const res = await request.get(p, { headers: { Cookie: cookie } });
      const body = await res.text();
      expect(res.status(), p).toBeGreaterThanOrEqual(400);
      for (const leak of ["/work/", "node_modules", "SELECT ", "SQLITE", "    at "]) expect(body, `${p} leaks ${leak}`).not.toContain(leak);
    }
    // A malformed server action call fails without details.
    const bad = await request.post("/", {
      headers: { "Next-Action": actionId("saveCustomerAction"), Origin: new URL(page.url() || "http://localhost").origin, Cookie: cookie },
      data: "not multipart",
      maxRedirects: 0,
    });
    const text = await bad.text();
    for (const leak of ["/work/", "node_modules", "SELECT ", "    at "]) expect(text).not.toContain(leak);
  });

  test("the demo channel manager signs in with the code from their authenticator", async ({ page }) => {
    await page.goto("/sign-in");
    await page.locator("#email").fill("gerente@demo.example");
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("form button[type=submit]").last().click();
    await expect(page).toHaveURL(/\/sign-in\/verify/);
    await page.locator("#code").fill("999999");
    await page.locator("form button[type=submit]").last().click();
    await expect(page.locator("#code-error")).toBeVisible();
    await page.locator("#code").fill(await totpCode());
    await page.locator("form button[type=submit]").last().click();
    await expect(page).toHaveURL(/\/portfolio/);
  });

  test("issue 11: the what-if apply is the partner admin's alone; the impact report is the channel manager's; imports are the partner's", async ({
    page,
    request,
  }) => {
    // A channel manager (full session, second factor done) cannot apply hypotheticals to a partner.
    await signIn(page, nextManager());
    const cmCookie = (await page.context().cookies()).filter((c) => c.name === "session").map((c) => `session=${c.value}`)[0]!;
    const db = openTestDb();
    const target = (db.prepare("select id from partners where name = 'E2E Lote 3'").get() as { id: number }).id;
    const before = snapshot(db, target);
    const apply = await callAction(request, {
      id: actionId("applyWhatIfAction"),
      args: [target, { status: "idle", nonce: 0 }],
      cookie: cmCookie,
      form: { items: JSON.stringify([{ k: "person", name: "Intruso", joinedOn: null }]) },
    });
    expect(await isForbidden(apply)).toBe(true);
    expect(snapshot(db, target)).toEqual(before);
    // A partner admin is refused the impact report and its CSV.
    const adminCookie = await sessionCookie(request, adminOf("delta"));
    for (const p of ["/portfolio/impact", "/portfolio/impact?to=V3", "/portfolio/impact/export?to=V3"]) {
      expect((await request.get(p, { headers: { Cookie: adminCookie }, maxRedirects: 0 })).status(), p).toBe(403);
    }
    // Another partner's import template and import route are refused.
    const own = (db.prepare("select partner_id from users where email = ?").get(adminOf("delta")) as { partner_id: number }).partner_id;
    const other = (db.prepare("select id from partners where name = 'E2E Lote 1'").get() as { id: number }).id;
    expect((await request.get(`/partners/${other}/import/template/revenue`, { headers: { Cookie: adminCookie }, maxRedirects: 0 })).status()).toBe(403);
    expect((await request.get(`/partners/${own}/import/template/revenue`, { headers: { Cookie: adminCookie } })).status()).toBe(200);
    const base = new URL(page.url()).origin;
    const otherBefore = snapshot(db, other);
    const forged = await request.post(`/partners/${other}/import?kind=people&mode=commit&name=x.csv&mark=0&rows=1`, {
      headers: { Cookie: adminCookie, Origin: base, "Content-Type": "text/csv" },
      data: "Name\nIntruder\n",
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(snapshot(db, other)).toEqual(otherBefore);
    db.close();
  });
});
