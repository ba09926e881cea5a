import { describe, expect, it } from "vitest";
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { signInSchema } from "./sign-in";

// The sign-in form shows each field error as t(key) under "signIn" in messages/<locale>/core.json.
const signInMessages = (locale: string) =>
  (JSON.parse(fs.readFileSync(path.join(__dirname, "../../messages", locale, "core.json"), "utf8")) as { signIn: Record<string, string> }).signIn;
const EN = signInMessages("en");
const PT = signInMessages("pt-BR");

/** What signInAction does with a form: parse, then the first message per field. */
function parse(input: Record<string, unknown>) {
  const r = signInSchema.safeParse(input);
  if (r.success) return { ok: true as const, data: r.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of r.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
  return { ok: false as const, fieldErrors };
}

describe("signInSchema", () => {
  it("accepts an email (trimmed) and any non-empty password (kept exactly, spaces included)", () => {
    expect(parse({ email: "  Ana@Example.com ", password: " s3nha com espaço " })).toEqual({
      ok: true,
      data: { email: "Ana@Example.com", password: " s3nha com espaço " },
    });
  });
  it.each([
    [{ email: "", password: "x" }, { email: "emailRequired" }],
    [{ email: "   ", password: "x" }, { email: "emailRequired" }],
    [{ email: "not-an-email", password: "x" }, { email: "emailInvalid" }],
    [{ email: `${"a".repeat(310)}@example.com`, password: "x" }, { email: "emailInvalid" }],
    [{ email: "a@example.com", password: "" }, { password: "passwordRequired" }],
    [{ email: "a@example.com", password: "x".repeat(1025) }, { password: "invalid" }],
    [
      { email: "", password: "" },
      { email: "emailRequired", password: "passwordRequired" },
    ],
    [{}, { email: "emailRequired", password: "passwordRequired" }],
    [
      { email: new File(["a@example.com"], "e.txt"), password: new File(["x"], "p.txt") },
      { email: "emailInvalid", password: "invalid" },
    ],
  ])("refuses %j with %j", (input, errors) => expect(parse(input)).toEqual({ ok: false, fieldErrors: errors }));
});

describe("signInSchema properties", () => {
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ maxLength: 1100 }),
    fc.emailAddress(),
    fc.emailAddress().map((e) => ` ${e.toUpperCase()}\t`),
    fc.constantFrom("", " ", "@", "a@b", "a@b.co", "x".repeat(321), "x".repeat(1025)),
  );
  // signInAction passes formData.get(field) ?? "": a string, or a File when a forged post sends a file part.
  const file = fc.string().map((s) => new File([s], "field.txt"));
  const anyValue = fc.oneof(text, file, fc.constant(undefined), fc.constant(null), fc.integer(), fc.array(fc.string(), { maxLength: 2 }));

  it("never throws; a refusal names only its own fields, with keys both catalogues translate", () => {
    fc.assert(
      fc.property(fc.record({ email: anyValue, password: anyValue, extra: anyValue }, { requiredKeys: [] }), (input) => {
        const r = parse(input);
        if (r.ok) return;
        const entries = Object.entries(r.fieldErrors);
        expect(entries.length).toBeGreaterThan(0);
        for (const [field, key] of entries) {
          expect(["email", "password"]).toContain(field);
          expect(EN[key], `en signIn.${key}`).toBeTruthy();
          expect(PT[key], `pt-BR signIn.${key}`).toBeTruthy();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("an accepted form has a trimmed email of at most 320 characters with an @, and the password exactly as typed (1–1024)", () => {
    fc.assert(
      fc.property(text, text, (email, password) => {
        const r = parse({ email, password, role: "channel_manager" });
        if (!r.ok) return;
        expect(Object.keys(r.data).sort()).toEqual(["email", "password"]);
        expect(r.data.email).toBe(email.trim());
        expect(r.data.email.length).toBeLessThanOrEqual(320);
        expect(r.data.email).toContain("@");
        expect(r.data.password).toBe(password);
        expect(password.length).toBeGreaterThanOrEqual(1);
        expect(password.length).toBeLessThanOrEqual(1024);
      }),
      { numRuns: 1000 },
    );
  });

  it("a missing or empty field is always refused for that field", () => {
    fc.assert(
      fc.property(text, fc.constantFrom("", " \t ", undefined), (password, email) => {
        const r = parse({ email, password });
        expect(r.ok).toBe(false);
        expect((r as { fieldErrors: Record<string, string> }).fieldErrors.email).toBe("emailRequired");
      }),
    );
  });
});
