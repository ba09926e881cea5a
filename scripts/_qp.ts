async function main() {
const { getDb } = await import("/work/wt-refresh/db/client");
const p = await import("/work/wt-refresh/db/portfolio");
const db = getDb();
const today = "2026-11-29";
const f = { market: "developed" as const };
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const c = p.countPortfolio(f); const t1 = performance.now() - t; t = performance.now();
  const r = p.queryPortfolio({ ...f, today, counts: c, sort: "revenue", dir: "desc", page: 1, pageSize: 20 }); const t2 = performance.now() - t; t = performance.now();
  const pc = p.portfolioCounts(today, "2027-02-27"); const t3 = performance.now() - t; t = performance.now();
  const g = p.portfolioGenerationNumber(); const t4 = performance.now() - t;
  console.log({ count: t1.toFixed(1), page: t2.toFixed(1), counts: t3.toFixed(1), gen: t4.toFixed(2), rows: r.rows.length, total: r.total, pc });
}
const q = db.select().from((await import("/work/wt-refresh/db/schema")).partnerEvaluations).limit(1).toSQL();
}
main();
