import { describe, expect, it } from "vitest";
import { expectedOrigin, originOf } from "./origin";

const h = (o: Record<string, string>) => new Headers(o);

describe("origin check (issue 10, finding 5)", () => {
  it("reads origins as scheme, host and port, default ports left out; null and other schemes are none", () => {
    expect(originOf("http://localhost:3000")).toBe("http://localhost:3000");
    expect(originOf("https://app.example:443")).toBe("https://app.example");
    expect(originOf("HTTP://App.Example:80/")).toBe("http://app.example");
    for (const v of ["null", "", undefined, "file:///etc", "javascript:alert(1)", "not a url"]) expect(originOf(v)).toBeNull();
  });

  it("APP_ORIGIN wins over every header", () => {
    const env = { APP_ORIGIN: "https://crm.example" };
    expect(expectedOrigin(h({ host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" }), "http:", env)).toBe(
      "https://crm.example",
    );
  });

  it("without APP_ORIGIN: the request's own scheme and Host; X-Forwarded-Host only from a trusted proxy", () => {
    expect(expectedOrigin(h({ host: "localhost:3000" }), "http:", {})).toBe("http://localhost:3000");
    expect(expectedOrigin(h({ host: "localhost:3000", "x-forwarded-proto": "https" }), "http:", {})).toBe("https://localhost:3000");
    expect(expectedOrigin(h({ host: "localhost:3000", "x-forwarded-host": "evil.example" }), "http:", {})).toBe("http://localhost:3000");
    expect(expectedOrigin(h({ host: "internal:3000", "x-forwarded-host": "crm.example", "x-forwarded-proto": "https" }), "http:", { TRUST_PROXY: "1" })).toBe(
      "https://crm.example",
    );
    expect(expectedOrigin(h({}), "http:", {})).toBeNull();
  });

  it("https://host:port is not http://host:port, nor another port", () => {
    const own = expectedOrigin(h({ host: "localhost:3410" }), "http:", {});
    expect(originOf("https://localhost:3410")).not.toBe(own);
    expect(originOf("http://localhost:3411")).not.toBe(own);
    expect(originOf("http://localhost:3410")).toBe(own);
  });
});
