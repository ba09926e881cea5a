import { describe, expect, it } from "vitest";
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  VALIDATION_KEYS,
  businessDate,
  customerSchema,
  customerUpdateSchema,
  deleteSchema,
  examPassSchema,
  examPassUpdateSchema,
  fieldErrors,
  formValues,
  individualSchema,
  individualUpdateSchema,
  optionalBusinessDate,
  parseForm,
  revenueSchema,
  revenueUpdateSchema,
  withIdentity,
  futureDates,
} from "./facts";

type Tree = { [k: string]: string | Tree };
const catalogue = (locale: string) =>
  (JSON.parse(fs.readFileSync(path.join(__dirname, "../../messages", locale, "validation.json"), "utf8")) as Tree).validation as Record<string, string>;
const EN = catalogue("en");
const PT = catalogue("pt-BR");

const refused = (r: ReturnType<typeof parseForm>) => {
  expect(r.ok).toBe(false);
  return (r as { fieldErrors: Record<string, string> }).fieldErrors;
};
const accepted = <T>(r: { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string> }): T => {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.fieldErrors)}`);
  return r.data;
};

describe("message keys", () => {
  it("every key the schemas use exists in both catalogues, and the catalogues match", () => {
    for (const k of VALIDATION_KEYS) {
      expect(EN[k], `en ${k}`).toBeTruthy();
      expect(PT[k], `pt-BR ${k}`).toBeTruthy();
    }
    expect(Object.keys(EN).sort()).toEqual(Object.keys(PT).sort());
    expect(Object.keys(EN).sort()).toEqual([...VALIDATION_KEYS].sort());
  });
  it("the Portuguese texts differ from the English ones", () => {
    for (const k of VALIDATION_KEYS) expect(PT[k], k).not.toBe(EN[k]);
  });
});

describe("businessDate", () => {
  const date = z.object({ d: businessDate });
  const run = (d: string | undefined) => parseForm(date, d === undefined ? {} : { d });
  it.each([["2000-01-01"], ["2100-12-31"], ["2024-02-29"], ["2000-02-29"], [" 2020-06-15 "]])("accepts %s", (d) =>
    expect(accepted(run(d))).toEqual({ d: d.trim() }),
  );
  it.each([
    ["1999-12-31", "dateOutOfRange"],
    ["2101-01-01", "dateOutOfRange"],
    ["0001-01-01", "dateOutOfRange"],
    ["2023-02-29", "dateInvalid"],
    ["2100-02-29", "dateInvalid"],
    ["2024-04-31", "dateInvalid"],
    ["2024-13-01", "dateInvalid"],
    ["2024-00-10", "dateInvalid"],
    ["2024-1-5", "dateInvalid"],
    ["31/12/2024", "dateInvalid"],
    ["12/31/2024", "dateInvalid"],
    ["2024-01-01T00:00:00Z", "dateInvalid"],
    ["yesterday", "dateInvalid"],
    ["20240101", "dateInvalid"],
    ["", "dateRequired"],
    ["   ", "dateRequired"],
    [undefined, "dateRequired"],
  ])("refuses %j with %s", (d, key) => expect(refused(run(d))).toEqual({ d: key }));

  it("the optional variant gives null for an empty field and still checks a given one", () => {
    const s = z.object({ d: optionalBusinessDate });
    expect(accepted(parseForm(s, { d: "" }))).toEqual({ d: null });
    expect(accepted(parseForm(s, {}))).toEqual({ d: null });
    expect(accepted(parseForm(s, { d: "2024-02-29" }))).toEqual({ d: "2024-02-29" });
    expect(refused(parseForm(s, { d: "2023-02-29" }))).toEqual({ d: "dateInvalid" });
    expect(refused(parseForm(s, { d: "1999-12-31" }))).toEqual({ d: "dateOutOfRange" });
  });
});

describe("customerSchema", () => {
  it("accepts a name alone, trimmed, with null DPOR dates", () => {
    expect(accepted(parseForm(customerSchema, { name: "  Contoso Ltda.  ", dporFrom: "", dporUntil: "" }))).toEqual({
      name: "Contoso Ltda.",
      dporFrom: null,
      dporUntil: null,
    });
  });
  it("name limits: 200 characters fine, 201 refused, whitespace only refused", () => {
    expect(accepted(parseForm(customerSchema, { name: "x".repeat(200) })).name).toHaveLength(200);
    expect(accepted(parseForm(customerSchema, { name: ` ${"x".repeat(200)} ` })).name).toHaveLength(200);
    expect(refused(parseForm(customerSchema, { name: "x".repeat(201) }))).toEqual({ name: "nameTooLong" });
    expect(refused(parseForm(customerSchema, { name: " \t\n\u00a0 " }))).toEqual({ name: "nameRequired" });
    expect(refused(parseForm(customerSchema, {}))).toEqual({ name: "nameRequired" });
  });
  it("counts characters, not UTF-16 units", () => {
    expect(accepted(parseForm(customerSchema, { name: "😀".repeat(200) })).name).toBe("😀".repeat(200));
    expect(accepted(parseForm(customerSchema, { name: "São João Ação" })).name).toBe("São João Ação");
  });
  it("keeps markup as plain text (the renderer escapes it)", () => {
    const name = "<script>alert(1)</script>";
    expect(accepted(parseForm(customerSchema, { name })).name).toBe(name);
  });
  // Finding 7 of issue 10.
  it("NFC-normalises: a decomposed name is stored composed", () => {
    const decomposed = "Sa\u0303o Joa\u0303o";
    expect(accepted(parseForm(customerSchema, { name: decomposed })).name).toBe("São João");
    expect(accepted(parseForm(individualSchema, { name: "Ine\u0301s" })).name).toBe("Inés");
  });
  it("refuses control characters (C0, C1, DEL), unclosed bidi controls and invisible-only names, each with its own message", () => {
    for (const n of ["A\u0000B", "A\tB", "A\nB", "A\fB", "A\u001bB", "A\u007fB", "A\u0085B", "A\u009bB"]) {
      expect(refused(parseForm(customerSchema, { name: n })), JSON.stringify(n)).toEqual({ name: "nameControlChars" });
    }
    for (const n of ["\u202eAdmin", "Admin\u202e", "A\u2067B", "A\u202cB", "\u202eA\u2069\u202c"]) {
      expect(refused(parseForm(customerSchema, { name: n })), JSON.stringify(n)).toEqual({ name: "nameBidi" });
    }
    for (const n of ["\u200b", "\u200b\u200c\u200d", "\u2060\ufeff\u200b", "\u3164", "\u2800", "\u0301", "\u200e\u200f", "\u00ad"]) {
      expect(refused(parseForm(customerSchema, { name: n })), JSON.stringify(n)).toEqual({ name: "nameInvisible" });
    }
    // Balanced bidi controls and zero-width joiners inside a visible name are fine.
    for (const n of ["\u202bשלום\u202c Ltda", "\u2067مرحبا\u2069 Ltda", "👩\u200d💻 Dev", "Ana\u200bLima"]) {
      expect(accepted(parseForm(customerSchema, { name: n })).name).toBe(n);
    }
    expect(EN.nameControlChars).toBeTruthy();
    expect(PT.nameBidi).toBeTruthy();
    expect(PT.nameInvisible).not.toBe(EN.nameInvisible);
  });
  it("DPOR order: same day and later are fine, earlier is refused on dporUntil", () => {
    expect(accepted(parseForm(customerSchema, { name: "A", dporFrom: "2020-01-01", dporUntil: "2020-01-01" })).dporUntil).toBe("2020-01-01");
    expect(accepted(parseForm(customerSchema, { name: "A", dporFrom: "2020-01-01", dporUntil: "2021-06-30" }))).toEqual({
      name: "A",
      dporFrom: "2020-01-01",
      dporUntil: "2021-06-30",
    });
    expect(accepted(parseForm(customerSchema, { name: "A", dporFrom: "2020-01-01" })).dporUntil).toBeNull();
    expect(refused(parseForm(customerSchema, { name: "A", dporFrom: "2020-01-02", dporUntil: "2020-01-01" }))).toEqual({
      dporUntil: "dporUntilBeforeFrom",
    });
  });
  it("an end without a start is refused", () => {
    expect(refused(parseForm(customerSchema, { name: "A", dporUntil: "2020-01-01" }))).toEqual({ dporUntil: "dporUntilWithoutFrom" });
  });
  it("reports field and cross-field errors together", () => {
    expect(refused(parseForm(customerSchema, { name: "", dporFrom: "2020-01-02", dporUntil: "2020-01-01" }))).toEqual({
      name: "nameRequired",
      dporUntil: "dporUntilBeforeFrom",
    });
    expect(refused(parseForm(customerSchema, { name: "A", dporFrom: "2023-02-29", dporUntil: "2020-01-01" }))).toEqual({
      dporFrom: "dateInvalid",
    });
  });
  it("drops unknown fields (never passes them through)", () => {
    const data = accepted(parseForm(customerSchema, { name: "A", partnerId: "99", id: "5", version: "2", isAdmin: "true" }));
    expect(data).toEqual({ name: "A", dporFrom: null, dporUntil: null });
  });
});

describe("revenueSchema", () => {
  const base = { customerId: "7", product: "crm-online", date: "2024-03-01", amount: "100.000,00", note: "" };
  it("parses the amount in the user's locale into amountCents", () => {
    expect(accepted(parseForm(revenueSchema("pt-BR"), base))).toEqual({
      customerId: 7,
      product: "crm-online",
      date: "2024-03-01",
      amountCents: 10_000_000,
      note: null,
    });
    expect(accepted(parseForm(revenueSchema("en"), { ...base, amount: "100,000.00" })).amountCents).toBe(10_000_000);
    expect(accepted(parseForm(revenueSchema("en"), { ...base, amount: "-$1,234.50" })).amountCents).toBe(-123_450);
    expect(accepted(parseForm(revenueSchema("pt-BR"), { ...base, amount: "US$ 1.000.000.000,00" })).amountCents).toBe(100_000_000_000);
  });
  it.each([
    ["", "moneyRequired"],
    ["abc", "moneyInvalid"],
    ["1.5", "moneyInvalid"],
    ["1,005", "moneyFraction"],
    ["0,00", "moneyZero"],
    ["1.000.000.000,01", "moneyTooLarge"],
  ])("amount %j → %s", (amount, key) => {
    expect(refused(parseForm(revenueSchema("pt-BR"), { ...base, amount }))).toEqual({ amount: key });
  });
  it("en reads the other way round", () => {
    expect(refused(parseForm(revenueSchema("en"), { ...base, amount: "100.000,00" }))).toEqual({ amount: "moneyInvalid" });
    expect(refused(parseForm(revenueSchema("en"), { ...base, amount: "1,5" }))).toEqual({ amount: "moneyInvalid" });
  });
  it("products", () => {
    for (const product of ["crm-online", "d365-plan1", "other"])
      expect(accepted(parseForm(revenueSchema("en"), { ...base, amount: "1", product })).product).toBe(product);
    for (const product of ["", "CRM-ONLINE", "crm online", "d365"])
      expect(refused(parseForm(revenueSchema("en"), { ...base, amount: "1", product }))).toEqual({ product: "productInvalid" });
  });
  it("customerId must be a positive integer", () => {
    for (const customerId of ["0", "-1", "1.5", "abc", "1e3", "99999999999999999999", "0x10"])
      expect(refused(parseForm(revenueSchema("en"), { ...base, amount: "1", customerId }))).toEqual({ customerId: "invalidReference" });
    // "Choose a customer" left selected: a message on the field, not "invalid record".
    for (const customerId of ["", "  "])
      expect(refused(parseForm(revenueSchema("en"), { ...base, amount: "1", customerId }))).toEqual({ customerId: "customerRequired" });
    expect(accepted(parseForm(revenueSchema("en"), { ...base, amount: "1", customerId: String(Number.MAX_SAFE_INTEGER) })).customerId).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });
  it("note: trimmed, up to 500 characters", () => {
    expect(accepted(parseForm(revenueSchema("en"), { ...base, amount: "1", note: "  renewal  " })).note).toBe("renewal");
    expect(accepted(parseForm(revenueSchema("en"), { ...base, amount: "1", note: "n".repeat(500) })).note).toHaveLength(500);
    expect(refused(parseForm(revenueSchema("en"), { ...base, amount: "1", note: "n".repeat(501) }))).toEqual({ note: "noteTooLong" });
  });
  it("date limits", () => {
    expect(refused(parseForm(revenueSchema("en"), { ...base, amount: "1", date: "1999-12-31" }))).toEqual({ date: "dateOutOfRange" });
    expect(refused(parseForm(revenueSchema("en"), { ...base, amount: "1", date: "" }))).toEqual({ date: "dateRequired" });
  });
  it("reports every wrong field at once and drops extras", () => {
    expect(refused(parseForm(revenueSchema("en"), { partnerId: "1" }))).toEqual({
      customerId: "customerRequired",
      product: "productInvalid",
      date: "dateRequired",
      amount: "moneyRequired",
    });
    const data = accepted(parseForm(revenueSchema("en"), { ...base, amount: "1", partnerId: "1", amountCents: "5" }));
    expect(Object.keys(data).sort()).toEqual(["amountCents", "customerId", "date", "note", "product"]);
    expect(data.amountCents).toBe(100);
  });
});

describe("individualSchema", () => {
  it("accepts a person with optional fields empty", () => {
    expect(accepted(parseForm(individualSchema, { name: "Ana Souza", email: "", joinedOn: "", leftOn: "" }))).toEqual({
      name: "Ana Souza",
      email: null,
      joinedOn: null,
      leftOn: null,
    });
  });
  it("email: valid, trimmed, at most 254 characters", () => {
    expect(accepted(parseForm(individualSchema, { name: "A", email: " ana@example.com " })).email).toBe("ana@example.com");
    const local = "a".repeat(64);
    const long = `${local}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;
    expect(long.length).toBe(254);
    expect(accepted(parseForm(individualSchema, { name: "A", email: long })).email).toBe(long);
    expect(refused(parseForm(individualSchema, { name: "A", email: `x${long}` }))).toEqual({ email: "emailInvalid" });
    for (const email of ["ana", "ana@", "@example.com", "ana@example", "a b@example.com", "<script>@x.com"])
      expect(refused(parseForm(individualSchema, { name: "A", email })), email).toEqual({ email: "emailInvalid" });
  });
  it("leaving before joining is refused on leftOn; same day is fine", () => {
    expect(refused(parseForm(individualSchema, { name: "A", joinedOn: "2020-05-02", leftOn: "2020-05-01" }))).toEqual({
      leftOn: "leftBeforeJoined",
    });
    expect(accepted(parseForm(individualSchema, { name: "A", joinedOn: "2020-05-02", leftOn: "2020-05-02" })).leftOn).toBe("2020-05-02");
    expect(accepted(parseForm(individualSchema, { name: "A", leftOn: "2020-05-02" })).leftOn).toBe("2020-05-02");
  });
  it("date and name limits", () => {
    expect(refused(parseForm(individualSchema, { name: "x".repeat(201), joinedOn: "2101-01-01", leftOn: "2023-02-29" }))).toEqual({
      name: "nameTooLong",
      joinedOn: "dateOutOfRange",
      leftOn: "dateInvalid",
    });
  });
});

describe("examPassSchema", () => {
  const base = { individualId: "3", exam: "MB2-714", passedOn: "2017-08-01" };
  it.each([["mb2714"], ["MB2 714"], ["mb2-714"], [" Mb2–714 "], ["MB2-714"]])("normalises %j to MB2-714", (exam) => {
    expect(accepted(parseForm(examPassSchema("V1"), { ...base, exam }))).toEqual({ individualId: 3, exam: "MB2-714", passedOn: "2017-08-01" });
  });
  it("refuses exams outside the rule set's catalogue", () => {
    expect(refused(parseForm(examPassSchema("V1"), { ...base, exam: "MB2-716" }))).toEqual({ exam: "examUnknown" });
    expect(accepted(parseForm(examPassSchema("V3"), { ...base, exam: "mb2716" })).exam).toBe("MB2-716");
    for (const exam of ["MB2-999", "AZ-900", "hello", "MB2-7144", "<b>MB2-714</b>"])
      expect(refused(parseForm(examPassSchema("V3"), { ...base, exam })), exam).toEqual({ exam: "examUnknown" });
    expect(refused(parseForm(examPassSchema("V3"), { ...base, exam: "  " }))).toEqual({ exam: "examRequired" });
  });
  it("individualId and passedOn", () => {
    expect(refused(parseForm(examPassSchema("V1"), { ...base, individualId: "x", passedOn: "2024-02-30" }))).toEqual({
      individualId: "invalidReference",
      passedOn: "dateInvalid",
    });
    expect(refused(parseForm(examPassSchema("V1"), { ...base, individualId: "" }))).toEqual({ individualId: "personRequired" });
  });
});

describe("edit and delete variants", () => {
  it("withIdentity adds id and version and still strips extras", () => {
    expect(accepted(parseForm(customerUpdateSchema, { id: "4", version: "2", name: "A", partnerId: "9" }))).toEqual({
      id: 4,
      version: 2,
      name: "A",
      dporFrom: null,
      dporUntil: null,
    });
    expect(
      accepted(parseForm(revenueUpdateSchema("pt-BR"), { id: "1", version: "1", customerId: "2", product: "other", date: "2024-01-01", amount: "1,00" })),
    ).toEqual({ id: 1, version: 1, customerId: 2, product: "other", date: "2024-01-01", amountCents: 100, note: null });
    expect(accepted(parseForm(examPassUpdateSchema("V1"), { id: "1", version: "3", individualId: "2", exam: "mb2712", passedOn: "2020-01-01" }))).toEqual({
      id: 1,
      version: 3,
      individualId: 2,
      exam: "MB2-712",
      passedOn: "2020-01-01",
    });
    expect(accepted(parseForm(withIdentity(individualSchema), { id: "1", version: "1", name: "B" })).name).toBe("B");
  });
  it("reports identity and form errors together", () => {
    expect(refused(parseForm(individualUpdateSchema, { id: "0", version: "", name: "" }))).toEqual({
      id: "invalidReference",
      version: "invalidReference",
      name: "nameRequired",
    });
  });
  it("deleteSchema", () => {
    expect(accepted(parseForm(deleteSchema, { id: "12", version: "5", name: "x" }))).toEqual({ id: 12, version: 5 });
    expect(refused(parseForm(deleteSchema, { id: "12" }))).toEqual({ version: "invalidReference" });
  });
});

describe("parseForm and fieldErrors", () => {
  it("reads FormData (first value per name, files ignored) and URLSearchParams", () => {
    const fd = new FormData();
    fd.append("name", "First");
    fd.append("name", "Second");
    fd.append("dporFrom", new Blob(["x"]), "f.txt");
    fd.append("$ACTION_ID_abc", "");
    expect(formValues(fd)).toEqual({ name: "First", $ACTION_ID_abc: "" });
    expect(accepted(parseForm(customerSchema, fd))).toEqual({ name: "First", dporFrom: null, dporUntil: null });
    expect(accepted(parseForm(customerSchema, new URLSearchParams("name=Q&x=1"))).name).toBe("Q");
  });
  it("echoes the typed values on refusal", () => {
    const r = parseForm(customerSchema, { name: "", dporFrom: "2020-01-01" });
    expect(r).toEqual({ ok: false, fieldErrors: { name: "nameRequired" }, values: { name: "", dporFrom: "2020-01-01" } });
  });
  it("ignores non-string values and __proto__", () => {
    const input = JSON.parse('{"__proto__": "x", "name": 5}') as Record<string, unknown>;
    expect(refused(parseForm(customerSchema, input))).toEqual({ name: "nameRequired" });
  });
  it("fieldErrors keeps the first key per field and maps foreign messages to genericError", () => {
    const r = z.object({ a: z.string().min(3, "nameRequired").max(1, "nameTooLong"), b: z.number() }).safeParse({ a: "xx", b: "1" });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)).toEqual({ a: "nameRequired", b: "genericError" });
  });
});

describe("properties: arbitrary strings never throw, every refusal names known keys", () => {
  const known = (key: string) => key in EN && key in PT;
  const str = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.constantFrom("", " ", "2024-02-29", "2023-02-29", "1999-12-31", "2100-12-31", "1", "0", "-1", "mb2714", "MB2-716", "1.000,00", "x".repeat(201)),
  );
  const field = (names: string[]) => fc.record(Object.fromEntries(names.map((n) => [n, str])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;

  const cases: [string, z.ZodType, string[]][] = [
    ["customer", customerSchema, ["name", "dporFrom", "dporUntil"]],
    ["customer update", customerUpdateSchema, ["id", "version", "name", "dporFrom", "dporUntil"]],
    ["revenue pt-BR", revenueSchema("pt-BR"), ["customerId", "product", "date", "amount", "note"]],
    ["revenue en", revenueSchema("en"), ["customerId", "product", "date", "amount", "note"]],
    ["revenue update", revenueUpdateSchema("en"), ["id", "version", "customerId", "product", "date", "amount", "note"]],
    ["individual", individualSchema, ["name", "email", "joinedOn", "leftOn"]],
    ["individual update", individualUpdateSchema, ["id", "version", "name", "email", "joinedOn", "leftOn"]],
    ["exam pass V1", examPassSchema("V1"), ["individualId", "exam", "passedOn"]],
    ["exam pass V3", examPassSchema("V3"), ["individualId", "exam", "passedOn"]],
    ["exam pass update", examPassUpdateSchema("V2"), ["id", "version", "individualId", "exam", "passedOn"]],
    ["delete", deleteSchema, ["id", "version"]],
  ];
  for (const [label, schema, names] of cases) {
    it(label, () => {
      fc.assert(
        fc.property(field([...names, "extra"]), (input) => {
          const r = parseForm(schema, input);
          if (r.ok) {
            for (const k of Object.keys(r.data as object)) expect([...names, "amountCents"]).toContain(k);
          } else {
            const entries = Object.entries(r.fieldErrors);
            expect(entries.length).toBeGreaterThan(0);
            for (const [f, key] of entries) {
              expect(known(key), `${f}: ${key}`).toBe(true);
              expect(key).not.toBe("genericError");
              expect(names).toContain(f);
            }
          }
        }),
        { numRuns: 400 },
      );
    });
  }
});

describe("dates after today", () => {
  const today = "2026-05-10";
  it("with today, the revenue and pass schemas refuse an invoice or a pass dated after today, on its field, and keeps today itself", () => {
    const revenue = revenueSchema("en", today);
    const base = { customerId: "7", product: "crm-online", amount: "1" };
    expect(refused(parseForm(revenue, { ...base, date: "2026-05-11" }))).toEqual({ date: "invoiceInFuture" });
    expect(refused(parseForm(revenue, { ...base, customerId: "", date: "2026-05-11" }))).toEqual({ customerId: "customerRequired", date: "invoiceInFuture" });
    expect(accepted(parseForm(revenue, { ...base, date: today })).date).toBe(today);
    const pass = examPassSchema("V1", today);
    expect(refused(parseForm(pass, { individualId: "", exam: "MB2-714", passedOn: "2027-01-01" }))).toEqual({
      individualId: "personRequired",
      passedOn: "passInFuture",
    });
  });
  it("futureDates names the planned dates to ask about", () => {
    expect(futureDates({ joinedOn: "2026-05-11", leftOn: "2026-05-10" }, today, { joinedOn: "joinedInFuture", leftOn: "leftInFuture" })).toEqual({
      joinedOn: "joinedInFuture",
    });
    expect(futureDates({ joinedOn: null, leftOn: "2027-01-01" }, today, { joinedOn: "joinedInFuture", leftOn: "leftInFuture" })).toEqual({
      leftOn: "leftInFuture",
    });
  });
});
