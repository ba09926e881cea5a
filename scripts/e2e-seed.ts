// Seeds the e2e database: the demo, plus scratch partners (e2e-1 … e2e-N) each with an admin, for tests that write.
import { bootstrapDatabase } from "../db/bootstrap";
import { getDb } from "../db/client";
import { partners, users } from "../db/schema";
import { eq } from "drizzle-orm";
import { createUser, hashPassword } from "../db/users";
import { DEMO_PARTNERS, insertDemoPartner } from "../db/seed";
import { todayIso } from "../lib/format";
import { refreshStaleEvaluations } from "../lib/server/stored-evaluations";

/** Base32 secret of the demo channel manager in the e2e database (the same value is in e2e/helpers.ts). */
const E2E_TOTP_SECRET = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";

export const SCRATCH_PARTNERS = 20; // e2e-1…12 for portfolio/report tests, e2e-13…20 for data-entry tests

async function main(): Promise<void> {
  await bootstrapDatabase(todayIso(), { seed: true });
  const db = getDb();
  for (let i = 1; i <= SCRATCH_PARTNERS; i++) {
    const p = db.insert(partners).values({ name: `E2E Parceiro ${i}`, msPartnerId: `99000${String(i).padStart(2, "0")}`, market: "developed", ruleSet: "V1" }).returning({ id: partners.id }).get();
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
    const p = db.insert(partners).values({ name: `E2E Confiabilidade ${i}`, msPartnerId: `98000${String(i).padStart(2, "0")}`, market: "developed", ruleSet: "V1" }).returning({ id: partners.id }).get();
    await createUser({ email: `rel-${i}@test.example`, name: `E2E Confiabilidade Admin ${i}`, password: "demo-2026", role: "partner_admin", partnerId: p.id });
  }
  console.log(`and ${RELIABILITY_PARTNERS} scratch partners for the reliability tests`);

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
      insertDemoPartner(db, cerrado, todayIso(), hash, email, `97${String(++n).padStart(5, "0")}`, `E2E Ciclo ${name} ${lang}`);
      db.update(users).set({ locale: lang, name: `Loop ${name} ${lang}` }).where(eq(users.email, email)).run();
    }
    const risk = `loop-risk-${lang.toLowerCase()}@test.example`;
    insertDemoPartner(db, estrela, todayIso(), hash, risk, `97${String(++n).padStart(5, "0")}`, `E2E Ciclo risco ${lang}`);
    db.update(users).set({ locale: lang }).where(eq(users.email, risk)).run();
  }
  // Two more channel managers for the second-factor reset (one asks, another confirms; the third is reset).
  for (const who of ["mfa-target", "mfa-second"]) {
    const u = await createUser({ email: `cm-${who}@test.example`, name: `CM ${who}`, password: "demo-2026", role: "channel_manager", partnerId: null });
    db.update(users).set({ totpSecret: E2E_TOTP_SECRET, totpEnabledAt: new Date().toISOString() }).where(eq(users.id, u.id)).run();
  }
  refreshStaleEvaluations(todayIso());
  console.log(`and ${n} scratch partners for the review loop's tests`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
