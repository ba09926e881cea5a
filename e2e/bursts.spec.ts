// Issue 10, findings 1 and 3: bursts of parallel guesses and a flood of sign-ins, against the shared e2e
// server. They fill the password-hash pool, so that any sign-in at the same moment is refused ("try again
// in a moment"): playwright.config.ts runs this file alone, after every other test (project "bursts").
import { expect, test } from "@playwright/test";
import { actionId, callAction, openTestDb } from "./actions";
import { DEMO_PASSWORD } from "./helpers";

import { kind, pastTheFront, primeThrottle, sessionCookie, signInCall, tally } from "./guard-support";

function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>, what: string) {
  expect(headers["strict-transport-security"], what).toContain("max-age=");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

test.describe("issue 10: bursts of guesses and floods of sign-ins", () => {
  // A burst is bounded by the attempts the account has left. With free attempts left, a long burst would also
  // see its 1 s waits run out (db/auth.test.ts shows the 3 free ones in one process, without waits); here
  // the account has one attempt left, then a 64 s wait, so the bound does not depend on the machine's speed.
  test("1a. 40 parallel wrong passwords for an account with one attempt left: at most one is verified", async ({ request }) => {
    primeThrottle("account:sec-1@test.example", 8);
    const kinds = await Promise.all(Array.from({ length: 40 }, () => signInCall(request, "sec-1@test.example", "wrong-password", "198.51.100.140").then(kind)));
    const t = tally(kinds);
    console.log(`40 parallel wrong passwords: ${JSON.stringify(t)}`);
    expect(t.invalid ?? 0).toBeLessThanOrEqual(1);
    expect(t.throttled ?? 0).toBeGreaterThan(0);
    for (const k of Object.keys(t)) expect(["invalid", "throttled", "busy", "429"], k).toContain(k);
  });

  test("1b. 100 parallel wrong passwords once the free ones are used: one is verified, and then the right password waits too", async ({ request }) => {
    primeThrottle("account:sec-2@test.example", 8);
    const kinds = await Promise.all(
      Array.from({ length: 100 }, () => signInCall(request, "sec-2@test.example", "wrong-password", "198.51.100.141").then(kind)),
    );
    const t = tally(kinds);
    console.log(`100 parallel wrong passwords after the free ones: ${JSON.stringify(t)}`);
    expect(t.invalid ?? 0).toBeLessThanOrEqual(1);
    expect(t.throttled ?? 0).toBeGreaterThan(0);
    const right = await pastTheFront(() => signInCall(request, "sec-2@test.example", DEMO_PASSWORD, "198.51.100.141"));
    expect(await kind(right)).toBe("throttled");
    expect(Number(/"seconds":(\d+)/.exec(await right.text())?.[1])).toBeGreaterThanOrEqual(30);
  });

  test("1c. 100 parallel sign-ins with different unknown emails from an address with one attempt left: at most one is verified", async ({ request }) => {
    primeThrottle("address:198.51.100.150", 15);
    const kinds = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signInCall(request, `nobody-${i}@nowhere.example`, "wrong-password", "198.51.100.150").then(kind)),
    );
    const t = tally(kinds);
    console.log(`100 parallel unknown emails from one address: ${JSON.stringify(t)}`);
    expect(t.invalid ?? 0).toBeLessThanOrEqual(1);
    expect(t.throttled ?? 0).toBeGreaterThan(0);
  });

  test("1d. 30 parallel guesses at the current password (password change) with one attempt left: at most one is verified", async ({ request }) => {
    const cookie = await sessionCookie(request, "sec-3@test.example", "198.51.100.151");
    const db = openTestDb();
    const userId = (db.prepare("select id from users where email = 'sec-3@test.example'").get() as { id: number }).id;
    db.close();
    primeThrottle(`account:password-${userId}`, 8);
    const kinds = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        callAction(request, {
          id: actionId("changePasswordAction"),
          args: [{ status: "idle", nonce: 0 }],
          cookie,
          path: "/account/password",
          headers: { "X-Forwarded-For": "198.51.100.151" },
          form: { current: `guess-${i}`, next: "a-new-password-2026", confirm: "a-new-password-2026" },
        }).then(kind),
      ),
    );
    const t = tally(kinds);
    console.log(`30 parallel current-password guesses: ${JSON.stringify(t)}`);
    expect(t.passwordWrong ?? 0).toBeLessThanOrEqual(1);
    expect(t.throttled ?? 0).toBeGreaterThan(0);
    for (const k of Object.keys(t)) expect(["passwordWrong", "throttled", "busy", "429"], k).toContain(k);
  });

  test("3. a flood of 300 parallel sign-ins from 300 addresses: beyond the hash pool they are refused at once (429), and the sign-in page still answers", async ({
    request,
  }) => {
    const flood = Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        signInCall(request, `flood-${i}@nowhere.example`, "wrong-password", `10.77.${i >> 8}.${i & 255}`).then(async (r) => ({
          kind: await kind(r),
          headers: r.headers(),
        })),
      ),
    );
    const page = await request.get("/sign-in");
    expect(page.status()).toBe(200);
    const answers = await flood;
    const t = tally(answers.map((a) => a.kind));
    console.log(`300 parallel sign-ins: ${JSON.stringify(t)}`);
    expect(t["429"] ?? 0).toBeGreaterThan(0);
    for (const k of Object.keys(t)) expect(["invalid", "busy", "429"], k).toContain(k);
    const refused = answers.find((a) => a.kind === "429")!;
    expect(refused.headers["retry-after"]).toBe("1");
    expectSecurityHeaders(refused.headers, "429");
  });
});
