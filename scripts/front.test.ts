import { describe, expect, it } from "vitest";
import {
  argumentListProblem,
  clientAddressOf,
  createTokenBucket,
  declaredLength,
  hashPoolLimits,
  jsonDepth,
  normaliseAddress,
  requestLocale,
  sanitiseProxyHeaders,
  trustedProxyCount,
  usesArguments,
} from "./front.mjs";

describe("front server: the client address (issue 10, finding 2)", () => {
  it("TRUST_PROXY is a small whole number; anything else trusts no proxy", () => {
    expect(trustedProxyCount(undefined)).toBe(0);
    expect(trustedProxyCount("")).toBe(0);
    expect(trustedProxyCount("2")).toBe(2);
    for (const v of ["true", "-1", "1.5", "loopback", "99"]) expect(trustedProxyCount(v), v).toBe(0);
  });

  it("without a trusted proxy the socket's address counts, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("127.0.0.1", "6.6.6.6", 0)).toBe("127.0.0.1");
    expect(clientAddressOf("::ffff:10.0.0.5", "6.6.6.6, 7.7.7.7", 0)).toBe("10.0.0.5");
    expect(clientAddressOf("::1", undefined, 0)).toBe("::1");
  });

  it("with n trusted proxies, the address the n-th proxy saw; entries the client wrote further left never count", () => {
    expect(clientAddressOf("10.0.0.1", "203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddressOf("10.0.0.1", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddressOf("10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    // Fewer hops than trusted proxies: the leftmost there is.
    expect(clientAddressOf("10.0.0.1", "", 1)).toBe("10.0.0.1");
    expect(clientAddressOf("10.0.0.1", "203.0.113.9", 3)).toBe("203.0.113.9");
  });

  it("an address that is not one becomes 'invalid' (never a free-form key)", () => {
    expect(normaliseAddress("<script>")).toBe("invalid");
    expect(normaliseAddress("a".repeat(65))).toBe("invalid");
    expect(normaliseAddress("2001:DB8::1")).toBe("2001:db8::1");
    expect(normaliseAddress("")).toBe("unknown");
  });

  it("rewrites the proxy headers: one X-Forwarded-For; Proto/Host/Port only from a trusted proxy; X-Real-IP and Forwarded dropped", () => {
    const untrusted = sanitiseProxyHeaders(
      {
        "x-forwarded-for": "6.6.6.6",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "evil.example",
        "x-forwarded-port": "443",
        "x-real-ip": "6.6.6.7",
        forwarded: "for=6.6.6.8",
        host: "localhost:3000",
      },
      "127.0.0.1",
      0,
    );
    expect(untrusted).toEqual({ "x-forwarded-for": "127.0.0.1", host: "localhost:3000" });
    const trusted = sanitiseProxyHeaders(
      { "x-forwarded-for": "6.6.6.6, 203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "crm.example" },
      "10.0.0.1",
      1,
    );
    expect(trusted).toEqual({ "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "crm.example" });
  });
});

describe("front server: requests (issue 10, finding 8)", () => {
  const formAction = "60abcdef"; // uses its parameters
  it("a server action's argument list must be JSON, not deeply nested, and end with the form's data", () => {
    expect(argumentListProblem('[{},"$K1"]', formAction)).toBeNull();
    expect(argumentListProblem('[3,"$undefined","$K2"]', formAction)).toBeNull();
    expect(argumentListProblem("[{}]", formAction)).toBe("no form data");
    expect(argumentListProblem("[]", formAction)).toBe("no form data");
    expect(argumentListProblem("not multipart", formAction)).toBe("argument list is not JSON");
    expect(argumentListProblem('{"a":1}', formAction)).toBe("argument list is not an array");
    expect(argumentListProblem(null, formAction)).toBe("no argument list");
    expect(argumentListProblem(`[${"[".repeat(5000)}${"]".repeat(5000)},"$K1"]`, formAction)).toBe("argument list nested too deep");
    // An action that uses no parameter (its id's info byte says so) gets an empty list.
    expect(usesArguments("00abcdef")).toBe(false);
    expect(usesArguments("40abcdef")).toBe(true);
    expect(argumentListProblem("[]", "00abcdef")).toBeNull();
  });

  it("measures JSON depth without recursion, ignoring brackets inside strings", () => {
    expect(jsonDepth("1")).toBe(0);
    expect(jsonDepth('[{"a":[1]}]')).toBe(3);
    expect(jsonDepth('["[[[[", "\\"[["]')).toBe(1);
    expect(jsonDepth("[".repeat(100_000), 32)).toBe(33);
  });

  it("reads Content-Length strictly", () => {
    expect(declaredLength({})).toBeNull();
    expect(declaredLength({ "content-length": "1024" })).toBe(1024);
    expect(declaredLength({ "content-length": "-1" })).toBeNaN();
    expect(declaredLength({ "content-length": "1e9" })).toBeNaN();
  });

  it("answers in the user's language: the app's cookie, else Accept-Language, else pt-BR", () => {
    expect(requestLocale({ cookie: "a=b; locale=en" })).toBe("en");
    expect(requestLocale({ "accept-language": "en-US,en;q=0.9" })).toBe("en");
    expect(requestLocale({ "accept-language": "de-DE" })).toBe("pt-BR");
    expect(requestLocale({})).toBe("pt-BR");
  });
});

describe("front server: the sign-in flood bound (issue 10, finding 3)", () => {
  it("lets as many password requests in as the hash pool takes: half the cores (at least 1) plus 4 waiting", () => {
    expect(hashPoolLimits({}, 2)).toEqual({ concurrency: 1, queue: 4, inFlight: 5, perSecond: 10 });
    expect(hashPoolLimits({}, 8)).toEqual({ concurrency: 4, queue: 4, inFlight: 8, perSecond: 10 });
    expect(hashPoolLimits({ PASSWORD_HASH_CONCURRENCY: "3", PASSWORD_HASH_QUEUE: "0" }, 2)).toMatchObject({ concurrency: 3, queue: 0, inFlight: 3 });
    expect(hashPoolLimits({ PASSWORD_REQUESTS_IN_FLIGHT: "50", PASSWORD_REQUESTS_PER_SECOND: "100" }, 2)).toMatchObject({ inFlight: 50, perSecond: 100 });
  });

  it("lets a burst in, then as many per second as the rate allows", () => {
    let t = 0;
    const bucket = createTokenBucket(10, 5, () => t);
    expect(Array.from({ length: 8 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
    t += 100; // a tenth of a second: one more
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    t += 10_000; // never more than the burst
    expect(Array.from({ length: 8 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
  });
});

describe("import uploads", () => {
  it("may be as large as the import limit, and only on the import path and outside server actions", async () => {
    const { IMPORT_MAX_BYTES } = await import("@/lib/vocabulary");
    const front = await import("./front.mjs");
    expect(front.IMPORT_MAX_BYTES).toBe(IMPORT_MAX_BYTES);
    expect(front.bodyLimit("/partners/12/import", false)).toBe(IMPORT_MAX_BYTES);
    expect(front.bodyLimit("/partners/12/import", true)).toBe(front.MAX_BODY_BYTES);
    expect(front.bodyLimit("/partners/12", false)).toBe(front.MAX_BODY_BYTES);
  });
});
