import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import fc from "fast-check";
import { actionId, callAction, openTestDb } from "./actions";
import { openData, openEdit, signIn } from "./helpers";
import { FACT_TABLES, answerStatus, comparable, countsOf, partnerOf, ptBr, signInCookie, submitForm } from "./reliability-support";

// Scratch partners of these tests (scripts/e2e-seed.ts): rel-1 and rel-2 take the parallel load, rel-3 the
// concurrent edits, rel-4 the form fuzzing. No other test writes to them.
const rel = (n: number) => `rel-${n}@test.example`;
const PT = (JSON.parse(fs.readFileSync(path.join(process.cwd(), "messages/pt-BR/validation.json"), "utf8")) as { validation: Record<string, string> })
  .validation;
const idle = { status: "idle", nonce: 0 };
const section = (page: Page, id: string) => page.getByTestId(`section-${id}`);

test.describe("reliability", () => {
  test("50 revenue lines submitted at once from five sessions of two partners: every answer says saved, all 50 stored, totals exact to the cent", async ({
    request,
  }) => {
    const db = openTestDb();
    const sessions: { partnerId: number; cookie: string; customerId: number }[] = [];
    for (const [n, count] of [
      [1, 3],
      [2, 2],
    ] as const) {
      const { partnerId } = partnerOf(db, rel(n));
      const cookies: string[] = [];
      for (let i = 0; i < count; i++) cookies.push(await signInCookie(rel(n)));
      const name = `Carga paralela ${n}`;
      const res = await callAction(request, {
        id: actionId("saveCustomerAction"),
        args: [partnerId, idle],
        cookie: cookies[0],
        form: { name, dporFrom: "2020-01-01" },
      });
      expect(answerStatus(await res.text())).toBe("saved");
      const customerId = (db.prepare("select id from customers where partner_id = ? and name = ?").get(partnerId, name) as { id: number }).id;
      for (const cookie of cookies) sessions.push({ partnerId, cookie, customerId });
    }
    const before = new Map(sessions.map((s) => [s.partnerId, countsOf(db, s.partnerId)]));

    // Odd cents, every pt-BR spelling; each line carries its number in the note.
    const styles = ["grouped", "plain", "currency"] as const;
    const jobs = Array.from({ length: 50 }, (_, i) => ({ i, session: sessions[i % sessions.length]!, cents: 123_457 + i * 100_001 + (i % 7) }));
    const started = Date.now();
    const answers = await Promise.all(
      jobs.map(async (j) => {
        const res = await callAction(request, {
          id: actionId("saveRevenueAction"),
          args: [j.session.partnerId, idle],
          cookie: `${j.session.cookie}; locale=pt-BR`,
          path: `/partners/${j.session.partnerId}`,
          form: {
            customerId: String(j.session.customerId),
            product: "crm-online",
            date: "2026-03-15",
            amount: ptBr(j.cents, styles[j.i % 3]),
            note: `paralelo-${j.i}`,
          },
        });
        return { ...j, status: res.status(), body: await res.text() };
      }),
    );
    const elapsed = Date.now() - started;
    const measured = `50 parallel saveRevenueAction calls answered in ${elapsed} ms, no retries`;
    test.info().annotations.push({ type: "measured", description: measured });
    console.log(measured);

    for (const a of answers) {
      expect(a.status, `line ${a.i}`).toBe(200);
      expect(answerStatus(a.body), `line ${a.i}: ${a.body.slice(0, 300)}`).toBe("saved");
      expect(/SQLITE_|database is locked/.test(a.body), `line ${a.i}: no database error reaches the user`).toBe(false);
    }
    for (const partnerId of new Set(sessions.map((s) => s.partnerId))) {
      const sent = jobs.filter((j) => j.session.partnerId === partnerId);
      const stored = db
        .prepare("select note, amount_cents cents from revenue_lines where partner_id = ? and note like 'paralelo-%' order by note")
        .all(partnerId) as { note: string; cents: number }[];
      expect(stored.map((r) => r.note).sort()).toEqual(sent.map((j) => `paralelo-${j.i}`).sort());
      for (const r of stored) expect(r.cents, r.note).toBe(sent.find((j) => `paralelo-${j.i}` === r.note)!.cents);
      const sum = (db.prepare("select sum(amount_cents) s from revenue_lines where partner_id = ?").get(partnerId) as { s: number }).s;
      expect(sum).toBe(sent.reduce((t, j) => t + j.cents, 0));
      const after = countsOf(db, partnerId);
      const prior = before.get(partnerId)!;
      expect(after).toEqual({ ...prior, revenue_lines: prior.revenue_lines + sent.length, audit_log: prior.audit_log + sent.length });
    }
    expect((db.pragma("integrity_check") as { integrity_check: string }[])[0]!.integrity_check).toBe("ok");
    db.close();
  });

  test("two people edit one record: the second sees the conflict; the audit log shows exactly one change", async ({ browser, request }) => {
    const db = openTestDb();
    const { partnerId, userId } = partnerOf(db, rel(3));
    const [a, b] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
    await signIn(a, rel(3));
    await openData(a);
    const customers = (p: Page) => section(p, "customers");
    await customers(a).getByLabel("Nome do cliente").fill("Registro disputado");
    await submitForm(customers(a).locator("form"));
    await expect(customers(a).getByTestId("form-message")).toHaveText(PT.saved);
    const id = (db.prepare("select id from customers where partner_id = ? and name = 'Registro disputado'").get(partnerId) as { id: number }).id;

    await signIn(b, rel(3));
    await openData(b);
    for (const p of [a, b]) await openEdit(customers(p), "Editar: Registro disputado");
    await customers(a).getByLabel("Nome do cliente").fill("Mudado por A");
    await submitForm(customers(a).locator("form"));
    await expect(customers(a).getByTestId("form-message")).toHaveText(PT.saved);
    await customers(b).getByLabel("Nome do cliente").fill("Mudado por B");
    const answer = await submitForm(customers(b).locator("form"));
    await expect(answer).toHaveAttribute("role", "alert");
    await expect(answer).toContainText(PT.conflict);
    await expect(answer.getByTestId("conflict-current")).toContainText("Mudado por A");

    const updates = db
      .prepare("select actor_id, partner_id, before, after from audit_log where entity = 'customer' and entity_id = ? and action = 'update'")
      .all(String(id)) as { actor_id: number; partner_id: number; before: string; after: string }[];
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ actor_id: userId, partner_id: partnerId });
    expect(JSON.parse(updates[0]!.before)).toMatchObject({ id, name: "Registro disputado", version: 1 });
    expect(JSON.parse(updates[0]!.after)).toMatchObject({ id, name: "Mudado por A", version: 2 });
    expect(db.prepare("select name, version from customers where id = ?").get(id)).toEqual({ name: "Mudado por A", version: 2 });

    // The same race without a browser: two sessions save version 2 at the same moment; exactly one wins.
    const cookies = [await signInCookie(rel(3)), await signInCookie(rel(3))];
    const race = await Promise.all(
      cookies.map(async (cookie, i) => {
        const res = await callAction(request, {
          id: actionId("saveCustomerAction"),
          args: [partnerId, idle],
          cookie,
          form: { id: String(id), version: "2", name: `Corrida ${i}` },
        });
        return res.text();
      }),
    );
    const statuses = race.map(answerStatus).sort();
    expect(statuses).toEqual(["error", "saved"]);
    expect(race.find((r) => answerStatus(r) === "error")).toContain('"message":"conflict"');
    expect(
      (db.prepare("select count(*) n from audit_log where entity = 'customer' and entity_id = ? and action = 'update'").get(String(id)) as { n: number }).n,
    ).toBe(2);
    expect(db.prepare("select version from customers where id = ?").get(id)).toEqual({ version: 3 });
    db.close();
    await a.context().close();
    await b.context().close();
  });

  test("fuzzing the four forms in the browser: every refusal shows a message and stores nothing; every valid entry stores one row", async ({ page }) => {
    test.slow(); // 23 form round trips
    const db = openTestDb();
    const { partnerId } = partnerOf(db, rel(4));
    await signIn(page, rel(4));
    await openData(page);
    // The revenue and pass forms need a customer and a person to refer to.
    await fillAndSubmit(page, { form: "customers", fields: { name: "Cliente base", dporFrom: "", dporUntil: "" }, valid: true, why: "setup" });
    await fillAndSubmit(page, { form: "people", fields: { personName: "Pessoa base", email: "", joinedOn: "", leftOn: "" }, valid: true, why: "setup" });

    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    test.info().annotations.push({ type: "fuzz seed", description: `FUZZ_SEED=${seed}` });
    console.log(`form fuzzing with FUZZ_SEED=${seed}`);
    const inputs = fc.sample(submissions, { numRuns: 1, seed })[0]!;
    // What the partner already holds, to foresee the answers that depend on earlier entries: a pass for an
    // exam the person already has is refused (duplicatePass); a probable duplicate (same customer name, same
    // person's e-mail or, without one, name, same revenue line) is asked about and stores nothing until confirmed.
    const held = {
      passes: new Set<string>(),
      customers: new Set([comparable("Cliente base")]),
      names: new Set([comparable("Pessoa base")]),
      emails: new Set<string>(),
      revenue: new Set<string>(),
    };
    const repeated = (set: Set<string>, key: string) => set.has(key) || (set.add(key), false);
    let refusals = 0;
    let expectedRefusals = 0;
    for (const input of inputs) {
      if (input.valid) {
        const f = input.fields;
        if (input.form === "passes") {
          if (repeated(held.passes, f.exam!.toUpperCase().replace(/^MB2\W?/, "MB2-"))) input.valid = false;
        } else if (input.form === "customers") {
          input.duplicate = repeated(held.customers, comparable(f.name!));
        } else if (input.form === "revenue") {
          input.duplicate = repeated(held.revenue, `${f.product}|${f.date}|${input.cents}`);
        } else if (f.email) {
          input.duplicate = repeated(held.emails, f.email.trim().toLowerCase());
          if (!input.duplicate) held.names.add(comparable(f.personName!));
        } else {
          input.duplicate = repeated(held.names, comparable(f.personName!));
        }
        if (input.duplicate) input.valid = false;
      }
      if (!input.valid) expectedRefusals++;
      const before = countsOf(db, partnerId);
      const ok = await fillAndSubmit(page, input);
      const after = countsOf(db, partnerId);
      const label = `${input.form} ${input.why}: ${JSON.stringify(input.fields)} (FUZZ_SEED=${seed})`;
      if (ok) {
        const table = TABLE_OF[input.form];
        expect(after, label).toEqual({ ...before, [table]: before[table] + 1, audit_log: before.audit_log + 1 });
      } else {
        refusals++;
        expect(after, label).toEqual(before);
      }
    }
    console.log(`form fuzzing: ${inputs.length - refusals} saved, ${refusals} refused (${inputs.filter((i) => i.duplicate).length} as probable duplicates)`);
    // Eight invalid by construction, plus any repeated exam or probable duplicate; every other entry was saved.
    expect(refusals).toBe(expectedRefusals);
    expect(expectedRefusals).toBeGreaterThanOrEqual(8);
    expect(inputs.length - refusals).toBeGreaterThanOrEqual(6);
    db.close();
  });
});

// ---------------------------------------------------------------------------------------------
// Form fuzzing: generated submissions, each valid or invalid by construction.

type FormName = "customers" | "revenue" | "people" | "passes";
interface Submission {
  form: FormName;
  fields: Record<string, string>;
  valid: boolean;
  why: string;
  /** A revenue line's amount in cents (its text depends on the style it is typed in). */
  cents?: number;
  /** Foreseen as a probable duplicate of an earlier entry: the form asks "save anyway?" and stores nothing. */
  duplicate?: boolean;
}
const TABLE_OF: Record<FormName, (typeof FACT_TABLES)[number]> = {
  customers: "customers",
  revenue: "revenue_lines",
  people: "individuals",
  passes: "exam_passes",
};

// Labels of the pt-BR forms (messages/pt-BR/dashboard.json).
const LABELS: Record<string, string> = {
  name: "Nome do cliente",
  dporFrom: "DPOR desde",
  dporUntil: "DPOR até (último dia, opcional)",
  customerId: "Cliente",
  product: "Produto",
  date: "Data da fatura",
  amount: "Valor (US$)",
  note: "Observação (opcional)",
  personName: "Nome",
  email: "E-mail (opcional)",
  joinedOn: "Entrou em (opcional)",
  leftOn: "Saiu em (opcional)",
  individualId: "Pessoa",
  exam: "Exame",
  passedOn: "Aprovado em",
};

const day = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dayPair = fc.tuple(day, day).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as [string, string]);
// Valid entries are dated up to today: a later invoice or pass is refused, a later DPOR start or membership date is asked about first.
// (Up to yesterday in UTC, so no time zone can see one of them as tomorrow.)
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const pastDay = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date(`${yesterday}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const pastPair = fc.tuple(pastDay, pastDay).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as [string, string]);
const outOfRange = fc.constantFrom("1999-12-31", "1970-01-01", "2101-01-01", "2999-06-15");
const nameChars = fc.constantFrom(...[..."abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 ãçéõüÁÉ&<>\"'/-.@😀漢"]);
const goodName = fc.string({ unit: nameChars, minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0);
const blank = fc.constantFrom("", " ", "   ");
const longName = fc.integer({ min: 201, max: 240 }).map((n) => "x".repeat(n));
const V1_EXAMS = ["MB2-714", "MB2-713", "MB2-709", "MB2-710", "MB2-706", "MB2-712", "MB2-707"];
const spelled = (code: string) => fc.constantFrom(code, code.toLowerCase().replace("-", ""), code.replace("-", " "));

type Generators = { valid: fc.Arbitrary<Submission>; invalid: fc.Arbitrary<Submission> };

const customer: Generators = {
  valid: fc.record({ name: goodName, dates: fc.option(pastPair, { nil: undefined }), open: fc.boolean() }).map(({ name, dates, open }) => ({
    form: "customers" as const,
    valid: true,
    why: "valid",
    fields: { name, dporFrom: dates?.[0] ?? "", dporUntil: dates && !open ? dates[1] : "" },
  })),
  invalid: fc
    .oneof(
      blank.map((name) => ({ name, dporFrom: "", dporUntil: "", why: "blank name" })),
      longName.map((name) => ({ name, dporFrom: "", dporUntil: "", why: "name too long" })),
      fc.tuple(goodName, outOfRange).map(([name, d]) => ({ name, dporFrom: d, dporUntil: "", why: "DPOR date out of range" })),
      fc
        .tuple(goodName, dayPair)
        .filter(([, [x, y]]) => x < y)
        .map(([name, [x, y]]) => ({ name, dporFrom: y, dporUntil: x, why: "DPOR until before from" })),
      fc.tuple(goodName, day).map(([name, d]) => ({ name, dporFrom: "", dporUntil: d, why: "DPOR until without from" })),
    )
    .map(({ why, ...fields }) => ({ form: "customers" as const, valid: false, why, fields })),
};

// Up to the plausible size (US$ 10,000,000.00 by default): larger amounts are asked about first.
const cents = fc.oneof(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: -9_999_999, max: -1 }), fc.constant(1_000_000_000));
const revenue: Generators = {
  valid: fc
    .record({
      cents,
      style: fc.constantFrom("grouped" as const, "plain" as const, "currency" as const),
      date: pastDay,
      product: fc.constantFrom("crm-online", "d365-plan1", "other"),
      note: fc.oneof(fc.constant(""), goodName),
    })
    .map(({ cents: c, style, date, product, note }) => ({
      form: "revenue" as const,
      valid: true,
      why: "valid",
      cents: c,
      fields: { customerId: "Cliente base", product, date, amount: ptBr(c, style), note },
    })),
  invalid: fc
    .oneof(
      fc
        .constantFrom("abc", "0,00", "10,005", "1.000.000.000,01", "", "1,2,3", "US$", "12.34.56")
        .map((amount) => ({ amount, date: "2025-05-05", customerId: "Cliente base", why: "bad amount" })),
      outOfRange.map((date) => ({ amount: "1.000,00", date, customerId: "Cliente base", why: "date out of range" })),
      fc.constant({ amount: "1.000,00", date: "", customerId: "Cliente base", why: "no date" }),
      fc.constant({ amount: "1.000,00", date: "2025-05-05", customerId: "", why: "no customer" }),
    )
    .map(({ why, ...f }) => ({ form: "revenue" as const, valid: false, why, fields: { ...f, product: "crm-online", note: "" } })),
};

const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.constantFrom("example.com", "parceiro.com.br"))
  .map(([u, d]) => `${u.replace(/\.\.+/g, ".")}@${d}`);
const person: Generators = {
  valid: fc
    .record({ name: goodName, email: fc.oneof(fc.constant(""), email), dates: fc.option(pastPair, { nil: undefined }), stillThere: fc.boolean() })
    .map(({ name, email: e, dates, stillThere }) => ({
      form: "people" as const,
      valid: true,
      why: "valid",
      fields: { personName: name, email: e, joinedOn: dates?.[0] ?? "", leftOn: dates && !stillThere ? dates[1] : "" },
    })),
  invalid: fc
    .oneof(
      blank.map((n) => ({ personName: n, email: "", joinedOn: "", leftOn: "", why: "blank name" })),
      fc
        .tuple(goodName, fc.constantFrom("not-an-email", "a@", "@b.com", "a b@c.com"))
        .map(([n, e]) => ({ personName: n, email: e, joinedOn: "", leftOn: "", why: "bad email" })),
      fc
        .tuple(goodName, dayPair)
        .filter(([, [x, y]]) => x < y)
        .map(([n, [x, y]]) => ({ personName: n, email: "", joinedOn: y, leftOn: x, why: "left before joined" })),
      fc.tuple(goodName, outOfRange).map(([n, d]) => ({ personName: n, email: "", joinedOn: d, leftOn: "", why: "date out of range" })),
    )
    .map(({ why, ...fields }) => ({ form: "people" as const, valid: false, why, fields })),
};

const pass: Generators = {
  valid: fc.record({ exam: fc.constantFrom(...V1_EXAMS).chain(spelled), date: pastDay }).map(({ exam, date }) => ({
    form: "passes" as const,
    valid: true,
    why: "valid",
    fields: { individualId: "Pessoa base", exam, passedOn: date },
  })),
  invalid: fc
    .oneof(
      fc
        .constantFrom("MB2-999", "", "xyz", "MB2-716", "MB2-718")
        .map((exam) => ({ individualId: "Pessoa base", exam, passedOn: "2025-01-01", why: "exam not in V1" })),
      fc.constant({ individualId: "Pessoa base", exam: "MB2-714", passedOn: "", why: "no date" }),
      fc.constant({ individualId: "", exam: "MB2-714", passedOn: "2025-01-01", why: "no person" }),
      outOfRange.map((d) => ({ individualId: "Pessoa base", exam: "MB2-713", passedOn: d, why: "date out of range" })),
    )
    .map(({ why, ...fields }) => ({ form: "passes" as const, valid: false, why, fields })),
};

/**
 * 21 submissions: for each form three valid and two invalid, in a random order, then one valid customer,
 * revenue line or person entered a second time (a probable duplicate, asked about).
 */
const submissions: fc.Arbitrary<Submission[]> = fc
  .tuple(...[customer, revenue, person, pass].map(({ valid, invalid }) => fc.tuple(valid, valid, valid, invalid, invalid)))
  .chain((groups) =>
    fc.tuple(fc.shuffledSubarray(groups.flat() as Submission[], { minLength: 20, maxLength: 20 }), fc.constantFrom<FormName>("customers", "revenue", "people")),
  )
  .map(([list, again]) => [...list, list.find((x) => x.valid && x.form === again)!].map((x) => ({ ...x, fields: { ...x.fields } })));

async function setField(form: Locator, name: string, value: string): Promise<void> {
  const field = form.getByLabel(LABELS[name]!, { exact: true });
  if (name === "customerId" || name === "individualId") await field.selectOption(value === "" ? { index: 0 } : { label: value });
  else if (name === "product") await field.selectOption(value);
  else await field.fill(value);
}

/** Fills a form, submits it, and checks the answer: "Salvo." for a valid entry, a message (and a marked field) otherwise. Returns whether it was saved. */
async function fillAndSubmit(page: Page, s: Submission): Promise<boolean> {
  const form = section(page, s.form).locator("form").last();
  for (const [name, value] of Object.entries(s.fields)) await setField(form, name, value);
  const answer = await submitForm(form);
  const label = `${s.form} ${s.why}: ${JSON.stringify(s.fields)}`;
  if (s.valid) {
    await expect(answer, label).toHaveText(PT.saved);
    return true;
  }
  await expect(answer, label).toHaveAttribute("role", "alert");
  await expect(answer, label).not.toBeEmpty();
  const text = (await answer.locator("p").first().textContent())?.trim() ?? "";
  if (s.duplicate) {
    const message = {
      customers: PT.duplicateCustomer,
      people: s.fields.email ? PT.duplicatePersonEmail : PT.duplicatePersonName,
      revenue: PT.duplicateRevenue,
    }[s.form as "customers" | "people" | "revenue"]!;
    expect(text.startsWith(message.split("{name}")[0]!), `${label}: ${text}`).toBe(true);
    await expect(answer.getByTestId("confirm-save"), label).toBeVisible();
    return false;
  }
  expect(Object.values(PT), label).toContain(text);
  // A field error shows its own message next to the field, linked by aria-describedby.
  const invalid = form.locator("[aria-invalid=true]");
  for (let i = 0; i < (await invalid.count()); i++) {
    const ids = ((await invalid.nth(i).getAttribute("aria-describedby")) ?? "").split(" ").filter((x) => x.endsWith("-error"));
    expect(ids.length, label).toBe(1);
    await expect(page.locator(`[id="${ids[0]}"]`), label).not.toBeEmpty();
  }
  return false;
}
