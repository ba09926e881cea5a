// A write load through db/facts in its own process, for the reliability tests (db/reliability.test.ts):
// several of these write to one SQLite file at once, as the server and the command-line scripts may.
//   DATABASE_PATH=… tsx --conditions=react-server scripts/reliability-writer.ts \
//     --partner P --customer C --actor U --tag T [--count N] [--stop-file F] [--go-file G]
// With --go-file it prints "ready" and waits for that file, so several writers start together. It then
// writes revenue lines (one createRevenue each: row + audit row in one transaction) until N are written or
// the stop file exists. Prints "started" after the first write, then one JSON line: what it wrote and every error.
import fs from "node:fs";
import { createRevenue } from "../db/facts";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scope = { partnerId: Number(arg("partner")), actorId: Number(arg("actor")) };
const customerId = Number(arg("customer"));
const tag = arg("tag") ?? "w";
const count = Number(arg("count") ?? Infinity);
const stopFile = arg("stop-file");
const goFile = arg("go-file");

if (goFile) {
  console.log("ready");
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!fs.existsSync(goFile)) Atomics.wait(pause, 0, 0, 5);
}

let written = 0;
let sumCents = 0;
const errors: string[] = [];
for (let i = 0; i < count && !(stopFile && fs.existsSync(stopFile)); i++) {
  // Odd cents, so a lost or doubled line shows in the sum.
  const amountCents = 100_000 + i * 1_001 + 57;
  try {
    const r = createRevenue(scope, { customerId, product: "crm-online", date: "2026-01-15", amountCents, note: `${tag}-${i}` });
    if (r.ok) {
      written++;
      sumCents += amountCents;
    } else errors.push(r.error);
  } catch (err) {
    errors.push(err instanceof Error ? `${(err as { code?: string }).code ?? ""} ${err.message}` : String(err));
  }
  if (i === 0) console.log("started");
  if (errors.length > 20) break;
}
console.log(JSON.stringify({ tag, written, sumCents, errors }));
