// Seeds the e2e database: the demo, plus scratch partners (e2e-1 … e2e-N) each with an admin, for tests that write.
import { bootstrapDatabase } from "../db/bootstrap";
import { getDb } from "../db/client";
import { individuals, notificationSettings, partners, revenueLines, users } from "../db/schema";
import { eq } from "drizzle-orm";
import { createUser, hashPassword } from "../db/users";
import { DEMO_PARTNERS, insertDemoPartner, type DemoPartner } from "../db/seed";
import type { Product } from "../lib/vocabulary";
import { todayIso } from "../lib/format";
import { refreshStaleEvaluations } from "../lib/server/stored-evaluations";

/** Base32 secret of the demo channel manager in the e2e database (the same value is in e2e/helpers.ts). */
const E2E_TOTP_SECRET = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";

export const SCRATCH_PARTNERS = 20; // e2e-1…12 for portfolio/report tests, e2e-13…20 for data-entry tests
const E2E_MANAGERS = 80;
const SECURITY_PARTNERS = 8;

async function main(): Promise<void> {
  await bootstrapDatabase(todayIso(), { seed: true });
  const db = getDb();
  for (let i = 1; i <= SCRATCH_PARTNERS; i++) {
    const p = db
      .insert(partners)
      .values({ name: `E2E Parceiro ${i}`, msPartnerId: `99000${String(i).padStart(2, "0")}`, market: "developed", ruleSet: "V1" })
      .returning({ id: partners.id })
      .get();
    await createUser({ email: `e2e-${i}@test.example`, name: `E2E Admin ${i}`, password: "demo-2026", role: "partner_admin", partnerId: p.id });
  }
  // The demo channel manager's second factor uses a fixed test secret (e2e/helpers.ts computes its codes);
  // a second channel manager has none yet, for the enrolment test.
  db.update(users).set({ totpSecret: E2E_TOTP_SECRET, totpEnabledAt: new Date().toISOString() }).where(eq(users.email, "gerente@demo.example")).run();
  const en = await createUser({ email: "cm-en@test.example", name: "CM English", password: "demo-2026", role: "channel_manager", partnerId: null });
  db.update(users).set({ totpSecret: E2E_TOTP_SECRET, totpEnabledAt: new Date().toISOString() }).where(eq(users.id, en.id)).run();
  await createUser({ email: "cm-enrol@test.example", name: "CM Enrol", password: "demo-2026", role: "channel_manager", partnerId: null });
  // A copy of the demo partner that is one exam from Gold, for the journey test that takes it to Gold.
  const delta = DEMO_PARTNERS.find((p) => p.slug === "delta")!;
  const hash = await hashPassword("demo-2026");
  insertDemoPartner(db, delta, todayIso(), hash, "e2e-delta@test.example", "9900100", "E2E Delta Cópia");
  refreshStaleEvaluations(todayIso());
  console.log(`e2e database ready with ${SCRATCH_PARTNERS} scratch partners`);
  // Scratch partners of the reliability tests (e2e/reliability*.spec.ts): E2E Confiabilidade 1…6, admins rel-N@test.example.
  const RELIABILITY_PARTNERS = 6;
  for (let i = 1; i <= RELIABILITY_PARTNERS; i++) {
    const p = db
      .insert(partners)
      .values({ name: `E2E Confiabilidade ${i}`, msPartnerId: `98000${String(i).padStart(2, "0")}`, market: "developed", ruleSet: "V1" })
      .returning({ id: partners.id })
      .get();
    await createUser({ email: `rel-${i}@test.example`, name: `E2E Confiabilidade Admin ${i}`, password: "demo-2026", role: "partner_admin", partnerId: p.id });
  }
  console.log(`and ${RELIABILITY_PARTNERS} scratch partners for the reliability tests`);
  // Channel managers cm-1…cm-N (same test secret, same name as the demo manager): a TOTP code works once
  // per account, so tests that run at the same time sign in as different managers (e2e/helpers.ts).
  for (let i = 1; i <= E2E_MANAGERS; i++) {
    const m = await createUser({ email: `cm-${i}@test.example`, name: "Marina Gerente", password: "demo-2026", role: "channel_manager", partnerId: null });
    db.update(users).set({ totpSecret: E2E_TOTP_SECRET, totpEnabledAt: new Date().toISOString() }).where(eq(users.id, m.id)).run();
    // No e-mail for these: every level change notifies every channel manager, and 80 mailboxes would
    // queue the e-mails the review tests wait for behind thousands of others.
    db.insert(notificationSettings).values({ userId: m.id, emailMode: "off" }).run();
  }
  await createUser({ email: "cm-enrol-2@test.example", name: "CM Enrol 2", password: "demo-2026", role: "channel_manager", partnerId: null });
  // Scratch partners of the security tests (e2e/hardening*.spec.ts): E2E Segurança 1…N, admins sec-N@test.example.
  for (let i = 1; i <= SECURITY_PARTNERS; i++) {
    const p = db
      .insert(partners)
      .values({ name: `E2E Segurança ${i}`, msPartnerId: `97000${String(i).padStart(2, "0")}`, market: "developed", ruleSet: "V1" })
      .returning({ id: partners.id })
      .get();
    await createUser({ email: `sec-${i}@test.example`, name: `E2E Segurança Admin ${i}`, password: "demo-2026", role: "partner_admin", partnerId: p.id });
  }
  console.log(`and ${E2E_MANAGERS} channel managers and ${SECURITY_PARTNERS} scratch partners for the security tests`);
  // Scratch partners of the UX tests (e2e/ux.spec.ts): E2E UX 1…8, admins ux-N@test.example, plus three read-only ones.
  const UX_PARTNERS = 8;
  for (let i = 1; i <= UX_PARTNERS; i++) {
    const p = db
      .insert(partners)
      .values({ name: `E2E UX ${i}`, msPartnerId: `97002${String(i).padStart(2, "0")}`, market: "developed", ruleSet: "V1" })
      .returning({ id: partners.id })
      .get();
    await createUser({ email: `ux-${i}@test.example`, name: `E2E UX Admin ${i}`, password: "demo-2026", role: "partner_admin", partnerId: p.id });
  }
  // Silver, losing it in about 245 days (a line leaves the window): not "at risk", an outlook.
  insertDemoPartner(
    db,
    {
      slug: "ux-outlook",
      name: "E2E UX Perda Distante",
      msPartnerId: "9700101",
      market: "developed",
      ruleSet: "V1",
      story: "Silver, lost in ~8 months",
      customers: [{ name: "Cliente Distante", dporDaysAgo: 500, lines: [["crm-online", 120, 110_000]] }],
      people: [
        {
          name: "Paula Lima",
          passes: [
            ["MB2-714", 500],
            ["MB2-710", 480],
          ],
        },
        { name: "Rui Alves", passes: [["MB2-712", 200]] },
      ],
    },
    todayIso(),
    hash,
    "ux-outlook@test.example",
  );
  // Long texts without spaces (a 500-character note, a 200-character customer name): the page must not widen.
  const wideId = insertDemoPartner(
    db,
    {
      slug: "ux-wide",
      name: "E2E UX Textos Longos",
      msPartnerId: "9700102",
      market: "developed",
      ruleSet: "V1",
      story: "long words",
      customers: [{ name: "C".repeat(200), dporDaysAgo: 100, lines: [["crm-online", 20, 1_000]] }],
      people: [{ name: "Pessoa Com Nome Comum", passes: [["MB2-714", 30]] }],
    },
    todayIso(),
    hash,
    "ux-wide@test.example",
  );
  db.update(revenueLines)
    .set({ note: "N".repeat(500) })
    .where(eq(revenueLines.partnerId, wideId))
    .run();
  // A name the new-partner form should recognise as taken (up to case, accents and spaces).
  db.insert(partners).values({ name: "E2E UX Homônimo", msPartnerId: "9700103", market: "developed", ruleSet: "V1" }).run();
  refreshStaleEvaluations(todayIso());
  console.log(`and ${UX_PARTNERS} scratch partners plus three read-only ones for the UX tests`);
  // Scratch partners of the review loop's tests (e2e/review.spec.ts, e2e/audit-log.spec.ts, e2e/accounts.spec.ts),
  // one per test and language: copies of the demo's Silver partner (Cerrado) and of its Gold partner at risk (Estrela),
  // admins loop-<name>-<lang>@test.example (the English ones read the app in English).
  const cerrado = DEMO_PARTNERS.find((p) => p.slug === "cerrado")!;
  const estrela = DEMO_PARTNERS.find((p) => p.slug === "estrela")!;
  const LOOP = ["queue", "reply", "notes", "audit", "disable", "reset", "forgot"] as const;
  let n = 0;
  for (const lang of ["pt-BR", "en"] as const) {
    for (const name of LOOP) {
      const email = `loop-${name}-${lang.toLowerCase()}@test.example`;
      insertDemoPartner(db, cerrado, todayIso(), hash, email, `96${String(++n).padStart(5, "0")}`, `E2E Ciclo ${name} ${lang}`);
      db.update(users)
        .set({ locale: lang, name: `Loop ${name} ${lang}` })
        .where(eq(users.email, email))
        .run();
    }
    const risk = `loop-risk-${lang.toLowerCase()}@test.example`;
    insertDemoPartner(db, estrela, todayIso(), hash, risk, `96${String(++n).padStart(5, "0")}`, `E2E Ciclo risco ${lang}`);
    db.update(users).set({ locale: lang }).where(eq(users.email, risk)).run();
  }
  // Two more channel managers for the second-factor reset (one asks, another confirms; the third is reset).
  for (const who of ["mfa-target", "mfa-second"]) {
    const u = await createUser({ email: `cm-${who}@test.example`, name: `CM ${who}`, password: "demo-2026", role: "channel_manager", partnerId: null });
    db.update(users).set({ totpSecret: E2E_TOTP_SECRET, totpEnabledAt: new Date().toISOString() }).where(eq(users.id, u.id)).run();
  }
  refreshStaleEvaluations(todayIso());
  console.log(`and ${n} scratch partners for the review loop's tests`);
  // Guidance under rule set V3 (issue 11, part 5): copies of Cerrado under V3, one per language (read-only tests).
  for (const lang of ["pt-BR", "en"] as const) {
    const email = `guide-${lang.toLowerCase()}@test.example`;
    insertDemoPartner(db, { ...cerrado, ruleSet: "V3" }, todayIso(), hash, email, lang === "en" ? "9500002" : "9500001", `E2E Guia V3 ${lang}`);
    db.update(users).set({ locale: lang }).where(eq(users.email, email)).run();
  }
  refreshStaleEvaluations(todayIso());
  seedBulkPartners(hash);
  seedLightPartners(hash);
}

/**
 * Scratch partners of the light-pages tests (e2e/light-pages.spec.ts): "E2E Leve N", admins light-N@test.example
 * (1 reads pt-BR, 2 English). 120 revenue lines over 12 customers: 99 count (US$ 1,000.00 each, US$ 1,000.00 short
 * of Silver, whose exams are met), 21 do not (a customer without DPOR, and one "other" product line each), so every
 * list is longer than a page.
 */
function seedLightPartners(hash: string): void {
  const db = getDb();
  const today = todayIso();
  for (const n of [1, 2]) {
    const p: DemoPartner = {
      slug: `light-${n}`,
      name: `E2E Leve ${n}`,
      msPartnerId: `97005${String(n).padStart(2, "0")}`,
      market: "developed",
      ruleSet: "V1",
      story: "issue 9, light pages",
      people: [
        {
          name: "Ana Souza",
          passes: [
            ["MB2-714", 200],
            ["MB2-710", 190],
          ],
        },
        { name: "Bruno Dias", passes: [["MB2-712", 100]] },
      ],
      customers: Array.from({ length: 12 }, (_, c) => ({
        name: `Cliente Leve ${String(c + 1).padStart(2, "0")}`,
        dporDaysAgo: c < 11 ? 800 : null,
        lines: Array.from({ length: 10 }, (_, j) => [j === 0 ? "other" : "crm-online", 5 + 35 * j, 1_000] as [Product, number, number]),
      })),
    };
    insertDemoPartner(db, p, today, hash, `light-${n}@test.example`);
    if (n === 2) db.update(users).set({ locale: "en" }).where(eq(users.email, "light-2@test.example")).run();
  }
  // E2E Leve 3: longer lists than the dashboard and the printed report show — 25 passes that do not count
  // (exams of no rule set) and 260 lines of a customer without DPOR.
  insertDemoPartner(
    db,
    {
      slug: "light-3",
      name: "E2E Leve 3",
      msPartnerId: "9700503",
      market: "developed",
      ruleSet: "V1",
      story: "issue 9, lists longer than a page shows",
      people: [{ name: "Carla Lima", passes: Array.from({ length: 25 }, (_, i) => [`XX-${100 + i}`, 100 + i] as [string, number]) }],
      customers: [
        { name: "Cliente DPOR", dporDaysAgo: 800, lines: Array.from({ length: 10 }, (_, j) => ["crm-online", 5 + 30 * j, 1_000] as [Product, number, number]) },
        { name: "Cliente sem DPOR", dporDaysAgo: null, lines: Array.from({ length: 260 }, (_, j) => ["crm-online", 1 + j, 100] as [Product, number, number]) },
      ],
    },
    today,
    hash,
    "light-3@test.example",
  );
  // E2E Leve 4: more customers and people than a form lists in a select (INLINE_CHOICES_MAX = 100): its
  // forms search them (e2e/choices.spec.ts).
  const n3 = (i: number) => String(i).padStart(3, "0");
  insertDemoPartner(
    db,
    {
      slug: "light-4",
      name: "E2E Leve 4",
      msPartnerId: "9700504",
      market: "developed",
      ruleSet: "V1",
      story: "issue 9, forms that search long lists",
      people: [
        { name: "Ana Souza", passes: [["MB2-714", 30]] },
        { name: "Ana Souza", passes: [] },
        ...Array.from({ length: 120 }, (_, i) => ({ name: `Pessoa Grande ${n3(i + 1)}`, passes: [] as [string, number][] })),
      ],
      customers: [
        { name: "Banco Zubra", dporDaysAgo: 400, lines: [["crm-online", 20, 5_000] as [Product, number, number]] },
        { name: "José Ávila Comércio", dporDaysAgo: null, lines: [] },
        ...Array.from({ length: 150 }, (_, i) => ({ name: `Cliente Grande ${n3(i + 1)}`, dporDaysAgo: 300, lines: [] as [Product, number, number][] })),
      ],
    },
    today,
    hash,
    "light-4@test.example",
  );
  // E2E Leve 5: the same in English, 101 customers and 101 people (one more than a select holds).
  insertDemoPartner(
    db,
    {
      slug: "light-5",
      name: "E2E Leve 5",
      msPartnerId: "9700505",
      market: "developed",
      ruleSet: "V1",
      story: "issue 9, forms that search long lists, in English",
      people: Array.from({ length: 101 }, (_, i) => ({ name: `Person ${n3(i + 1)}`, passes: [] as [string, number][] })),
      customers: Array.from({ length: 101 }, (_, i) => ({ name: `Customer ${n3(i + 1)}`, dporDaysAgo: 300, lines: [] as [Product, number, number][] })),
    },
    today,
    hash,
    "light-5@test.example",
  );
  db.update(users).set({ locale: "en" }).where(eq(users.email, "light-5@test.example")).run();
  refreshStaleEvaluations(today);
  console.log("and 5 scratch partners for the light-pages and choices tests (light-N@test.example)");
}

/**
 * Scratch partners of issue 11's tests (e2e/import.spec.ts, what-if, settings preview, duplicates):
 * "E2E Lote N" with admins bulk-N@test.example. Each test uses its own.
 */
function seedBulkPartners(hash: string): void {
  const db = getDb();
  const today = todayIso();
  const silverExams: DemoPartner["people"] = [
    {
      name: "Ana Souza",
      passes: [
        ["MB2-714", 200],
        ["MB2-710", 190],
      ],
    },
    { name: "Bruno Dias", passes: [["MB2-712", 100]] },
  ];
  const specs: Omit<DemoPartner, "slug" | "msPartnerId" | "story">[] = [
    // 1, 2: imports (pt-BR, en). Silver's exams are met; the revenue comes from the file.
    ...[1, 2].map(() => ({
      name: "",
      market: "developed" as const,
      ruleSet: "V1" as const,
      people: silverExams,
      customers: [{ name: "Banco Sul", dporDaysAgo: 400, lines: [["crm-online", 50, 10_000]] as [Product, number, number][] }],
    })),
    // 3, 4: what-if (pt-BR, en). Silver, revenue enough for Gold, one C person short of Gold's exams.
    ...[3, 4].map(() => ({
      name: "",
      market: "developed" as const,
      ruleSet: "V1" as const,
      people: [
        ...silverExams,
        {
          name: "Carla Nunes",
          passes: [
            ["MB2-713", 120],
            ["MB2-706", 110],
          ] as [string, number][],
        },
        { name: "Davi Lima", passes: [] },
      ],
      customers: [
        {
          name: "Banco Sul",
          dporDaysAgo: 500,
          lines: [
            ["crm-online", 60, 200_000],
            ["d365-plan1", 30, 120_000],
          ] as [Product, number, number][],
        },
      ],
    })),
    // 5, 6: a rule-set change (pt-BR, en). V2, developing, Silver only with MB2-709, which V3 stopped accepting after 2018.
    ...[5, 6].map(() => ({
      name: "",
      market: "developing" as const,
      ruleSet: "V2" as const,
      people: [
        {
          name: "Ana Souza",
          passes: [
            ["MB2-709", 300],
            ["MB2-710", 290],
          ] as [string, number][],
        },
        { name: "Bruno Dias", passes: [["MB2-712", 100]] as [string, number][] },
      ],
      customers: [{ name: "Banco Sul", dporDaysAgo: 400, lines: [["crm-online", 50, 60_000]] as [Product, number, number][] }],
    })),
    // 7, 8: duplicates (pt-BR, en).
    ...[7, 8].map(() => ({
      name: "",
      market: "developed" as const,
      ruleSet: "V1" as const,
      people: [
        { name: "Ana Souza", passes: [] },
        { name: "Ana Souza", passes: [["MB2-712", 30]] as [string, number][] },
      ],
      customers: [{ name: "José da Silva Comércio", dporDaysAgo: 100, lines: [["crm-online", 20, 5_000]] as [Product, number, number][] }],
    })),
  ];
  specs.forEach((spec, i) => {
    const n = i + 1;
    const p: DemoPartner = { ...spec, slug: `bulk-${n}`, name: `E2E Lote ${n}`, msPartnerId: `97004${String(n).padStart(2, "0")}`, story: "issue 11" };
    const id = insertDemoPartner(db, p, today, hash, `bulk-${n}@test.example`);
    // The duplicate tests' two "Ana Souza": one has an e-mail, so the app can tell them apart.
    if (n === 7 || n === 8) {
      const first = db.select({ id: individuals.id }).from(individuals).where(eq(individuals.partnerId, id)).orderBy(individuals.id).get()!;
      db.update(individuals)
        .set({ email: `ana.souza.${n}@example.com` })
        .where(eq(individuals.id, first.id))
        .run();
    }
  });
  refreshStaleEvaluations(today);
  console.log(`and ${specs.length} scratch partners for issue 11 (bulk-N@test.example)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
