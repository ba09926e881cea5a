import "server-only";
import type { Db } from "./client";

// A synthetic portfolio for load tests: N partners with realistic sizes (1–30 people, 0–300 revenue
// lines, up to 40 customers) and a spread of levels. Deterministic for a given seed.

/** mulberry32: a small seeded PRNG, so the same seed gives the same database. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDaysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const A = ["MB2-714", "MB2-713", "MB2-709"];
const B = ["MB2-710", "MB2-706"];
const C = ["MB2-712", "MB2-707"];
const FIRST = [
  "Ana",
  "Bruno",
  "Carla",
  "Diego",
  "Elisa",
  "Fábio",
  "Gabriela",
  "Heitor",
  "Íris",
  "João",
  "Karina",
  "Luís",
  "Marta",
  "Nuno",
  "Olívia",
  "Paulo",
  "Quésia",
  "Rafael",
  "Sônia",
  "Tiago",
];
const LAST = ["Silva", "Souza", "Oliveira", "Pereira", "Lima", "Costa", "Rocha", "Almeida", "Nunes", "Teixeira", "Araújo", "Gonçalves"];
const WORDS = [
  "Aurora",
  "Boreal",
  "Cerrado",
  "Delta",
  "Estrela",
  "Fronteira",
  "Gaia",
  "Horizonte",
  "Ipê",
  "Jatobá",
  "Litoral",
  "Monte",
  "Nascente",
  "Oceano",
  "Pampa",
  "Quilombo",
  "Rio",
  "Serra",
  "Tropical",
  "Vale",
];
const KINDS = ["Sistemas", "Consultoria", "Tecnologia", "Digital", "Cloud", "Integradores", "Solutions", "Partners"];

export interface SyntheticOptions {
  partners: number;
  today: string;
  seed?: number;
  /** Partner IDs start here (default 50000000). */
  firstMsPartnerId?: number;
}

/** Inserts the synthetic partners and their facts in one transaction per 500 partners. Returns their ids. */
export function insertSyntheticPartners(db: Db, opts: SyntheticOptions): number[] {
  const rand = rng(opts.seed ?? 42);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const c = db.$client;
  const insPartner = c.prepare("insert into partners (name, ms_partner_id, market, rule_set) values (?, ?, ?, ?) returning id");
  const insCustomer = c.prepare("insert into customers (partner_id, name, dpor_from, dpor_until) values (?, ?, ?, ?) returning id");
  const insRevenue = c.prepare("insert into revenue_lines (partner_id, customer_id, product, date, amount_cents) values (?, ?, ?, ?, ?)");
  const insPerson = c.prepare("insert into individuals (partner_id, name, email, joined_on, left_on) values (?, ?, ?, ?, ?) returning id");
  const insPass = c.prepare("insert into exam_passes (partner_id, individual_id, exam, passed_on) values (?, ?, ?, ?)");
  const ids: number[] = [];
  const first = opts.firstMsPartnerId ?? 50_000_000;

  const one = (i: number) => {
    const market = rand() < 0.8 ? "developed" : "developing";
    const ruleSet = market === "developing" ? pick(["V2", "V3"]) : pick(["V1", "V1", "V1", "V2", "V3"]);
    const name = `${pick(WORDS)} ${pick(KINDS)} ${i + 1}`;
    const pid = (insPartner.get(name, String(first + i), market, ruleSet) as { id: number }).id;
    ids.push(pid);

    // Revenue: a yearly volume from "none" to "well past Gold", spread over the lines.
    const lines = rand() < 0.08 ? 0 : int(1, 300);
    const nCustomers = lines === 0 ? int(0, 3) : Math.max(1, Math.min(40, Math.ceil(lines / int(3, 15))));
    const customers: number[] = [];
    for (let k = 0; k < nCustomers; k++) {
      const dpor = rand();
      const from = dpor < 0.15 ? null : isoDaysBefore(opts.today, int(30, 1500));
      const until: string | null = from && dpor > 0.92 ? isoDaysBefore(opts.today, int(-200, 25)) : null;
      customers.push((insCustomer.get(pid, `Cliente ${pick(WORDS)} ${k + 1}`, from, until && from && until >= from ? until : null) as { id: number }).id);
    }
    const yearly = [2_000_000, 8_000_000, 12_000_000, 25_000_000, 35_000_000, 80_000_000][int(0, 5)]!;
    for (let k = 0; k < lines; k++) {
      const daysAgo = int(0, 730);
      const product = rand() < 0.9 ? pick(["crm-online", "d365-plan1"]) : "other";
      const credit = rand() < 0.04;
      const amount = Math.max(1, Math.round((yearly / Math.max(1, lines / 2)) * (0.3 + rand() * 1.4)));
      insRevenue.run(pid, pick(customers), product, isoDaysBefore(opts.today, daysAgo), credit ? -Math.round(amount / 5) : amount);
    }

    // People: some hold A+B, some C, some one group, a few have left.
    const people = int(1, 30);
    const skill = 0.2 + 0.8 * rand();
    for (let k = 0; k < people; k++) {
      const left = rand() < 0.1 ? isoDaysBefore(opts.today, int(-120, 300)) : null;
      const joined = isoDaysBefore(opts.today, int(400, 2500));
      const person = (insPerson.get(pid, `${pick(FIRST)} ${pick(LAST)}`, rand() < 0.5 ? `p${pid}-${k}@example.com` : null, joined, left) as { id: number }).id;
      const passed = () => isoDaysBefore(opts.today, int(0, 900));
      if (rand() < skill * 0.6) insPass.run(pid, person, pick(A), passed());
      if (rand() < skill * 0.5) insPass.run(pid, person, pick(B), passed());
      if (rand() < skill * 0.4) insPass.run(pid, person, pick(C), passed());
    }
  };

  for (let start = 0; start < opts.partners; start += 500) {
    c.transaction(() => {
      for (let i = start; i < Math.min(opts.partners, start + 500); i++) one(i);
    })();
  }
  return ids;
}

export interface LargePartnerShape {
  lines: number;
  people: number;
  customers: number;
}

/** A reseller-sized partner: customers billed monthly over two years, and a large certified staff. */
export const LARGE_PARTNER: LargePartnerShape = { lines: 50_000, people: 2_000, customers: 5_000 };

/**
 * One large partner (by default 50,000 revenue lines over 5,000 customers, 2,000 people with their exam
 * passes), deterministic for a seed, in one transaction. Returns its id.
 */
export function insertLargePartner(db: Db, opts: { today: string; seed?: number; msPartnerId: string; shape?: LargePartnerShape }): number {
  const rand = rng(opts.seed ?? 4242);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const shape = opts.shape ?? LARGE_PARTNER;
  const c = db.$client;
  return c.transaction(() => {
    const pid = (
      c
        .prepare("insert into partners (name, ms_partner_id, market, rule_set) values (?, ?, 'developed', 'V3') returning id")
        .get("Revenda Grande Nacional", opts.msPartnerId) as { id: number }
    ).id;
    const insCustomer = c.prepare("insert into customers (partner_id, name, dpor_from, dpor_until) values (?, ?, ?, ?) returning id");
    const insRevenue = c.prepare("insert into revenue_lines (partner_id, customer_id, product, date, amount_cents) values (?, ?, ?, ?, ?)");
    const insPerson = c.prepare("insert into individuals (partner_id, name, email, joined_on, left_on) values (?, ?, ?, ?, ?) returning id");
    const insPass = c.prepare("insert into exam_passes (partner_id, individual_id, exam, passed_on) values (?, ?, ?, ?)");
    const customers: number[] = [];
    for (let k = 0; k < shape.customers; k++) {
      const from = rand() < 0.1 ? null : isoDaysBefore(opts.today, int(30, 2000));
      customers.push((insCustomer.get(pid, `Cliente ${pick(WORDS)} ${k + 1}`, from, null) as { id: number }).id);
    }
    // Monthly invoices: each customer's lines a month apart, going back from a recent day.
    const perCustomer = Math.ceil(shape.lines / shape.customers);
    for (let k = 0; k < shape.lines; k++) {
      const customer = customers[Math.floor(k / perCustomer) % customers.length]!;
      const month = k % perCustomer;
      const product = rand() < 0.9 ? pick(["crm-online", "d365-plan1"]) : "other";
      const amount = int(5_000, 400_000);
      insRevenue.run(pid, customer, product, isoDaysBefore(opts.today, month * 30 + int(0, 27)), rand() < 0.03 ? -Math.round(amount / 4) : amount);
    }
    for (let k = 0; k < shape.people; k++) {
      const left = rand() < 0.08 ? isoDaysBefore(opts.today, int(-120, 600)) : null;
      const person = (
        insPerson.get(pid, `${pick(FIRST)} ${pick(LAST)}`, `pessoa${k}@revenda.example`, isoDaysBefore(opts.today, int(400, 3000)), left) as { id: number }
      ).id;
      const passed = () => isoDaysBefore(opts.today, int(0, 1200));
      if (rand() < 0.7) insPass.run(pid, person, pick(A), passed());
      if (rand() < 0.5) insPass.run(pid, person, pick(B), passed());
      if (rand() < 0.4) insPass.run(pid, person, pick(C), passed());
    }
    return pid;
  })();
}

/**
 * Runs a bulk insert into a new database without the triggers on the facts tables (customers, revenue
 * lines, people, passes: migrations 0003 and 0009), then puts them back exactly as they were. On a new
 * file they have nothing to do — no stored evaluation to drop, nothing cached — and each would add a
 * statement per inserted row. Only for a database that nothing else uses yet.
 */
export function withoutFactTriggers<T>(db: Db, fn: () => T): T {
  const c = db.$client;
  const triggers = c
    .prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('customers', 'revenue_lines', 'individuals', 'exam_passes')")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) c.exec(`drop trigger "${t.name}"`);
  try {
    return fn();
  } finally {
    for (const t of triggers) c.exec(t.sql);
  }
}
