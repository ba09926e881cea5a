// Issue 10, "Security hardening: races, floods and escapes": one test (or more) per finding, against the
// shared e2e server — served like `npm start` through scripts/server.mjs, with TRUST_PROXY=1 (so each
// test picks its own client address with X-Forwarded-For, as a proxy would write it) and APP_ORIGIN set.
// e2e/front-default.spec.ts checks the same guards on a server without TRUST_PROXY and APP_ORIGIN.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { actionId, callAction, openTestDb } from "./actions";
import { DEMO_PASSWORD, manager, openData, signIn, totpCode } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE = `http://localhost:${PORT}`;

import { kind, primeThrottle, sessionCookie, signInCall, tally, writableTestDb } from "./guard-support";

/** A raw HTTP request (for what Playwright's client will not send: a Host header, TRACE, a chunked body). */
function raw(opts: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  chunks?: Buffer[];
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "localhost", port: PORT, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    if (opts.chunks) {
      const write = (i: number) => {
        if (i >= opts.chunks!.length) return req.end();
        if (req.destroyed) return;
        req.write(opts.chunks![i], () => write(i + 1));
      };
      write(0);
    } else req.end(opts.body);
  });
}

function multipart(fields: [string, string][]): { body: string; type: string } {
  const boundary = "----e2eBoundary7MA4YWxkTrZu0gW";
  const body = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>, what: string) {
  expect(headers["strict-transport-security"], what).toContain("max-age=");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

test.describe("issue 10: races, floods and escapes", () => {
  test("2. the address is the one the trusted proxy saw: entries a client put further left in X-Forwarded-For are ignored", async ({ request }) => {
    const res = await signInCall(request, "ghost-2@nowhere.example", "wrong-password", "203.0.113.66, 198.51.100.170");
    expect(await kind(res)).toBe("invalid");
    const db = openTestDb();
    const keys = (db.prepare("select key from sign_in_throttle where key like 'address:%'").all() as { key: string }[]).map((r) => r.key);
    db.close();
    expect(keys).toContain("address:198.51.100.170");
    expect(keys).not.toContain("address:203.0.113.66");
  });

  test("4. a partner name cannot break out of the report footer's CSS string", async ({ page }) => {
    const attack = "X\f;}} body{background:red !important} main{display:none !important} @page{";
    const db = writableTestDb();
    const partnerId = (db.prepare("select partner_id id from users where email = 'sec-4@test.example'").get() as { id: number }).id;
    db.prepare("update partners set name = ? where id = ?").run(attack, partnerId); // stored before names were checked
    db.close();
    await signIn(page, "sec-4@test.example");
    await page.goto(`/partners/${partnerId}/report`);
    await expect(page.locator("main")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("body{background:red");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 0, 0)");
    const css = (await page.locator("style").evaluateAll((els) => els.map((e) => e.textContent ?? ""))).find((t) => t.includes("@bottom-left"));
    expect(css).toContain("X\\c \\3b \\7d \\7d  body\\7b background\\3a red");
  });

  test("5. the Origin must be this app's scheme, host and port (APP_ORIGIN), whatever Host and X-Forwarded-Host say", async () => {
    const form = multipart([
      ["_1_email", "origin@nowhere.example"],
      ["_1_password", "x"],
      ["0", '[{},"$K1"]'],
    ]);
    const post = (headers: Record<string, string>) =>
      raw({
        method: "POST",
        path: "/sign-in",
        body: form.body,
        headers: { "Content-Type": form.type, "Next-Action": actionId("signInAction"), "X-Forwarded-For": "198.51.100.190", ...headers },
      });
    expect((await post({ Origin: BASE })).status).toBe(200);
    const refusals: Record<string, Record<string, string>> = {
      "https instead of http": { Origin: `https://localhost:${PORT}` },
      "another port": { Origin: `http://localhost:${PORT + 1}` },
      "Origin and X-Forwarded-Host of another site": { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" },
      "Host and Origin of another name (DNS rebinding)": { Origin: `http://evil.example:${PORT}`, Host: `evil.example:${PORT}` },
      null: { Origin: "null" },
    };
    for (const [why, headers] of Object.entries(refusals)) {
      const res = await post(headers);
      expect(res.status, why).toBe(403);
      expectSecurityHeaders(res.headers, why);
    }
  });

  test("6a. a TOTP code works once", async ({ request }) => {
    const code = await totpCode();
    const verify = async () => {
      const cookie = await sessionCookie(request, manager(12), "198.51.100.200");
      return callAction(request, {
        id: actionId("verifySecondFactorAction"),
        args: [{}],
        form: { code },
        cookie,
        path: "/sign-in/verify",
        headers: { "X-Forwarded-For": "198.51.100.200" },
      });
    };
    expect(await kind(await verify())).toBe("signed-in");
    expect(await kind(await verify())).toBe("codeUsed");
  });

  test("6b. wrong codes during enrolment are throttled: 10 in parallel with one attempt left, at most one checked", async ({ request }) => {
    const cookie = await sessionCookie(request, "cm-enrol-2@test.example", "198.51.100.201");
    const db = openTestDb();
    const userId = (db.prepare("select id from users where email = 'cm-enrol-2@test.example'").get() as { id: number }).id;
    db.close();
    primeThrottle(`account:mfa-${userId}`, 8);
    expect((await request.get("/account/two-factor", { headers: { Cookie: cookie } })).status()).toBe(200); // makes the secret
    const kinds = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        callAction(request, {
          id: actionId("enrolTotpAction"),
          args: [{ nonce: 0 }],
          form: { code: String(100000 + i) },
          cookie,
          path: "/account/two-factor",
          headers: { "X-Forwarded-For": "198.51.100.201" },
        }).then(kind),
      ),
    );
    const t = tally(kinds);
    console.log(`10 parallel wrong enrolment codes: ${JSON.stringify(t)}`);
    expect(t.codeInvalid ?? 0).toBeLessThanOrEqual(1);
    expect(t.throttled ?? 0).toBeGreaterThanOrEqual(9);
  });

  test("6c. a session waiting for its second factor can sign out, and its cookie no longer works", async ({ page, context }) => {
    await page.goto("/sign-in");
    await page.locator("#email").fill(manager(13));
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("form button[type=submit]").last().click();
    await expect(page).toHaveURL(/\/sign-in\/verify/);
    const pending = (await context.cookies()).find((c) => c.name === "session")!;
    await page.getByRole("button", { name: "Sair" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await context.addCookies([{ ...pending, expires: -1 }]);
    await page.goto("/sign-in/verify");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("7a. names: invisible-only, unclosed right-to-left override and control characters are refused with a message, and nothing is stored", async ({
    page,
    request,
  }) => {
    await signIn(page, "sec-5@test.example");
    const partnerId = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    await openData(page);
    const s = page.getByTestId("section-people");
    for (const [name, message] of [
      ["\u200b\u200b\u200b", "apenas caracteres invisíveis"],
      ["\u202eAdmin", "marca de direção do texto"],
    ] as const) {
      await s.getByLabel("Nome", { exact: true }).fill(name);
      await s.locator("form button[type=submit]").last().click();
      await expect(s.getByText(message)).toBeVisible();
    }
    const cookie = await sessionCookie(request, "sec-5@test.example", "198.51.100.210");
    const res = await callAction(request, {
      id: actionId("saveCustomerAction"),
      args: [partnerId, { status: "idle", nonce: 0 }],
      cookie,
      form: { name: "A\u0000B" },
    });
    expect(await res.text()).toContain("nameControlChars");
    const db = openTestDb();
    expect(db.prepare("select count(*) n from individuals where partner_id = ?").get(partnerId)).toEqual({ n: 0 });
    expect(db.prepare("select count(*) n from customers where partner_id = ?").get(partnerId)).toEqual({ n: 0 });
    db.close();
  });

  test("7b. CSV: formulas behind zero-width or blank characters and in full-width form are neutralised; a NUL is never written", async ({ request }) => {
    const cookie = await sessionCookie(request, "sec-6@test.example", "198.51.100.211");
    const db = openTestDb();
    const partnerId = (db.prepare("select partner_id id from users where email = 'sec-6@test.example'").get() as { id: number }).id;
    db.close();
    const names = ["\u200b=1+1", "\uff1d1+1", "\u200b\uff20SUM(A1)"];
    for (const name of names) {
      const res = await callAction(request, { id: actionId("saveCustomerAction"), args: [partnerId, { status: "idle", nonce: 0 }], cookie, form: { name } });
      expect(await res.text(), name).toContain('"status":"saved"');
    }
    const customerId = (openTestDb().prepare("select id from customers where partner_id = ? order by id limit 1").get(partnerId) as { id: number }).id;
    const line = await callAction(request, {
      id: actionId("saveRevenueAction"),
      args: [partnerId, { status: "idle", nonce: 0 }],
      cookie,
      form: { customerId: String(customerId), product: "crm-online", date: "2026-01-02", amount: "10,00", note: "a\u0000b" },
    });
    expect(await line.text()).toContain('"status":"saved"');
    const customers = await (await request.get(`/partners/${partnerId}/export/customers`, { headers: { Cookie: cookie } })).text();
    for (const name of names) expect(customers, JSON.stringify(name)).toContain(`'${name}`);
    const revenue = await (await request.get(`/partners/${partnerId}/export/revenue`, { headers: { Cookie: cookie } })).text();
    expect(revenue).toContain("a\ufffdb");
    expect(revenue).not.toContain("\u0000");
  });

  test("8. malformed action payloads answer 400, chunked bodies over 1 MB 413, other methods 405 — all with the security headers; a favicon", async ({
    request,
  }) => {
    const id = actionId("signInAction");
    const noForm = await callAction(request, { id, args: [{}] });
    expect(noForm.status()).toBe(400);
    expectSecurityHeaders(noForm.headers(), "no form");
    const deep = multipart([["0", `[${"[".repeat(5000)}${"]".repeat(5000)},"$K1"]`]]);
    const nested = await raw({ method: "POST", path: "/sign-in", body: deep.body, headers: { "Content-Type": deep.type, "Next-Action": id, Origin: BASE } });
    expect(nested.status).toBe(400);
    const text = await raw({
      method: "POST",
      path: "/sign-in",
      body: "not multipart",
      headers: { "Content-Type": "text/plain", "Next-Action": id, Origin: BASE },
    });
    expect(text.status).toBe(400);
    const chunked = await raw({
      method: "POST",
      path: "/sign-in",
      headers: { "Content-Type": "text/plain", "Next-Action": id, Origin: BASE },
      chunks: Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 120)),
    });
    expect(chunked.status).toBe(413);
    expectSecurityHeaders(chunked.headers, "413");
    for (const method of ["TRACE", "PUT", "DELETE", "OPTIONS"]) {
      const res = await raw({ method, path: "/sign-in" });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow, method).toBe("GET, HEAD, POST");
      expectSecurityHeaders(res.headers, method);
    }
    const icon = await request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/");
    expectSecurityHeaders(icon.headers(), "favicon");
    const cookie = await sessionCookie(request, "sec-7@test.example", "198.51.100.212");
    const missing = await request.get("/no-such-icon.ico", { headers: { Cookie: cookie } });
    expect(missing.status()).toBe(404);
    expectSecurityHeaders(missing.headers(), "404");
  });
});
