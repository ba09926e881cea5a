// Every mutation path writes exactly one audit row — actor, partner, entity, entity id, before and after —
// in the same transaction as the change; every refused write changes nothing and writes no audit row.
//
// To cover a new db/ write function: add a case to MUTATIONS (and, for its refusals, to REFUSALS), or
// classify it in NOT_A_RECORD_CHANGE with the reason. The last test fails for any exported db/ function
// that is in none of them.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase } from "@/lib/testing/temp-db";

const dbFile = createTempDatabase("audit");

const { getDb } = await import("./client");
const schema = await import("./schema");
const facts = await import("./facts");
const users = await import("./users");
const sessions = await import("./sessions");
const manage = await import("./manage");
const imports = await import("./imports");
const settingsChanges = await import("./settings-changes");
const review = await import("./review");
const accounts = await import("./accounts");
const { describeDatabase } = await import("./backup");
const { eq, desc, sql } = await import("drizzle-orm");

type Json = Record<string, unknown>;
type Action = "create" | "update" | "delete" | "sign-in" | "sign-out";

interface Ctx {
  /** Partner A, its admin, partner B and its admin, a channel manager. */
  a: { partnerId: number; adminId: number };
  b: { partnerId: number; adminId: number };
  managerId: number;
  /** A unique suffix per call, so cases never collide. */
  next(): string;
}

interface Target {
  /** Entity id in the audit row (null for entities without one, such as sessions). */
  id: number | null;
  /** Data a case's act needs (e.g. the version to edit, a session token). */
  extra?: Json;
}

interface MutationCase {
  /** The db/ function under test, as "<module>.<export>" (the completeness check reads this). */
  fn: string;
  label: string;
  entity: string;
  action: Action;
  /** Who acts and for which partner. */
  actor: (c: Ctx, t: Target) => number | null;
  partner: (c: Ctx, t: Target) => number | null;
  /** Creates what the mutation needs (its own audit rows do not count). Default: nothing, id null. */
  arrange?: (c: Ctx) => Promise<Target> | Target;
  /** The mutation; returns the entity id it touched. */
  act: (c: Ctx, t: Target) => Promise<number | null> | number | null;
  /** The entity as the audit should show it, read straight from the table; null when it does not exist. */
  read?: (id: number) => Json | null;
  /** Sign-in and sign-out record the event only (no before/after). */
  eventOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------
// How each entity looks in the audit log, read back from its table.

const db = () => getDb();
const readCustomer = (id: number): Json | null => {
  const t = schema.customers;
  return db().select({ id: t.id, name: t.name, dporFrom: t.dporFrom, dporUntil: t.dporUntil, version: t.version }).from(t).where(eq(t.id, id)).get() ?? null;
};
const readRevenue = (id: number): Json | null => {
  const t = schema.revenueLines;
  return (
    db()
      .select({ id: t.id, customerId: t.customerId, product: t.product, date: t.date, amountCents: t.amountCents, note: t.note, version: t.version })

      .from(t)
      .where(eq(t.id, id))
      .get() ?? null
  );
};
const readIndividual = (id: number): Json | null => {
  const t = schema.individuals;
  return (
    db().select({ id: t.id, name: t.name, email: t.email, joinedOn: t.joinedOn, leftOn: t.leftOn, version: t.version }).from(t).where(eq(t.id, id)).get() ??
    null
  );
};
const readPass = (id: number): Json | null => {
  const t = schema.examPasses;
  return (
    db().select({ id: t.id, individualId: t.individualId, exam: t.exam, passedOn: t.passedOn, version: t.version }).from(t).where(eq(t.id, id)).get() ?? null
  );
};
/** A user as the audit shows it: the public columns, never the password hash or the TOTP secret. */
const readUser = (id: number): Json | null => {
  const t = schema.users;
  return (
    db()
      .select({
        id: t.id,
        email: t.email,
        name: t.name,
        role: t.role,
        partnerId: t.partnerId,
        locale: t.locale,
        disabled: t.disabled,
        mustChangePassword: t.mustChangePassword,
      })

      .from(t)
      .where(eq(t.id, id))
      .get() ?? null
  );
};

const readUserVersioned = (id: number): Json | null => {
  const u = readUser(id);
  return u && { ...u, version: db().select({ v: schema.users.version }).from(schema.users).where(eq(schema.users.id, id)).get()!.v };
};
const readPartner = (id: number): Json | null => {
  const t = schema.partners;
  return (
    db()
      .select({ id: t.id, name: t.name, msPartnerId: t.msPartnerId, market: t.market, ruleSet: t.ruleSet, version: t.version })
      .from(t)
      .where(eq(t.id, id))
      .get() ?? null
  );
};
/** A new partner as its creation is audited: the partner with its first admin. */
const readPartnerWithAdmin = (id: number): Json | null => {
  const p = readPartner(id);
  const admin = db().select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.partnerId, id)).get();
  return p && admin ? { ...p, admin: readUserVersioned(admin.id) } : null;
};
const readImport = (id: number): Json | null => db().select().from(schema.imports).where(eq(schema.imports.id, id)).get() ?? null;
/** An import's plan: a new customer with two lines, an existing person's pass and a new person's. */
const importPlan = (c: Ctx, personId: number) => ({
  kind: "revenue" as const,
  fileName: `receita-${c.next()}.csv`,
  rows: 5,
  refused: 1,
  duplicatesSkipped: 1,
  customers: [{ name: `Importado ${c.next()}`, dporFrom: "2024-01-01", dporUntil: null }],
  people: [{ name: "Nova Pessoa", email: null, joinedOn: null, leftOn: null }],
  revenue: [
    { customer: { created: 0 }, product: "crm-online" as const, date: "2025-01-01", amountCents: 100, note: null },
    { customer: { created: 0 }, product: "d365-plan1" as const, date: "2025-02-01", amountCents: 200, note: "x" },
  ],
  passes: [
    { person: { id: personId }, exam: "MB2-712", passedOn: "2025-01-01" },
    { person: { created: 0 }, exam: "MB2-714", passedOn: "2025-01-01" },
  ],
});
const readReviewNote = (id: number): Json | null => {
  const t = schema.reviewNotes;
  return db().select({ id: t.id, decision: t.decision, body: t.body, createdAt: t.createdAt }).from(t).where(eq(t.id, id)).get() ?? null;
};

const readReply = (id: number): Json | null => {
  const t = schema.reviewReplies;
  return db().select({ id: t.id, noteId: t.noteId, body: t.body, createdAt: t.createdAt }).from(t).where(eq(t.id, id)).get() ?? null;
};
const readMfaRequest = (id: number): Json | null => {
  const t = schema.mfaResetRequests;
  return (
    db()
      .select({
        id: t.id,
        targetUserId: t.targetUserId,
        requestedBy: t.requestedBy,
        requestedAt: t.requestedAt,
        confirmedBy: t.confirmedBy,
        confirmedAt: t.confirmedAt,
        cancelledAt: t.cancelledAt,
      })
      .from(t)
      .where(eq(t.id, id))
      .get() ?? null
  );
};
const newManager = async (c: Ctx) =>
  (await users.createUser({ email: `cm-${c.next()}@test.example`, name: "CM", password: "long enough password", role: "channel_manager", partnerId: null })).id;
const newAdminOf = async (c: Ctx, partnerId: number) =>
  await users.createUser({ email: `adm-${c.next()}@test.example`, name: "Adm", password: "long enough password", role: "partner_admin", partnerId });
const accountOk = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(`account write refused: ${r.error}`);
  return r.value;
};

// ---------------------------------------------------------------------------------------------
// Fixtures through the real write functions.

const scopeA = (c: Ctx) => ({ actorId: c.a.adminId, partnerId: c.a.partnerId });
const scopeB = (c: Ctx) => ({ actorId: c.b.adminId, partnerId: c.b.partnerId });
const ok = <T>(r: { ok: true; row: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(`fixture write refused: ${r.error}`);
  return r.row;
};
const newCustomer = (c: Ctx, scope = scopeA(c)) => ok(facts.createCustomer(scope, { name: `Cliente ${c.next()}`, dporFrom: "2024-01-01", dporUntil: null }));
const newRevenue = (c: Ctx, scope = scopeA(c)) =>
  ok(facts.createRevenue(scope, { customerId: newCustomer(c, scope).id, product: "crm-online", date: "2025-03-01", amountCents: 123_457, note: "n" }));
const newIndividual = (c: Ctx, scope = scopeA(c)) =>
  ok(facts.createIndividual(scope, { name: `Pessoa ${c.next()}`, email: null, joinedOn: "2023-01-01", leftOn: null }));
const newPass = (c: Ctx, scope = scopeA(c)) =>
  ok(facts.createPass(scope, { individualId: newIndividual(c, scope).id, exam: "MB2-714", passedOn: "2025-02-01" }));
const newUser = async (c: Ctx) =>
  users.createUser({ email: `u-${c.next()}@test.example`, name: "U", password: "long enough password", role: "partner_admin", partnerId: c.a.partnerId });
const row = <T extends { id: number; version: number }>(r: T): Target => ({ id: r.id, extra: { version: r.version } });
const version = (t: Target) => t.extra!.version as number;
const ofWrite = (r: { ok: boolean; error?: string; row?: { id: number } }) => {
  if (!r.ok) throw new Error(`refused: ${r.error}`);
  return r.row!.id;
};

const factsCase = (entity: string, read: (id: number) => Json | null) => ({
  entity,
  read,
  actor: (c: Ctx) => c.a.adminId,
  partner: (c: Ctx) => c.a.partnerId,
});

const MUTATIONS: MutationCase[] = [
  {
    fn: "facts.createCustomer",
    label: "customer create",
    action: "create",
    ...factsCase("customer", readCustomer),
    act: (c) => ofWrite(facts.createCustomer(scopeA(c), { name: "Novo", dporFrom: "2024-02-01", dporUntil: "2025-01-31" })),
  },
  {
    fn: "facts.updateCustomer",
    label: "customer update",
    action: "update",
    ...factsCase("customer", readCustomer),
    arrange: (c) => row(newCustomer(c)),
    act: (c, t) => ofWrite(facts.updateCustomer(scopeA(c), t.id!, version(t), { name: "Renomeado", dporFrom: "2024-01-01", dporUntil: "2026-01-01" })),
  },
  {
    fn: "facts.deleteCustomer",
    label: "customer delete",
    action: "delete",
    ...factsCase("customer", readCustomer),
    arrange: (c) => row(newCustomer(c)),
    act: (c, t) => ofWrite(facts.deleteCustomer(scopeA(c), t.id!, version(t))),
  },

  {
    fn: "facts.createRevenue",
    label: "revenue line create",
    action: "create",
    ...factsCase("revenue_line", readRevenue),
    arrange: (c) => ({ id: null, extra: { customerId: newCustomer(c).id } }),
    act: (c, t) =>
      ofWrite(
        facts.createRevenue(scopeA(c), {
          customerId: t.extra!.customerId as number,
          product: "d365-plan1",
          date: "2025-05-05",
          amountCents: 987_654_321,
          note: null,
        }),
      ),
  },
  {
    fn: "facts.updateRevenue",
    label: "revenue line update",
    action: "update",
    ...factsCase("revenue_line", readRevenue),
    arrange: (c) => ({ ...row(newRevenue(c)), extra: { version: 1, customerId: newCustomer(c).id } }),
    act: (c, t) =>
      ofWrite(
        facts.updateRevenue(scopeA(c), t.id!, version(t), {
          customerId: t.extra!.customerId as number,
          product: "other",
          date: "2025-06-30",
          amountCents: -1_57,
          note: "estorno",
        }),
      ),
  },
  {
    fn: "facts.deleteRevenue",
    label: "revenue line delete",
    action: "delete",
    ...factsCase("revenue_line", readRevenue),
    arrange: (c) => row(newRevenue(c)),
    act: (c, t) => ofWrite(facts.deleteRevenue(scopeA(c), t.id!, version(t))),
  },

  {
    fn: "facts.createIndividual",
    label: "individual create",
    action: "create",
    ...factsCase("individual", readIndividual),
    act: (c) => ofWrite(facts.createIndividual(scopeA(c), { name: "Ana", email: "ana@example.com", joinedOn: "2022-01-01", leftOn: null })),
  },
  {
    fn: "facts.updateIndividual",
    label: "individual update",
    action: "update",
    ...factsCase("individual", readIndividual),
    arrange: (c) => row(newIndividual(c)),
    act: (c, t) =>
      ofWrite(facts.updateIndividual(scopeA(c), t.id!, version(t), { name: "Ana Lima", email: null, joinedOn: "2022-01-01", leftOn: "2025-12-31" })),
  },
  {
    fn: "facts.deleteIndividual",
    label: "individual delete",
    action: "delete",
    ...factsCase("individual", readIndividual),
    arrange: (c) => row(newIndividual(c)),
    act: (c, t) => ofWrite(facts.deleteIndividual(scopeA(c), t.id!, version(t))),
  },

  {
    fn: "facts.createPass",
    label: "exam pass create",
    action: "create",
    ...factsCase("exam_pass", readPass),
    arrange: (c) => ({ id: null, extra: { individualId: newIndividual(c).id } }),
    act: (c, t) => ofWrite(facts.createPass(scopeA(c), { individualId: t.extra!.individualId as number, exam: "MB2-712", passedOn: "2025-01-10" })),
  },
  {
    fn: "facts.updatePass",
    label: "exam pass update",
    action: "update",
    ...factsCase("exam_pass", readPass),
    arrange: (c) => row(newPass(c)),
    act: (c, t) =>
      ofWrite(
        facts.updatePass(scopeA(c), t.id!, version(t), { individualId: readPass(t.id!)!.individualId as number, exam: "MB2-706", passedOn: "2025-03-03" }),
      ),
  },
  {
    fn: "facts.deletePass",
    label: "exam pass delete",
    action: "delete",
    ...factsCase("exam_pass", readPass),
    arrange: (c) => row(newPass(c)),
    act: (c, t) => ofWrite(facts.deletePass(scopeA(c), t.id!, version(t))),
  },

  {
    fn: "users.createUser",
    label: "user create (by a channel manager)",
    entity: "user",
    action: "create",
    read: readUser,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    act: async (c) =>
      (
        await users.createUser(
          { email: "Nova@Test.example", name: " Nova ", password: "long enough password", role: "partner_admin", partnerId: c.a.partnerId },
          c.managerId,
        )
      ).id,
  },
  {
    fn: "users.setUserDisabled",
    label: "user disable",
    entity: "user",
    action: "update",
    read: readUser,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    arrange: async (c) => {
      const u = await newUser(c);
      sessions.createSession(u.id); // disabling also ends this session, in the same transaction
      return { id: u.id };
    },
    act: (c, t) => users.setUserDisabled(t.id!, true, c.managerId)!.id,
  },
  {
    fn: "users.setUserDisabled",
    label: "user enable",
    entity: "user",
    action: "update",
    read: readUser,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    arrange: async (c) => {
      const u = await newUser(c);
      users.setUserDisabled(u.id, true, c.managerId);
      return { id: u.id };
    },
    act: (c, t) => users.setUserDisabled(t.id!, false, c.managerId)!.id,
  },

  {
    fn: "imports.commitImport",
    label: "an import: every row of a file, one audit row naming the file and the counts",
    entity: "import",
    action: "create",
    read: readImport,
    actor: (c) => c.a.adminId,
    partner: (c) => c.a.partnerId,
    arrange: (c) => ({ id: null, extra: { personId: newIndividual(c).id } }),
    act: (c, t) => {
      const before = db()
        .select({ n: sql<number>`count(*)` })
        .from(schema.revenueLines)
        .where(eq(schema.revenueLines.partnerId, c.a.partnerId))
        .get()!.n;
      const r = imports.commitImport(scopeA(c), importPlan(c, t.extra!.personId as number), imports.partnerAuditMark(c.a.partnerId));
      if (!r.ok) throw new Error(r.error);
      const after = db()
        .select({ n: sql<number>`count(*)` })
        .from(schema.revenueLines)
        .where(eq(schema.revenueLines.partnerId, c.a.partnerId))
        .get()!.n;
      expect(after - before).toBe(2);
      expect(r.record).toMatchObject({ imported: 2, customersCreated: 1, peopleCreated: 1 });
      return r.record.id;
    },
  },
  {
    fn: "manage.addReviewNote",
    label: "review note",
    entity: "review_note",
    action: "create",
    read: readReviewNote,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    act: (c) => manage.addReviewNote(c.managerId, c.a.partnerId, { decision: "needs-information", body: "Faltam dados <b>DPOR</b>" })!.id,
  },
  {
    fn: "manage.createPartnerWithAdmin",
    label: "partner with its first admin",
    entity: "partner",
    action: "create",
    read: readPartnerWithAdmin,
    actor: (c) => c.managerId,
    partner: () => newPartnerId,
    act: async (c) => {
      const r = await manage.createPartnerWithAdmin(
        c.managerId,
        {
          name: "Parceiro Novo",
          msPartnerId: "97960" + c.next(),
          market: "developing",
          ruleSet: "V2",
          adminName: "Ana",
          adminEmail: `ana-${c.next()}@novo.example`,
        },
        "temporary-password-1",
      );
      if (!r.ok) throw new Error(r.error);
      return (newPartnerId = r.value.partnerId);
    },
  },
  {
    fn: "manage.createPartnerAdmin",
    label: "another partner admin",
    entity: "user",
    action: "create",
    read: readUserVersioned,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    act: async (c) => {
      const r = await manage.createPartnerAdmin(
        c.managerId,
        c.a.partnerId,
        { adminName: "Bia", adminEmail: `bia-${c.next()}@test.example` },
        "temporary-password-1",
      );
      if (!r.ok) throw new Error(r.error);
      return r.value.userId;
    },
  },
  {
    fn: "manage.updatePartnerSettings",
    label: "partner market and rule set",
    entity: "partner",
    action: "update",
    read: readPartner,
    actor: (c) => c.managerId,
    partner: (c) => c.b.partnerId,
    arrange: (c) => ({ id: c.b.partnerId, extra: { version: readPartner(c.b.partnerId)!.version } }),
    act: (c, t) => {
      const r = manage.updatePartnerSettings(c.managerId, c.b.partnerId, version(t), { market: "developing", ruleSet: "V3" });
      if (!r.ok) throw new Error(r.error);
      return r.value.id;
    },
  },
  {
    fn: "settings-changes.changePartnerSettings",
    label: "market and rule set with the confirmed effect (recorded for the partner's admin)",
    entity: "partner",
    action: "update",
    read: readPartner,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    arrange: (c) => ({ id: c.a.partnerId, extra: { version: readPartner(c.a.partnerId)!.version, ruleSet: readPartner(c.a.partnerId)!.ruleSet } }),
    act: (c, t) => {
      const r = settingsChanges.changePartnerSettings(
        c.managerId,
        c.a.partnerId,
        version(t),
        { market: "developing", ruleSet: t.extra!.ruleSet === "V2" ? "V3" : "V2" },
        { on: "2026-01-01", levelBefore: "silver", levelAfter: "none", passesLost: 1 },
      );
      if (!r.ok) throw new Error(r.error);
      expect(settingsChanges.listSettingsChanges(c.a.partnerId)[0]).toMatchObject({
        levelBefore: "silver",
        levelAfter: "none",
        passesLost: 1,
        actorId: c.managerId,
      });
      return r.value.id;
    },
  },
  {
    fn: "review.addReviewReply",
    label: "a partner admin's reply to a review note",
    entity: "review_reply",
    action: "create",
    read: readReply,
    actor: (c) => c.a.adminId,
    partner: (c) => c.a.partnerId,
    arrange: (c) => ({
      id: null,
      extra: { noteId: manage.addReviewNote(c.managerId, c.a.partnerId, { decision: "needs-information", body: "Quais clientes?" })!.id },
    }),
    act: (c, t) => {
      const r = review.addReviewReply(c.a.adminId, c.a.partnerId, t.extra!.noteId as number, "Estes <i>clientes</i>");
      return r.ok ? r.id : -1;
    },
  },
  {
    fn: "accounts.setPartnerAdminDisabled",
    label: "a channel manager disables a partner admin",
    entity: "user",
    action: "update",
    read: readUserVersioned,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    arrange: async (c) => ({ id: (await newAdminOf(c, c.a.partnerId)).id }),
    act: (c, t) => accountOk(accounts.setPartnerAdminDisabled(c.managerId, c.a.partnerId, t.id!, true)).userId,
  },
  {
    fn: "accounts.setPartnerAdminDisabled",
    label: "a channel manager enables a partner admin",
    entity: "user",
    action: "update",
    read: readUserVersioned,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    arrange: async (c) => {
      const u = await newAdminOf(c, c.a.partnerId);
      accountOk(accounts.setPartnerAdminDisabled(c.managerId, c.a.partnerId, u.id, true));
      return { id: u.id };
    },
    act: (c, t) => accountOk(accounts.setPartnerAdminDisabled(c.managerId, c.a.partnerId, t.id!, false)).userId,
  },
  {
    fn: "accounts.resetPartnerAdminPassword",
    label: "a channel manager gives a partner admin a temporary password",
    entity: "user",
    action: "update",
    read: readUserVersioned,
    actor: (c) => c.managerId,
    partner: (c) => c.a.partnerId,
    arrange: async (c) => ({ id: (await newAdminOf(c, c.a.partnerId)).id }),
    act: async (c, t) => (accountOk(await accounts.resetPartnerAdminPassword(c.managerId, c.a.partnerId, t.id!, "temporary-password-9")), t.id),
  },
  {
    fn: "accounts.requestMfaReset",
    label: "a channel manager asks to reset another's second factor",
    entity: "mfa_reset_request",
    action: "create",
    read: readMfaRequest,
    actor: (c) => c.managerId,
    partner: () => null,
    arrange: async (c) => ({ id: null, extra: { target: await newManager(c) } }),
    act: (c, t) => accountOk(accounts.requestMfaReset(c.managerId, t.extra!.target as number)).requestId,
  },
  {
    fn: "accounts.confirmMfaReset",
    label: "a second channel manager confirms the reset",
    entity: "mfa_reset_request",
    action: "update",
    read: readMfaRequest,
    actor: (c) => c.managerId,
    partner: () => null,
    arrange: async (c) => {
      const asker = await newManager(c);
      return { id: accountOk(accounts.requestMfaReset(asker, await newManager(c))).requestId };
    },
    act: (c, t) => (accountOk(accounts.confirmMfaReset(c.managerId, t.id!)), t.id),
  },
  {
    fn: "accounts.cancelMfaReset",
    label: "a channel manager withdraws a reset request",
    entity: "mfa_reset_request",
    action: "update",
    read: readMfaRequest,
    actor: (c) => c.managerId,
    partner: () => null,
    arrange: async (c) => ({ id: accountOk(accounts.requestMfaReset(c.managerId, await newManager(c))).requestId }),
    act: (c, t) => (accountOk(accounts.cancelMfaReset(c.managerId, t.id!)), t.id),
  },
  {
    fn: "accounts.resetPasswordWithToken",
    label: "a forgotten password set through a link",
    entity: "user",
    action: "update",
    read: readUserVersioned,
    actor: (_c, t) => t.id,
    partner: (c) => c.a.partnerId,
    arrange: async (c) => {
      const u = await newAdminOf(c, c.a.partnerId);
      return { id: u.id, extra: { token: accounts.createPasswordResetToken(u.email)!.token } };
    },
    act: async (_c, t) => (await accounts.resetPasswordWithToken(t.extra!.token as string, "a-new-password-7"))!.userId,
  },
  {
    fn: "manage.changeOwnPassword",
    label: "own password change",
    entity: "user",
    action: "update",
    read: readUserVersioned,
    actor: (_c, t) => t.id,
    partner: (c) => c.a.partnerId,
    arrange: async (c) => {
      const u = await users.createUser({
        email: `pw-${c.next()}@test.example`,
        name: "P",
        password: "temporary-password-1",
        role: "partner_admin",
        partnerId: c.a.partnerId,
        mustChangePassword: true,
      });
      return { id: u.id, extra: { email: u.email } };
    },
    act: async (_c, t) => ((await manage.changeOwnPassword(t.id!, t.extra!.email as string, "temporary-password-1", "a-new-password-2", null)) ? t.id : -1),
  },

  {
    fn: "sessions.createSession",
    label: "sign-in (session start)",
    entity: "session",
    action: "sign-in",
    eventOnly: true,
    actor: (c) => c.a.adminId,
    partner: (c) => c.a.partnerId,
    act: (c) => (sessions.createSession(c.a.adminId), null),
  },
  {
    fn: "sessions.deleteSession",
    label: "sign-out",
    entity: "session",
    action: "sign-out",
    eventOnly: true,
    actor: (c) => c.a.adminId,
    partner: (c) => c.a.partnerId,
    arrange: (c) => ({ id: null, extra: { token: sessions.createSession(c.a.adminId).token } }),
    act: (c, t) => (sessions.deleteSession(t.extra!.token as string, users.getUserById(c.a.adminId)), null),
  },
];

// ---------------------------------------------------------------------------------------------
// Refused writes: no audit row, no change anywhere.

interface RefusalCase {
  fn: string;
  label: string;
  arrange: (c: Ctx) => Promise<Json> | Json;
  /** Returns the error the write answered with. */
  act: (c: Ctx, a: Json) => Promise<string | null> | string | null;
  expected: string | null;
}
const errorOf = (r: { ok: boolean; error?: string }) => (r.ok ? "ok" : r.error!);

const REFUSALS: RefusalCase[] = [
  {
    fn: "facts.updateCustomer",
    label: "stale version (someone saved first)",
    expected: "conflict",
    arrange: (c) => {
      const x = newCustomer(c);
      ok(facts.updateCustomer(scopeA(c), x.id, x.version, { name: "Primeiro", dporFrom: null, dporUntil: null }));
      return { id: x.id, version: x.version };
    },
    act: (c, a) => errorOf(facts.updateCustomer(scopeA(c), a.id as number, a.version as number, { name: "Segundo", dporFrom: null, dporUntil: null })),
  },
  {
    fn: "facts.updateCustomer",
    label: "another partner's customer",
    expected: "notFound",
    arrange: (c) => ({ ...newCustomer(c, scopeB(c)) }),
    act: (c, a) => errorOf(facts.updateCustomer(scopeA(c), a.id as number, a.version as number, { name: "Sequestro", dporFrom: null, dporUntil: null })),
  },
  {
    fn: "facts.deleteCustomer",
    label: "another partner's customer",
    expected: "notFound",
    arrange: (c) => ({ ...newCustomer(c, scopeB(c)) }),
    act: (c, a) => errorOf(facts.deleteCustomer(scopeA(c), a.id as number, a.version as number)),
  },
  {
    fn: "facts.deleteCustomer",
    label: "a customer that still has revenue",
    expected: "customerHasRevenue",
    arrange: (c) => {
      const r = newRevenue(c);
      return { ...readCustomer(r.customerId)! };
    },
    act: (c, a) => errorOf(facts.deleteCustomer(scopeA(c), a.id as number, a.version as number)),
  },
  {
    fn: "facts.createRevenue",
    label: "revenue on another partner's customer",
    expected: "invalidReference",
    arrange: (c) => ({ customerId: newCustomer(c, scopeB(c)).id }),
    act: (c, a) =>
      errorOf(facts.createRevenue(scopeA(c), { customerId: a.customerId as number, product: "crm-online", date: "2025-01-01", amountCents: 100, note: null })),
  },
  {
    fn: "facts.updateRevenue",
    label: "stale version",
    expected: "conflict",
    arrange: (c) => ({ ...newRevenue(c), version: 7 }),
    act: (c, a) =>
      errorOf(
        facts.updateRevenue(scopeA(c), a.id as number, a.version as number, {
          customerId: a.customerId as number,
          product: "crm-online",
          date: "2025-01-01",
          amountCents: 1,
          note: null,
        }),
      ),
  },
  {
    fn: "facts.deleteRevenue",
    label: "another partner's line",
    expected: "notFound",
    arrange: (c) => ({ ...newRevenue(c, scopeB(c)) }),
    act: (c, a) => errorOf(facts.deleteRevenue(scopeA(c), a.id as number, a.version as number)),
  },
  {
    fn: "facts.updateIndividual",
    label: "another partner's person",
    expected: "notFound",
    arrange: (c) => ({ ...newIndividual(c, scopeB(c)) }),
    act: (c, a) => errorOf(facts.updateIndividual(scopeA(c), a.id as number, a.version as number, { name: "X", email: null, joinedOn: null, leftOn: null })),
  },
  {
    fn: "facts.deleteIndividual",
    label: "stale version",
    expected: "conflict",
    arrange: (c) => ({ ...newIndividual(c), version: 2 }),
    act: (c, a) => errorOf(facts.deleteIndividual(scopeA(c), a.id as number, a.version as number)),
  },
  {
    fn: "facts.createPass",
    label: "a pass for another partner's person",
    expected: "invalidReference",
    arrange: (c) => ({ individualId: newIndividual(c, scopeB(c)).id }),
    act: (c, a) => errorOf(facts.createPass(scopeA(c), { individualId: a.individualId as number, exam: "MB2-714", passedOn: "2025-01-01" })),
  },
  {
    fn: "facts.createPass",
    label: "the same exam twice for one person",
    expected: "duplicatePass",
    arrange: (c) => ({ ...newPass(c) }),
    act: (c, a) => errorOf(facts.createPass(scopeA(c), { individualId: a.individualId as number, exam: "MB2-714", passedOn: "2025-06-01" })),
  },
  {
    fn: "facts.updatePass",
    label: "moving a pass to another partner's person",
    expected: "invalidReference",
    arrange: (c) => ({ ...newPass(c), other: newIndividual(c, scopeB(c)).id }),
    act: (c, a) =>
      errorOf(facts.updatePass(scopeA(c), a.id as number, a.version as number, { individualId: a.other as number, exam: "MB2-714", passedOn: "2025-01-01" })),
  },
  {
    fn: "facts.deletePass",
    label: "another partner's pass",
    expected: "notFound",
    arrange: (c) => ({ ...newPass(c, scopeB(c)) }),
    act: (c, a) => errorOf(facts.deletePass(scopeA(c), a.id as number, a.version as number)),
  },
  {
    fn: "imports.commitImport",
    label: "the partner changed since the preview (nothing of the file is stored)",
    expected: "changed",
    arrange: (c) => ({ personId: newIndividual(c).id, mark: imports.partnerAuditMark(c.a.partnerId) - 1 }),
    act: (c, a) => {
      const r = imports.commitImport(scopeA(c), importPlan(c, a.personId as number), a.mark as number);
      return r.ok ? "ok" : r.error;
    },
  },
  {
    fn: "imports.commitImport",
    label: "a plan that names another partner's person (the whole import is rolled back)",
    expected: "thrown",
    arrange: (c) => ({ personId: newIndividual(c, scopeB(c)).id, mark: imports.partnerAuditMark(c.a.partnerId) }),
    act: (c, a) => {
      try {
        imports.commitImport(scopeA(c), importPlan(c, a.personId as number), a.mark as number);
        return "stored";
      } catch {
        return "thrown";
      }
    },
  },
  {
    fn: "settings-changes.changePartnerSettings",
    label: "stale partner version (no change and no record of one)",
    expected: "conflict",
    arrange: (c) => ({ version: (readPartner(c.a.partnerId)!.version as number) - 1 }),
    act: (c, a) => {
      const r = settingsChanges.changePartnerSettings(
        c.managerId,
        c.a.partnerId,
        a.version as number,
        { market: "developed", ruleSet: "V1" },
        { on: "2026-01-01", levelBefore: "none", levelAfter: "none", passesLost: 0 },
      );
      return r.ok ? "ok" : r.error;
    },
  },
  {
    fn: "manage.addReviewNote",
    label: "a note for a partner that does not exist",
    expected: null,
    arrange: () => ({}),
    act: (c) => (manage.addReviewNote(c.managerId, 987_654, { decision: "note", body: "x" }) === null ? null : "stored"),
  },
  {
    fn: "manage.updatePartnerSettings",
    label: "stale partner version",
    expected: "conflict",
    arrange: (c) => ({ version: (readPartner(c.a.partnerId)!.version as number) - 1 }),
    act: (c, a) => {
      const r = manage.updatePartnerSettings(c.managerId, c.a.partnerId, a.version as number, { market: "developing", ruleSet: "V3" });
      return r.ok ? "ok" : r.error;
    },
  },
  {
    fn: "manage.createPartnerWithAdmin",
    label: "a taken Microsoft partner ID",
    expected: "msPartnerIdTaken",
    arrange: () => ({}),
    act: async (c) => {
      const r = await manage.createPartnerWithAdmin(
        c.managerId,
        { name: "Dup", msPartnerId: "9796001", market: "developed", ruleSet: "V1", adminName: "D", adminEmail: `d-${c.next()}@x.example` },
        "temporary-password-1",
      );
      return r.ok ? "ok" : r.error;
    },
  },
  {
    fn: "manage.createPartnerAdmin",
    label: "a taken email",
    expected: "emailTaken",
    arrange: () => ({}),
    act: async (c) => {
      const r = await manage.createPartnerAdmin(c.managerId, c.a.partnerId, { adminName: "D", adminEmail: "b@test.example" }, "temporary-password-1");
      return r.ok ? "ok" : r.error;
    },
  },
  {
    fn: "manage.changeOwnPassword",
    label: "a wrong current password",
    expected: null,
    arrange: () => ({}),
    act: async (c) => ((await manage.changeOwnPassword(c.a.adminId, "a@test.example", "not the password", "a-new-password-2", null)) ? "changed" : null),
  },
  {
    fn: "review.addReviewReply",
    label: "a reply to another partner's note",
    expected: "notFound",
    arrange: (c) => ({ noteId: manage.addReviewNote(c.managerId, c.b.partnerId, { decision: "needs-information", body: "B?" })!.id }),
    act: (c, a) => errorOf(review.addReviewReply(c.a.adminId, c.a.partnerId, a.noteId as number, "hijack")),
  },
  {
    fn: "accounts.setPartnerAdminDisabled",
    label: "another partner's admin",
    expected: "notFound",
    arrange: () => ({}),
    act: (c) => errorOf(accounts.setPartnerAdminDisabled(c.managerId, c.a.partnerId, c.b.adminId, true)),
  },
  {
    fn: "accounts.resetPartnerAdminPassword",
    label: "another partner's admin",
    expected: "notFound",
    arrange: () => ({}),
    act: async (c) => errorOf(await accounts.resetPartnerAdminPassword(c.managerId, c.a.partnerId, c.b.adminId, "temporary-password-9")),
  },
  {
    fn: "accounts.requestMfaReset",
    label: "one's own second factor",
    expected: "self",
    arrange: () => ({}),
    act: (c) => errorOf(accounts.requestMfaReset(c.managerId, c.managerId)),
  },
  {
    fn: "accounts.confirmMfaReset",
    label: "confirmed by the manager who asked",
    expected: "sameManager",
    arrange: async (c) => ({ requestId: accountOk(accounts.requestMfaReset(c.managerId, await newManager(c))).requestId }),
    act: (c, a) => errorOf(accounts.confirmMfaReset(c.managerId, a.requestId as number)),
  },
  {
    fn: "accounts.resetPasswordWithToken",
    label: "a link used a second time",
    expected: null,
    arrange: async (c) => {
      const u = await newAdminOf(c, c.a.partnerId);
      const token = accounts.createPasswordResetToken(u.email)!.token;
      await accounts.resetPasswordWithToken(token, "a-new-password-7");
      return { token };
    },
    act: async (_c, a) => ((await accounts.resetPasswordWithToken(a.token as string, "another-password-8")) ? "changed" : null),
  },
  {
    fn: "accounts.resetPasswordWithToken",
    label: "an unknown link",
    expected: null,
    arrange: () => ({}),
    act: async () => ((await accounts.resetPasswordWithToken("not-a-token", "another-password-8")) ? "changed" : null),
  },
  {
    fn: "users.setUserDisabled",
    label: "an unknown user",
    expected: null,
    arrange: () => ({}),
    act: (c) => (users.setUserDisabled(987_654, true, c.managerId) === null ? null : "changed"),
  },
];

// ---------------------------------------------------------------------------------------------
// db/ functions that change no business record, and why they write no audit row. Reads are listed too,
// so that every exported function of db/ is classified.

const NOT_A_RECORD_CHANGE: Record<string, string> = {
  "users.normaliseEmail": "pure",
  "users.hashPassword": "pure",
  "users.checkCredentials": "read",
  "users.getUserById": "read",
  "users.getUserByEmail": "read",
  "users.setUserLocale": "a display preference of the user's own, not a record (no audit row by design; see docs/reliability.md)",
  "sessions.getSessionUser": "read; slides the session's last-seen time and removes expired sessions (housekeeping)",
  "sessions.deleteUserSessions": "housekeeping of sessions; disabling a user (audited) ends sessions in its own transaction",
  "throttle.throttleWaitMs": "read",
  "throttle.takeAttempt": "sign-in throttling bookkeeping",
  "throttle.giveBack": "sign-in throttling bookkeeping",
  "throttle.delayAfter": "pure",
  "throttle.FREE_ATTEMPTS": "a constant",
  "users.passwordHashPool": "the bound on concurrent password hashes (no data)",
  "mfa.startTotpEnrolment": "stores a pending secret that does nothing until enrolment completes",
  "mfa.completeTotpEnrolment": "audited as entity user-totp with after only (covered by db/auth.test.ts)",
  "mfa.verifySecondFactor": "uses up a recovery code (sign-in bookkeeping)",
  "mfa.isTotpEnabled": "read",
  "mfa.needsSecondFactor": "pure",
  "sessions.hashToken": "pure",
  "manage.listReviewNotes": "read",
  "manage.listPartnerAdmins": "read",
  "portfolio.recomputeStoredEvaluation": "derived data: a cache of the engine's result over audited facts (no business record)",
  "portfolio.partnersWithStaleEvaluation": "read",
  "portfolio.queryPortfolio": "read",
  "portfolio.portfolioCounts": "read",
  "portfolio.storedEvaluations": "read",
  "portfolio.centsFromText": "pure",
  "duplicates.findSimilarCustomer": "read",
  "duplicates.findSimilarPerson": "read",
  "duplicates.findSameRevenue": "read",
  "what-if.applyHypotheticals": "a sequence of db/facts.ts writes (each tested here, each with its own audit row) in one transaction",
  "impact.partnersToMove": "read",
  "imports.partnerAuditMark": "read",
  "imports.listImports": "read",
  "settings-changes.listSettingsChanges": "read",
  "portfolio.recordEvaluationFailure": "derived data: notes that the engine failed on a partner's facts (no business record)",
  "portfolio.hasStaleEvaluations": "read",
  "portfolio.getRefreshRun": "read",
  "portfolio.portfolioGenerationNumber": "read",
  "portfolio.countPortfolio": "read",
  "portfolio.countPortfolioQuery": "read (the statements countPortfolio runs)",
  "portfolio.portfolioCountsQuery": "read (the statement portfolioCounts runs)",
  "portfolio.claimRefreshRun": "the refresher's lease bookkeeping (no business record)",
  "portfolio.releaseRefreshRun": "the refresher's lease bookkeeping (no business record)",
  "portfolio.storeEvaluationsOffline": "derived data, for a new synthetic database only (scripts/db-synth.ts)",
  "portfolio.refreshBatch": "derived data: recomputes stored evaluations from audited facts, and the lease's cursor",
  "partners.listPartners": "read",
  "partners.getPartner": "read",
  "partners.partnerDataStamp": "read",
  "partners.partnersNamedLike": "read",
  "partners.getPartnerData": "read",
  "partners.getRevenuePage": "read",
  "partners.countRevenueLines": "read",
  "partners.getRevenueLine": "read",
  "partners.toFacts": "pure",
  "review.listReplies": "read",
  "review.reviewQueue": "read",
  "review.reviewQueueQuery": "read (the statement reviewQueue runs)",
  "review.reviewQueueItems": "read (shapes reviewQueue's rows)",
  "accounts.listPartnerAccounts": "read",
  "accounts.listManagerAccounts": "read",
  "accounts.isResetTokenValid": "read",
  "accounts.createPasswordResetToken": "a short-lived, single-use sign-in credential (only its hash is stored); the password change it allows is audited",
  "audit-log.queryAudit": "read",
  "audit-log.exportAudit": "read",
  "audit-log.findActors": "read",
  "audit-log.referencedNames": "read",
  "notifications.partnerAdminIds": "read",
  "notifications.managerIds": "read",
  "notifications.partnerAdminsOf": "read",
  "notifications.listNotifications": "read",
  "notifications.unreadCount": "read",
  "notifications.getEmailMode": "read",
  "notifications.usersWithPendingMail": "read",
  "notifications.pendingMailFor": "read",
  "notifications.evaluationStamp": "read",
  "notifications.scanDone": "read",
  "notifications.notifyUsers": "derived: a notification of an audited change, written in that change's transaction (no business record)",
  "notifications.recordScan": "derived: time-based notifications from the stored evaluation and the calendar, and the day's scan marker",
  "notifications.markNotificationRead": "the user's own read state of a notification (bookkeeping, like a session's last-seen time)",
  "notifications.markAllNotificationsRead": "the user's own read state of notifications (bookkeeping)",
  "notifications.setEmailMode": "a preference of the user's own, like the language (no audit row by design)",
  "notifications.markMail": "e-mail delivery bookkeeping",
  "notifications.skipStaleMail": "e-mail delivery bookkeeping",
};
/** Modules that are not the app's record writes at all. */
const OTHER_MODULES: Record<string, string> = {
  schema: "table definitions",
  client: "the connection and transactions",
  audit: "the audit writer itself",
  bootstrap: "migration and demo seed of an empty database",
  seed: "demo seed of an empty database",
  backup: "copies whole database files",
  synthetic: "generates a synthetic database for load tests (scripts/db-synth.ts)",
};

// ---------------------------------------------------------------------------------------------

let seq = 0;
let newPartnerId = 0;
const ctx: Ctx = { a: { partnerId: 0, adminId: 0 }, b: { partnerId: 0, adminId: 0 }, managerId: 0, next: () => String(++seq) };

beforeAll(async () => {
  const d = getDb();
  const pa = d.insert(schema.partners).values({ name: "Auditado A", msPartnerId: "9796001", market: "developed" }).returning().get();
  const pb = d.insert(schema.partners).values({ name: "Auditado B", msPartnerId: "9796002", market: "developed" }).returning().get();
  const mk = (email: string, partnerId: number | null, role: "partner_admin" | "channel_manager") =>
    users.createUser({ email, name: email, password: "long enough password", role, partnerId });
  ctx.a = { partnerId: pa.id, adminId: (await mk("a@test.example", pa.id, "partner_admin")).id };
  ctx.b = { partnerId: pb.id, adminId: (await mk("b@test.example", pb.id, "partner_admin")).id };
  ctx.managerId = (await mk("cm@test.example", null, "channel_manager")).id;
});

const lastAuditId = () => db().select({ id: schema.auditLog.id }).from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(1).get()?.id ?? 0;
const auditSince = (id: number) =>
  db()
    .select()
    .from(schema.auditLog)
    .all()
    .filter((r) => r.id > id);
const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as Json));

describe("every mutation writes exactly one audit row with actor, partner, entity, id, before and after", () => {
  for (const c of MUTATIONS) {
    it(`${c.label} (${c.fn})`, async () => {
      const target = c.arrange ? await c.arrange(ctx) : { id: null };
      const before = target.id !== null && c.read ? c.read(target.id) : null;
      if (c.action === "update" || c.action === "delete") expect(before, "the record exists before").not.toBeNull();
      const mark = lastAuditId();
      const entityId = await c.act(ctx, target);
      const after = entityId !== null && c.read ? c.read(entityId) : null;

      const rows = auditSince(mark);
      expect(rows, "new audit rows").toHaveLength(1);
      const a = rows[0]!;
      expect({ actorId: a.actorId, partnerId: a.partnerId, entity: a.entity, entityId: a.entityId, action: a.action }).toEqual({
        actorId: c.actor(ctx, target),
        partnerId: c.partner(ctx, target),
        entity: c.entity,
        entityId: entityId === null ? null : String(entityId),
        action: c.action,
      });
      if (c.eventOnly) {
        expect([a.before, a.after]).toEqual([null, null]);
        return;
      }
      if (c.action === "create") expect(a.before).toBeNull();
      else expect(parse(a.before)).toEqual(before);
      if (c.action === "delete") {
        expect(a.after).toBeNull();
        expect(after, "the record is gone").toBeNull();
      } else {
        expect(after).not.toBeNull();
        expect(parse(a.after)).toEqual(after);
      }
      if (c.action === "update") expect(after, "an update changes the record").not.toEqual(before);
      // No secret ever reaches the audit log.
      expect(`${a.before ?? ""} ${a.after ?? ""}`).not.toMatch(/passwordHash|password_hash|totpSecret|codeHash|\$argon2/);
    });
  }
});

describe("a refused write changes nothing and writes no audit row", () => {
  for (const r of REFUSALS) {
    it(`${r.fn}: ${r.label} → ${r.expected ?? "nothing"}`, async () => {
      const arranged = await r.arrange(ctx);
      const mark = lastAuditId();
      const before = describeDatabase(dbFile);
      expect(await r.act(ctx, arranged)).toBe(r.expected);
      expect(auditSince(mark)).toEqual([]);
      expect(describeDatabase(dbFile)).toEqual(before);
    });
  }
});

describe("coverage", () => {
  it("every exported function of db/ is a tested mutation, or is classified as no record change with a reason", async () => {
    const tested = new Set(MUTATIONS.map((m) => m.fn));
    const unclassified: string[] = [];
    const modules = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => f.replace(/\.ts$/, ""));
    for (const m of modules) {
      if (m in OTHER_MODULES) continue;
      const mod = (await import(/* @vite-ignore */ path.join(__dirname, `${m}.ts`))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== "function") continue;
        const key = `${m}.${name}`;
        if (tested.has(key)) continue;
        if (NOT_A_RECORD_CHANGE[key]) continue;
        unclassified.push(key);
      }
    }
    expect(
      unclassified,
      "db/ functions without an audit case in db/audit-coverage.test.ts (add one to MUTATIONS, or to NOT_A_RECORD_CHANGE with the reason)",
    ).toEqual([]);
  });

  it("every write function of db/facts.ts has at least one refusal case", () => {
    const refused = new Set(REFUSALS.map((r) => r.fn));
    const writes = MUTATIONS.map((m) => m.fn).filter((f) => f.startsWith("facts.") && !/^facts\.create(Customer|Individual)$/.test(f));
    expect(writes.filter((f) => !refused.has(f))).toEqual([]);
  });
});
