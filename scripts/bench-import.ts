// npm run bench:import -- [--rows 50000] [--runs 3]
// The import's benchmark (issue 11): a partner with 1,000 customers and 2,000 revenue lines already
// stored; a revenue file of N rows (pt-BR dialect, Windows-1252, as Excel in pt-BR saves it; 1,000
// customer names of which 100 are new, 2% bad rows, 1% duplicates) is previewed, then imported (the
// analysis again, the one transaction, the stored evaluation refreshed once). Times are wall-clock
// on this machine; the bar is ≤ 10 s for 50,000 rows, preview and import each. Writes
// bench/results/import.{json,md}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "50000" }, runs: { type: "string", default: "3" } } });
  const rows = Number(values.rows);
  const runs = Number(values.runs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cct-bench-import-"));
  process.env.DATABASE_PATH = path.join(dir, "app.db");
  const { getDb, closeDb } = await import("../db/client");
  const { partners, users, customers, revenueLines } = await import("../db/schema");
  const { previewImport, runImport, refreshAfterImport } = await import("../lib/server/import");
  const { todayIso } = await import("../lib/format");
  const { addDays } = await import("../lib/competency");
  const db = getDb();
  const today = todayIso();

  type Run = { run: number; previewMs: number; commitMs: number; importMs: number; imported: number; refused: number; duplicates: number };
  const results: (Run & { levelBefore: string; levelAfter: string })[] = [];
  for (let run = 1; run <= runs; run++) {
    const p = db
      .insert(partners)
      .values({ name: `Bench ${run}`, msPartnerId: `770000${run}`, market: "developed", ruleSet: "V3" })
      .returning()
      .get();
    const u = db
      .insert(users)
      .values({ email: `bench-import-${run}@x.example`, name: "Bench", passwordHash: "x", role: "partner_admin", partnerId: p.id })
      .returning()
      .get();
    db.$client.transaction(() => {
      for (let c = 0; c < 1000; c++) {
        const cust = db
          .insert(customers)
          .values({ partnerId: p.id, name: `Cliente Ação ${c}`, dporFrom: "2020-01-01" })
          .returning()
          .get();
        for (let l = 0; l < 2; l++)
          db.insert(revenueLines)
            .values({ partnerId: p.id, customerId: cust.id, product: "crm-online", date: addDays(today, -(l * 90 + (c % 60))), amountCents: 1000 + c })
            .run();
      }
    })();
    // The file: pt-BR dialect, Windows-1252 ("ç", "ã" as single bytes).
    const lines = ["Cliente;Produto;Data da fatura;Valor (US$);Nota"];
    for (let i = 0; i < rows; i++) {
      const c = i % 1100; // 1,000 stored, 100 new
      const date = addDays(today, -(i % 700));
      const bad = i % 50 === 7;
      const dup = i % 100 === 3 && i > 0;
      if (dup) {
        lines.push(lines[lines.length - 1]!);
        continue;
      }
      const amount = `${(i % 900) + 1}.${String(i % 1000).padStart(3, "0")},${String(i % 100).padStart(2, "0")}`;
      const product = i % 3 === 0 ? "Dynamics 365 Plano 1" : "CRM Online";
      lines.push(`Cliente Ação ${c};${product};${bad ? "31/02/2026" : date.split("-").reverse().join("/")};${amount};nota ${i}`);
    }
    const text = lines.join("\r\n") + "\r\n";
    const bytes = new Uint8Array(Buffer.from(text, "latin1"));
    const input = { partnerId: p.id, kind: "revenue" as const, fileName: `receita-${rows}.csv`, bytes, includeDuplicates: false };
    let t = performance.now();
    const a = await previewImport(u.id, input);
    const previewMs = performance.now() - t;
    if ("refusal" in a) throw new Error(`refused: ${a.refusal}`);
    t = performance.now();
    const r = await runImport({ actorId: u.id, partnerId: p.id }, input, { mark: a.preview.mark, rows: a.preview.toImport }, { refresh: false });
    const commitMs = performance.now() - t;
    refreshAfterImport(p.id);
    const importMs = performance.now() - t;
    if (!("record" in r)) throw new Error(`not imported: ${r.refusal}`);
    const stored = (db.$client.prepare("select count(*) n from revenue_lines where partner_id = ?").get(p.id) as { n: number }).n;
    if (stored !== 2000 + r.record.imported) throw new Error(`stored ${stored} lines`);
    results.push({
      run,
      previewMs: Math.round(previewMs),
      commitMs: Math.round(commitMs),
      importMs: Math.round(importMs),
      imported: r.record.imported,
      refused: r.record.refused,
      duplicates: r.record.duplicatesSkipped,
      levelBefore: a.preview.levelBefore,
      levelAfter: a.preview.levelAfter,
    });
    console.log(
      `run ${run}: preview ${Math.round(previewMs)} ms, stored after ${Math.round(commitMs)} ms, refreshed after ${Math.round(importMs)} ms`,
      `(${r.record.imported} imported, ${r.record.refused} refused, ${r.record.duplicatesSkipped} duplicates skipped; ${(bytes.length / 1024 / 1024).toFixed(1)} MB)`,
    );
  }
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
  const worst = { previewMs: Math.max(...results.map((r) => r.previewMs)), importMs: Math.max(...results.map((r) => r.importMs)) };
  const pass = worst.previewMs <= 10_000 && worst.importMs <= 10_000;
  const out = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows, runs: results, worst, limitMs: 10_000, pass };
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/import.json", JSON.stringify(out, null, 2) + "\n");
  const md = [
    `# Import benchmark (${out.at.slice(0, 10)})`,
    "",
    `${rows.toLocaleString("en")} revenue rows (pt-BR dialect, Windows-1252), into a partner with 1,000 customers and 2,000 lines; ${os.cpus().length} cores, Node ${process.version}.`,
    "Preview = decode, parse, check and resolve every row against the stored data, level before → after.",
    "Stored = the import's one transaction with its one audit row (the preview's plan, kept for the caller's commit",
    "when the partner has not changed; else the analysis runs again).",
    "Import = stored, then the stored evaluation refreshed once (engine, risk projection over every line).",
    "",
    "| run | preview | stored | import (with refresh) | imported | refused | duplicates skipped | level |",
    "|---|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.run} | ${(r.previewMs / 1000).toFixed(2)} s | ${(r.commitMs / 1000).toFixed(2)} s | ${(r.importMs / 1000).toFixed(2)} s | ${r.imported} | ${r.refused} | ${r.duplicates} | ${r.levelBefore} → ${r.levelAfter} |`,
    ),
    "",
    `Worst: preview ${(worst.previewMs / 1000).toFixed(2)} s, import ${(worst.importMs / 1000).toFixed(2)} s (limit 10 s): ${out.pass ? "pass" : "FAIL"}.`,
    "",
  ].join("\n");
  fs.writeFileSync("bench/results/import.md", md);
  console.log(md);
  if (!out.pass) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
