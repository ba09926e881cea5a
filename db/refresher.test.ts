import { beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// Every test starts from a copy of one database: 80 synthetic partners and a channel manager, with no
// stored evaluations (tests that need them as of TODAY store them first).
const db0 = databaseTemplate("refresher", () => {
  const db = getDb();
  ids = insertSyntheticPartners(db, { partners: 80, today: TODAY, seed: 11 });
  actor = db.insert(schema.users).values({ email: "cm@example.com", name: "CM", passwordHash: "x", role: "channel_manager" }).returning().get().id;
});

// db/ modules are imported after DATABASE_PATH is set.
const { getDb } = await import("./client");
const schema = await import("./schema");
const facts = await import("./facts");
const portfolio = await import("./portfolio");
const { insertSyntheticPartners } = await import("./synthetic");
const { refreshDay } = await import("@/lib/server/refresher");
const { refreshStaleEvaluations, storedEvaluationOf } = await import("@/lib/server/stored-evaluations");
const { loadPortfolio } = await import("@/lib/server/portfolio");
const { formatMoney } = await import("@/lib/format");
const { toCsv } = await import("@/lib/csv");
const { PARTNER_LIMITS, PORTFOLIO_SORTS } = await import("@/lib/vocabulary");

const TODAY = "2026-11-25";
const TOMORROW = "2026-11-26";
let ids: number[] = [];
let actor = 0;

beforeEach(async () => {
  await db0.fresh();
});

const sql = () => getDb().$client;
const storedCount = () => sql().prepare("select count(*) from partner_evaluations").pluck().get() as number;
const params = { sort: "name", dir: "asc", page: 1, size: 20 } as const;

describe("the refresher", () => {
  it("brings every stale row up to date, in batches, and the day's run is then done", async () => {
    expect(storedCount()).toBe(0);
    expect(portfolio.hasStaleEvaluations(TODAY)).toBe(true);
    const r = await refreshDay(TODAY, { holder: "a", batchPartners: 7, batchMs: 1000, pauseMs: 0 });
    expect(r).toMatchObject({ status: "finished", refreshed: 80, failed: 0 });
    expect(storedCount()).toBe(80);
    expect(portfolio.hasStaleEvaluations(TODAY)).toBe(false);
    expect(portfolio.getRefreshRun(TODAY)).toMatchObject({ refreshed: 80, cursor: 0, leaseUntilMs: 0 });
    expect(portfolio.getRefreshRun(TODAY)!.finishedAt).not.toBeNull();
    // Each stored row equals a fresh evaluation by the engine.
    const stored = portfolio.storedEvaluations(ids);
    const { getPartnerData } = await import("./partners");
    for (const id of ids.slice(0, 10)) expect(stored.get(id)).toEqual(storedEvaluationOf(getPartnerData(id)!, TODAY));
    // Nothing stale: a second run does nothing.
    expect(await refreshDay(TODAY, { holder: "b" })).toMatchObject({ status: "done", refreshed: 0 });
  });

  it("claims each day's run with a lease: a second process waits, and takes over where a dead holder stopped", () => {
    refreshStaleEvaluations(TODAY);
    const now = 1_000_000;
    // The next day, some rows have expired.
    const due = portfolio.partnersWithStaleEvaluation(TOMORROW).length;
    const expired = sql().prepare("select count(*) from partner_evaluations where valid_until <= ?").pluck().get(TOMORROW) as number;
    expect(due).toBe(expired);
    sql()
      .prepare("update partner_evaluations set valid_until = ? where partner_id in (select partner_id from partner_evaluations order by partner_id limit 30)")
      .run(TOMORROW);
    const stale = portfolio.partnersWithStaleEvaluation(TOMORROW);
    expect(stale.length).toBeGreaterThanOrEqual(30);
    const compute = (d: Parameters<typeof storedEvaluationOf>[0]) => storedEvaluationOf(d, TOMORROW);

    expect(portfolio.claimRefreshRun(TOMORROW, "a", now, 10_000)).toMatchObject({ claimed: true });
    expect(portfolio.claimRefreshRun(TOMORROW, "b", now + 1, 10_000)).toMatchObject({ claimed: false, reason: "held" });
    const first = portfolio.refreshBatch(TOMORROW, "a", { leaseMs: 10_000, maxMs: 1e9, maxPartners: 10, now: () => now + 2 }, compute);
    expect(first).toMatchObject({ held: true, refreshed: 10, finished: false, cursor: stale[9] });
    // "a" dies. While its lease lasts, "b" may not work on the day; once it expired, "b" resumes at the cursor.
    expect(portfolio.refreshBatch(TOMORROW, "b", { leaseMs: 10_000, maxMs: 1e9, maxPartners: 10, now: () => now + 3 }, compute).held).toBe(false);
    expect(portfolio.claimRefreshRun(TOMORROW, "b", now + 20_000, 10_000)).toMatchObject({ claimed: true, run: { cursor: stale[9], holder: "b" } });
    // "a" comes back: its lease is gone, its batch is refused.
    expect(portfolio.refreshBatch(TOMORROW, "a", { leaseMs: 10_000, maxMs: 1e9, maxPartners: 10, now: () => now + 20_001 }, compute).held).toBe(false);
    let b;
    do b = portfolio.refreshBatch(TOMORROW, "b", { leaseMs: 10_000, maxMs: 1e9, maxPartners: 10, now: () => now + 20_002 }, compute);
    while (b.held && !b.finished);
    expect(b.finished).toBe(true);
    expect(portfolio.partnersWithStaleEvaluation(TOMORROW)).toEqual([]);
    // Every stale partner was done exactly once over both holders.
    expect(portfolio.getRefreshRun(TOMORROW)!.refreshed).toBe(stale.length);
    // Back to today's rows for the next tests.
    refreshStaleEvaluations(TODAY);
  });

  it("reopens a finished day when rows are stale again (a recompute after a write that failed)", async () => {
    expect(await refreshDay(TODAY, { holder: "a", pauseMs: 0 })).toMatchObject({ status: "finished" });
    sql().prepare("delete from partner_evaluations where partner_id = ?").run(ids[3]);
    const r = await refreshDay(TODAY, { holder: "c", pauseMs: 0 });
    expect(r).toMatchObject({ status: "finished", refreshed: 1 });
    expect(portfolio.getRefreshRun(TODAY)!.passes).toBe(2);
  });
});

describe("the portfolio whatever the state of the stored rows", () => {
  it("counts and lists every partner once: current, from an earlier day, without a row, or failed, marked", async () => {
    refreshStaleEvaluations(TODAY);
    const [stale, pending, failed] = [ids[10]!, ids[20]!, ids[30]!];
    sql().prepare("update partner_evaluations set as_of = '2026-11-20', valid_until = ? where partner_id = ?").run(TODAY, stale);
    sql().prepare("delete from partner_evaluations where partner_id = ?").run(pending);
    portfolio.recordEvaluationFailure(failed, TODAY, "boom");
    const c = portfolio.portfolioCounts(TODAY, "2027-02-23");
    expect(c).toMatchObject({ total: 80, stale: 1, pending: 1, failed: 1 });
    expect(c.none + c.silver + c.gold + c.stale + c.pending + c.failed).toBe(80);
    for (const sort of PORTFOLIO_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const all = portfolio.queryPortfolio({ today: TODAY, sort, dir, page: 1, pageSize: 0 });
        expect(all.total).toBe(80);
        expect(new Set(all.rows.map((r) => r.partnerId)).size).toBe(80);
        const paged = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].flatMap((page) => portfolio.queryPortfolio({ today: TODAY, sort, dir, page, pageSize: 7 }).rows);
        expect(paged.map((r) => r.partnerId)).toEqual(all.rows.map((r) => r.partnerId));
        const state = new Map(all.rows.map((r) => [r.partnerId, r]));
        expect(state.get(stale)).toMatchObject({ state: "stale", asOf: "2026-11-20" });
        expect(state.get(pending)).toMatchObject({ state: "pending", asOf: null, level: null, qualifyingRevenueCents: null });
        expect(state.get(failed)!.state).toBe("failed");
        expect(all.rows.filter((r) => r.state === "current")).toHaveLength(77);
      }
    }
    // A filter on the partner (market) keeps the partner without a row; a filter on stored figures cannot match it.
    const market = getDb()
      .select()
      .from(schema.partners)
      .all()
      .find((p) => p.id === pending)!.market;
    expect(
      portfolio.queryPortfolio({ today: TODAY, market, sort: "revenue", dir: "desc", page: 1, pageSize: 0 }).rows.some((r) => r.partnerId === pending),
    ).toBe(true);
    expect(
      portfolio.queryPortfolio({ today: TODAY, level: "none", sort: "revenue", dir: "desc", page: 1, pageSize: 0 }).rows.some((r) => r.partnerId === pending),
    ).toBe(false);
    // The page's model says how many are being updated.
    const view = await loadPortfolio({ ...params }, { today: TODAY });
    expect(view).toMatchObject({ total: 80, updating: 3, pages: 4 });
  });

  it("answers from the stored rows while a refresh runs, without evaluating anything itself", async () => {
    refreshStaleEvaluations(TODAY);
    sql()
      .prepare("update partner_evaluations set valid_until = ? where partner_id in (select partner_id from partner_evaluations order by partner_id limit 40)")
      .run(TOMORROW);
    const staleBefore = portfolio.partnersWithStaleEvaluation(TOMORROW).length;
    expect(staleBefore).toBeGreaterThanOrEqual(40);
    // Another process holds tomorrow's run and has done one batch.
    portfolio.claimRefreshRun(TOMORROW, "other", Date.now(), 60_000);
    portfolio.refreshBatch(TOMORROW, "other", { leaseMs: 60_000, maxMs: 1e9, maxPartners: 5 }, (d) => storedEvaluationOf(d, TOMORROW));
    const view = await loadPortfolio({ ...params }, { today: TOMORROW });
    expect(view.total).toBe(80);
    expect(view.updating).toBe(staleBefore - 5);
    expect(view.counts.stale + view.counts.pending + view.counts.failed).toBe(staleBefore - 5);
    // Reading changed nothing: the same rows are still stale.
    expect(portfolio.partnersWithStaleEvaluation(TOMORROW)).toHaveLength(staleBefore - 5);
    // This process may not take the run over while "other" holds it.
    expect(await refreshDay(TOMORROW, { holder: "me" })).toMatchObject({ status: "held" });
    refreshStaleEvaluations(TODAY);
  });
});

describe("money beyond 2^53 cents", () => {
  const BIG = 2n ** 53n + 1n; // 9,007,199,254,740,993 cents: not a safe integer

  it("is stored, sorted, read and formatted exactly (portfolio, print, CSV)", () => {
    refreshStaleEvaluations(TODAY);
    const id = ids[40]!;
    const base = storedEvaluationOf(getData(id), TODAY);
    portfolio.recomputeStoredEvaluation(id, () => ({
      ...base,
      qualifyingRevenueCents: BIG,
      nextLevel: "gold",
      nextThresholdCents: BIG * 2n,
      nextShortfallCents: BIG + 2n,
    }));
    expect(
      sql()
        .prepare("select typeof(qualifying_revenue_cents) t, cast(qualifying_revenue_cents as text) v from partner_evaluations where partner_id = ?")
        .get(id),
    ).toEqual({ t: "integer", v: "9007199254740993" });
    const top = portfolio.queryPortfolio({ today: TODAY, sort: "revenue", dir: "desc", page: 1, pageSize: 1 }).rows[0]!;
    expect(top.partnerId).toBe(id);
    expect(top.qualifyingRevenueCents).toBe(BIG);
    expect(top.nextThresholdCents).toBe(BIG * 2n);
    expect(top.nextShortfallCents).toBe(BIG + 2n);
    expect(portfolio.storedEvaluations([id]).get(id)!.qualifyingRevenueCents).toBe(BIG);
    expect(formatMoney(top.qualifyingRevenueCents!, "en")).toBe("$90,071,992,547,409.93");
    expect(formatMoney(top.qualifyingRevenueCents!, "pt-BR").replace(/\s/g, " ")).toBe("US$ 90.071.992.547.409,93");
    expect(toCsv(["a"], [[{ cents: top.qualifyingRevenueCents! }]], "pt-BR")).toContain("90071992547409,93");
    expect(toCsv(["a"], [[{ cents: -BIG }]], "en")).toContain("-90071992547409.93");
    refreshStaleEvaluations(TODAY);
  });

  it("a partner whose revenue passes 2^53 cents is evaluated exactly and listed", async () => {
    const id = ids[50]!;
    refreshStaleEvaluations(TODAY);
    const before = BigInt(portfolio.storedEvaluations([id]).get(id)!.qualifyingRevenueCents);
    const c = getDb().insert(schema.customers).values({ partnerId: id, name: "Huge", dporFrom: "2020-01-01" }).returning().get();
    const ins = sql().prepare("insert into revenue_lines (partner_id, customer_id, product, date, amount_cents) values (?, ?, 'crm-online', ?, ?)");
    // 95,000 lines of US$ 1,000,000,000.00 (the largest a line may be): 9.5 × 10^15 cents, past 2^53.
    sql().transaction(() => {
      for (let i = 0; i < 95_000; i++) ins.run(id, c.id, "2026-06-01", 100_000_000_000);
    })();
    refreshStaleEvaluations(TODAY);
    const row = portfolio
      .queryPortfolio({ today: TODAY, q: getData(id).partner.msPartnerId, sort: "revenue", dir: "desc", page: 1, pageSize: 0 })
      .rows.find((r) => r.partnerId === id)!;
    expect(row.state).toBe("current");
    expect(row.qualifyingRevenueCents).toBe(before + 9_500_000_000_000_000n); // plus 95,000 × 10^11 cents, exactly
    const view = await loadPortfolio({ ...params, sort: "revenue", dir: "desc" }, { today: TODAY, all: true });
    expect(view.rows.some((r) => r.partnerId === id)).toBe(true);
    expect(view.total).toBe(80);
    sql().prepare("delete from revenue_lines where customer_id = ?").run(c.id);
    sql().prepare("delete from customers where id = ?").run(c.id);
    refreshStaleEvaluations(TODAY);
  }, 120_000);
});

describe("per-partner limits", () => {
  it("refuse the row past the limit with a message key and store nothing", () => {
    const id = ids[60]!;
    const scope = { actorId: actor, partnerId: id };
    const audits = () => sql().prepare("select count(*) from audit_log").pluck().get() as number;
    const count = (t: string) => sql().prepare(`select count(*) from ${t} where partner_id = ?`).pluck().get(id) as number;
    const fill = (t: string, target: number, insert: (i: number) => void) =>
      sql().transaction(() => {
        for (let i = count(t); i < target; i++) insert(i);
      })();

    const insPerson = sql().prepare("insert into individuals (partner_id, name) values (?, ?)");
    const insCustomer = sql().prepare("insert into customers (partner_id, name) values (?, ?)");
    const insPass = sql().prepare("insert or ignore into exam_passes (partner_id, individual_id, exam, passed_on) values (?, ?, ?, '2026-01-01')");
    const insLine = sql().prepare("insert into revenue_lines (partner_id, customer_id, product, date, amount_cents) values (?, ?, 'other', '2026-01-01', 1)");
    fill("individuals", PARTNER_LIMITS.individuals, (i) => insPerson.run(id, `P${i}`));
    const people = sql().prepare("select id from individuals where partner_id = ? order by id limit 10").pluck().all(id) as number[];
    fill("customers", PARTNER_LIMITS.customers, (i) => insCustomer.run(id, `C${i}`));
    const customer = sql().prepare("select id from customers where partner_id = ? limit 1").pluck().get(id) as number;
    const personIds = sql().prepare("select id from individuals where partner_id = ? order by id").pluck().all(id) as number[];
    fill("exam_passes", PARTNER_LIMITS.examPasses, (i) => insPass.run(id, personIds[i % personIds.length], `X-${Math.floor(i / personIds.length)}`));
    fill("revenue_lines", PARTNER_LIMITS.revenueLines, () => insLine.run(id, customer));

    const before = { a: audits(), i: count("individuals"), c: count("customers"), p: count("exam_passes"), r: count("revenue_lines") };
    expect(before).toMatchObject({ i: 5_000, c: 50_000, p: 50_000, r: 200_000 });
    expect(facts.createIndividual(scope, { name: "One more", email: null, joinedOn: null, leftOn: null })).toEqual({ ok: false, error: "limitPeople" });
    expect(facts.createCustomer(scope, { name: "One more", dporFrom: null, dporUntil: null })).toEqual({ ok: false, error: "limitCustomers" });
    expect(facts.createPass(scope, { individualId: people[0]!, exam: "MB2-714", passedOn: "2026-01-01" })).toEqual({ ok: false, error: "limitPasses" });
    expect(facts.createRevenue(scope, { customerId: customer, product: "crm-online", date: "2026-01-01", amountCents: 100, note: null })).toEqual({
      ok: false,
      error: "limitRevenueLines",
    });
    expect({ a: audits(), i: count("individuals"), c: count("customers"), p: count("exam_passes"), r: count("revenue_lines") }).toEqual(before);
    // Another partner is not affected.
    expect(facts.createIndividual({ actorId: actor, partnerId: ids[61]! }, { name: "Fine", email: null, joinedOn: null, leftOn: null }).ok).toBe(true);
  }, 180_000); // 305,000 rows to insert first: slow on a busy shared machine

  it("have a message in both languages", async () => {
    for (const locale of ["en", "pt-BR"]) {
      const m = (await import(`@/messages/${locale}/validation.json`)).default.validation;
      for (const key of ["limitRevenueLines", "limitPeople", "limitCustomers", "limitPasses"]) expect(m[key]).toMatch(/\d/);
    }
  });
});

function getData(id: number) {
  return partnersModule.getPartnerData(id)!;
}
const partnersModule = await import("./partners");
