import { beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// Every test starts from a copy of one database: 60 synthetic partners and a channel manager, with no
// stored evaluations yet (tests that read the portfolio refresh them first).
const db0 = databaseTemplate("portfolio", () => {
  const db = getDb();
  ids = insertSyntheticPartners(db, { partners: 60, today: TODAY, seed: 7 });
  actor = db.insert(schema.users).values({ email: "cm@example.com", name: "CM", passwordHash: "x", role: "channel_manager" }).returning().get().id;
});

// db/ modules are imported after DATABASE_PATH is set.
const { getDb } = await import("./client");
const schema = await import("./schema");
const facts = await import("./facts");
const evaluations = await import("./portfolio");
const { PORTFOLIO_SORTS } = await import("@/lib/vocabulary");
const manage = await import("./manage");
const { insertSyntheticPartners } = await import("./synthetic");
const { refreshStaleEvaluations, refreshPartnerEvaluation, storedEvaluationOf } = await import("@/lib/server/stored-evaluations");
const { getPartnerData, toFacts } = await import("./partners");
const { evaluate, projectRisk } = await import("@/lib/competency");

const TODAY = "2026-11-25";
let ids: number[] = [];
let actor = 0;

beforeEach(async () => {
  await db0.fresh();
});
/** The stored evaluations as of TODAY, as the portfolio reads them. */
const evaluated = () => beforeEach(() => void refreshStaleEvaluations(TODAY));

const base = { sort: "name" as const, dir: "asc" as const, page: 1, pageSize: 0, today: TODAY };

describe("stored evaluations", () => {
  it("are computed for every partner and equal a fresh evaluation by the engine", () => {
    expect(refreshStaleEvaluations(TODAY)).toBe(60);
    expect(refreshStaleEvaluations(TODAY)).toBe(0); // nothing stale any more
    const stored = evaluations.storedEvaluations(ids);
    for (const id of ids) {
      const data = getPartnerData(id)!;
      const e = evaluate(toFacts(data), { asOf: TODAY, ruleSet: data.partner.ruleSet });
      const s = stored.get(id)!;
      expect(s.level).toBe(e.level);
      expect(s.qualifyingRevenueCents).toBe(e.qualifyingRevenueCents);
      expect(s.atRiskOn).toBe(projectRisk(toFacts(data), { asOf: TODAY, ruleSet: data.partner.ruleSet, horizonDays: 365 }).atRiskOn);
      expect(s).toEqual(storedEvaluationOf(data, TODAY));
    }
    const levels = new Set([...stored.values()].map((s) => s.level));
    expect(levels).toEqual(new Set(["none", "silver", "gold"])); // the generator spreads levels
  });

  it("are deleted in the same transaction as any change to a partner's facts or settings (triggers)", () => {
    refreshStaleEvaluations(TODAY);
    const id = ids[0]!;
    const scope = { actorId: actor, partnerId: id };
    const has = () => evaluations.storedEvaluations([id]).has(id);
    const c = facts.createCustomer(scope, { name: "New", dporFrom: "2025-01-01", dporUntil: null });
    expect(c.ok).toBe(true);
    expect(has()).toBe(false);
    refreshPartnerEvaluation(id, TODAY);
    expect(has()).toBe(true);
    const r = facts.createRevenue(scope, {
      customerId: (c as { row: { id: number } }).row.id,
      product: "crm-online",
      date: "2026-10-01",
      amountCents: 123,
      note: null,
    });
    expect(r.ok).toBe(true);
    expect(has()).toBe(false);
    refreshPartnerEvaluation(id, TODAY);
    const p = getDb()
      .select()
      .from(schema.individuals)
      .all()
      .find((x) => x.partnerId === id)!;
    facts.updateIndividual(scope, p.id, p.version, { name: p.name, email: p.email, joinedOn: p.joinedOn, leftOn: "2026-12-01" });
    expect(has()).toBe(false);
    refreshPartnerEvaluation(id, TODAY);
    const partner = getPartnerData(id)!.partner;
    const other = partner.ruleSet === "V3" ? "V2" : "V3";
    expect(manage.updatePartnerSettings(actor, id, partner.version, { market: partner.market, ruleSet: other }).ok).toBe(true);
    expect(has()).toBe(false);
    // A review note does not change the evaluation: the stored row stays.
    refreshPartnerEvaluation(id, TODAY);
    manage.addReviewNote(actor, id, { decision: "note", body: "ok" });
    expect(has()).toBe(true);
    // Another partner's row is untouched by these writes.
    expect(evaluations.storedEvaluations([ids[1]!]).has(ids[1]!)).toBe(true);
  });

  it("are stale once their valid-until date has come, and recomputed then", () => {
    refreshStaleEvaluations(TODAY);
    const stored = evaluations.storedEvaluations(ids);
    const soonest = [...stored.values()]
      .map((s) => s.validUntil)
      .filter((d): d is string => d !== null)
      .sort()[0]!;
    const due = [...stored.entries()].filter(([, s]) => s.validUntil !== null && s.validUntil <= soonest).map(([id]) => id);
    expect(evaluations.partnersWithStaleEvaluation(TODAY)).toEqual([]);
    expect(evaluations.partnersWithStaleEvaluation(soonest).sort()).toEqual(due.sort());
    // The clock going back also makes a row stale.
    expect(evaluations.partnersWithStaleEvaluation("2026-01-01")).toHaveLength(60);
  });
});

describe("queryPortfolio", () => {
  evaluated();
  it("filters by level, market, closeness, risk, review and search, each as the stored figures say", () => {
    refreshStaleEvaluations(TODAY);
    const all = evaluations.queryPortfolio(base).rows;
    expect(all).toHaveLength(60);
    const check = (f: Parameters<typeof evaluations.queryPortfolio>[0], keep: (r: (typeof all)[number]) => boolean) => {
      const got = evaluations.queryPortfolio({ ...base, ...f });
      const want = all.filter(keep);
      expect(got.rows.map((r) => r.partnerId).sort()).toEqual(want.map((r) => r.partnerId).sort());
      expect(got.total).toBe(want.length);
    };
    check({ ...base, level: "gold" }, (r) => r.level === "gold");
    check({ ...base, market: "developing" }, (r) => r.market === "developing");
    check({ ...base, maxExams: 1 }, (r) => r.nextLevel !== null && r.nextExamsNeeded! <= 1);
    check({ ...base, maxShortfallBp: 2500 }, (r) => r.nextLevel !== null && r.nextShortfallBp! <= 2500);
    check({ ...base, maxExams: 2, maxShortfallBp: 5000 }, (r) => r.nextLevel !== null && r.nextExamsNeeded! <= 2 && r.nextShortfallBp! <= 5000);
    check({ ...base, atRiskBy: "2027-02-23" }, (r) => r.atRiskOn !== null && r.atRiskOn <= "2027-02-23");
    check({ ...base, notReviewedSince: "2000-01-01" }, (r) => r.lastReviewAt === null);
    const one = all[7]!;
    check({ ...base, q: one.msPartnerId }, (r) => r.msPartnerId.includes(one.msPartnerId));
    check({ ...base, q: one.name.toUpperCase() }, (r) => r.name.toLowerCase().includes(one.name.toLowerCase()));
    // LIKE wildcards typed by a user are literal.
    check({ ...base, q: "%" }, (r) => r.name.includes("%"));
    check({ ...base, q: "_" }, (r) => r.name.includes("_"));
  });

  it("sorts by every column in both directions, and pages without overlap", () => {
    const all = evaluations.queryPortfolio(base).rows;
    const key: Record<string, (r: (typeof all)[number]) => number | bigint | string> = {
      revenue: (r) => r.qualifyingRevenueCents!,
      level: (r) => ({ none: 0, silver: 1, gold: 2 })[r.level!],
      name: (r) => r.name,
    };
    for (const sort of PORTFOLIO_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const rows = evaluations.queryPortfolio({ ...base, sort, dir }).rows;
        expect(rows).toHaveLength(60);
        if (key[sort]) {
          const ks = rows.map(key[sort]!);
          const sorted = [...ks].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(ks).toEqual(dir === "asc" ? sorted : sorted.reverse());
        }
        // Pages of 7 put together give the same order.
        const paged = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((page) => evaluations.queryPortfolio({ ...base, sort, dir, page, pageSize: 7 }).rows);
        expect(paged.map((r) => r.partnerId)).toEqual(rows.map((r) => r.partnerId));
      }
    }
  });

  it("counts partners per level and at risk", () => {
    const all = evaluations.queryPortfolio(base).rows;
    const c = evaluations.portfolioCounts(TODAY, "2027-02-23");
    expect(c).toEqual({
      none: all.filter((r) => r.level === "none").length,
      silver: all.filter((r) => r.level === "silver").length,
      gold: all.filter((r) => r.level === "gold").length,
      atRisk: all.filter((r) => r.atRiskOn !== null && r.atRiskOn <= "2027-02-23").length,
      total: 60,
      stale: 0,
      pending: 0,
      failed: 0,
    });
  });
});

describe("channel-manager writes", () => {
  evaluated();
  it("a review note is stored with one audit row, and shows as the partner's last review", () => {
    const id = ids[3]!;
    const before = getDb().select().from(schema.auditLog).all().length;
    const note = manage.addReviewNote(actor, id, { decision: "approved", body: "<b>ok</b>" })!;
    expect(note).toMatchObject({ decision: "approved", body: "<b>ok</b>", authorName: "CM" });
    const audits = getDb().select().from(schema.auditLog).all().slice(before);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: actor, partnerId: id, entity: "review_note", action: "create", before: null });
    expect(manage.listReviewNotes(id)[0]!.id).toBe(note.id);
    const row = evaluations.queryPortfolio({ ...base, q: getPartnerData(id)!.partner.msPartnerId }).rows[0]!;
    expect(row.lastReviewDecision).toBe("approved");
    expect(manage.addReviewNote(actor, 999_999, { decision: "note", body: "x" })).toBeNull();
  });

  it("a partner with its admin is created in one transaction; a taken ID or email creates nothing", async () => {
    const count = () => ({ p: getDb().select().from(schema.partners).all().length, u: getDb().select().from(schema.users).all().length });
    const before = count();
    const ok = await manage.createPartnerWithAdmin(
      actor,
      { name: "Novo", msPartnerId: "12345", market: "developed", ruleSet: "V1", adminName: "Ana", adminEmail: "Ana@Novo.example" },
      "temporary-pass-1",
    );
    expect(ok.ok).toBe(true);
    expect(count()).toEqual({ p: before.p + 1, u: before.u + 1 });
    const admin = getDb()
      .select()
      .from(schema.users)
      .all()
      .find((u) => u.email === "ana@novo.example")!;
    expect(admin).toMatchObject({ role: "partner_admin", mustChangePassword: true });
    expect(
      await manage.createPartnerWithAdmin(
        actor,
        { name: "Dup", msPartnerId: "12345", market: "developed", ruleSet: "V1", adminName: "B", adminEmail: "b@x.example" },
        "temporary-pass-1",
      ),
    ).toEqual({ ok: false, error: "msPartnerIdTaken" });
    expect(
      await manage.createPartnerWithAdmin(
        actor,
        { name: "Dup", msPartnerId: "54321", market: "developed", ruleSet: "V1", adminName: "B", adminEmail: "ana@novo.example" },
        "temporary-pass-1",
      ),
    ).toEqual({ ok: false, error: "emailTaken" });
    expect(count()).toEqual({ p: before.p + 1, u: before.u + 1 });
  });

  it("partner settings are version-checked and audited", () => {
    const id = ids[5]!;
    const p = getPartnerData(id)!.partner;
    const market = p.market === "developed" ? "developing" : "developed";
    const r = manage.updatePartnerSettings(actor, id, p.version, { market, ruleSet: p.ruleSet });
    expect(r.ok).toBe(true);
    const stale = manage.updatePartnerSettings(actor, id, p.version, { market: p.market, ruleSet: p.ruleSet });
    expect(stale).toMatchObject({ ok: false, error: "conflict", current: { market, version: p.version + 1 } });
    expect(manage.updatePartnerSettings(actor, id, p.version + 1, { market, ruleSet: p.ruleSet })).toMatchObject({ ok: false, error: "nothingChanged" });
    const audits = getDb()
      .select()
      .from(schema.auditLog)
      .all()
      .filter((a) => a.partnerId === id && a.entity === "partner");
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.before!)).toMatchObject({ market: p.market });
    expect(JSON.parse(audits[0]!.after!)).toMatchObject({ market });
  });
});
