import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { customers, examPasses, individuals, partners, revenueLines, users } from "./schema";
import { hashPassword } from "./users";
import { generateSecret } from "otplib";

export const DEMO_PASSWORD = "demo-2026";
export const DEMO_MANAGER_EMAIL = "gerente@demo.example";

type Product = "crm-online" | "d365-plan1" | "other";
interface DemoPerson {
  name: string;
  joinedDaysAgo?: number;
  leftDaysAgo?: number;
  passes: [exam: string, daysAgo: number][];
}
interface DemoCustomer {
  name: string;
  dporDaysAgo: number | null;
  dporEndedDaysAgo?: number;
  lines: [product: Product, daysAgo: number, dollars: number][];
}
export interface DemoPartner {
  slug: string;
  name: string;
  msPartnerId: string;
  market: "developed" | "developing";
  ruleSet: "V1" | "V2" | "V3";
  story: string;
  customers: DemoCustomer[];
  people: DemoPerson[];
}

/** The demo partners: each shows one state of the competency. Dates are days before today. */
export const DEMO_PARTNERS: DemoPartner[] = [
  {
    slug: "aurora",
    name: "Aurora Sistemas",
    msPartnerId: "4100001",
    market: "developed",
    ruleSet: "V1",
    story: "nothing recorded yet",
    customers: [],
    people: [],
  },
  {
    slug: "boreal",
    name: "Boreal Consultoria",
    msPartnerId: "4100002",
    market: "developed",
    ruleSet: "V1",
    story: "revenue met, exams not",
    customers: [
      {
        name: "Banco Pampa",
        dporDaysAgo: 400,
        lines: [
          ["crm-online", 200, 70_000],
          ["d365-plan1", 90, 50_000],
        ],
      },
      { name: "Lojas Ipê", dporDaysAgo: null, lines: [["crm-online", 60, 40_000]] },
    ],
    people: [{ name: "Bruno Almeida", passes: [["MB2-713", 300]] }],
  },
  {
    slug: "cerrado",
    name: "Cerrado Tecnologia",
    msPartnerId: "4100003",
    market: "developed",
    ruleSet: "V1",
    story: "Silver",
    customers: [
      {
        name: "Cooperativa Vale Verde",
        dporDaysAgo: 500,
        lines: [
          ["crm-online", 250, 90_000],
          ["d365-plan1", 30, 60_000],
          ["other", 20, 15_000],
        ],
      },
      { name: "Hospital São Lucas", dporDaysAgo: 700, lines: [["crm-online", 420, 80_000]] },
    ],
    people: [
      {
        name: "Carla Menezes",
        passes: [
          ["MB2-714", 500],
          ["MB2-710", 480],
        ],
      },
      { name: "César Rocha", passes: [["MB2-712", 200]] },
    ],
  },
  {
    slug: "delta",
    name: "Delta CRM Partners",
    msPartnerId: "4100004",
    market: "developed",
    ruleSet: "V1",
    story: "one exam from Gold",
    customers: [
      {
        name: "Transportes Atlântico",
        dporDaysAgo: 600,
        lines: [
          ["crm-online", 300, 120_000],
          ["d365-plan1", 120, 110_000],
        ],
      },
      {
        name: "Farmácias Bem Estar",
        dporDaysAgo: 365,
        lines: [
          ["d365-plan1", 45, 95_000],
          ["crm-online", 10, -5_000],
        ],
      },
    ],
    people: [
      {
        name: "Daniela Freitas",
        passes: [
          ["MB2-713", 400],
          ["MB2-706", 390],
        ],
      },
      {
        name: "Diego Martins",
        passes: [
          ["MB2-714", 250],
          ["MB2-710", 240],
        ],
      },
      { name: "Débora Lima", passes: [["MB2-707", 150]] },
      { name: "Davi Souza", passes: [["MB2-714", 60]] },
    ],
  },
  {
    slug: "estrela",
    name: "Estrela Cloud",
    msPartnerId: "4100005",
    market: "developed",
    ruleSet: "V1",
    story: "Gold, at risk: a large line leaves the window soon",
    customers: [
      {
        name: "Grupo Horizonte Azul",
        dporDaysAgo: 800,
        lines: [
          ["crm-online", 350, 150_000],
          ["d365-plan1", 100, 120_000],
        ],
      },
      { name: "Editora Sol", dporDaysAgo: 300, lines: [["d365-plan1", 40, 80_000]] },
    ],
    people: [
      {
        name: "Eduardo Nunes",
        passes: [
          ["MB2-714", 700],
          ["MB2-706", 690],
        ],
      },
      {
        name: "Elisa Prado",
        passes: [
          ["MB2-713", 600],
          ["MB2-710", 590],
        ],
      },
      { name: "Enzo Castro", passes: [["MB2-712", 500]] },
      { name: "Eva Ribeiro", passes: [["MB2-707", 400]] },
    ],
  },
  {
    slug: "fronteira",
    name: "Fronteira Digital",
    msPartnerId: "4100006",
    market: "developing",
    ruleSet: "V2",
    story: "developing market, Silver under V2's developing thresholds",
    customers: [
      {
        name: "Mercado Andino",
        dporDaysAgo: 400,
        lines: [
          ["crm-online", 150, 35_000],
          ["d365-plan1", 50, 25_000],
        ],
      },
    ],
    people: [
      {
        name: "Fábio Teixeira",
        passes: [
          ["MB2-709", 300],
          ["MB2-706", 290],
        ],
      },
      { name: "Fernanda Costa", passes: [["MB2-712", 100]] },
    ],
  },
  {
    slug: "gaia",
    name: "Gaia Integradores",
    msPartnerId: "4100007",
    market: "developed",
    ruleSet: "V1",
    story: "Silver only by a maximum matching: the all-rounder must take the customization slot",
    customers: [
      {
        name: "Indústrias Jequitibá",
        dporDaysAgo: 450,
        lines: [
          ["crm-online", 200, 60_000],
          ["d365-plan1", 80, 55_000],
        ],
      },
    ],
    people: [
      {
        name: "Gabriela Pires (all-rounder)",
        passes: [
          ["MB2-714", 400],
          ["MB2-710", 390],
          ["MB2-712", 380],
        ],
      },
      {
        name: "Gustavo Reis",
        passes: [
          ["MB2-713", 200],
          ["MB2-706", 190],
        ],
      },
    ],
  },
  {
    slug: "horizonte",
    name: "Horizonte Solutions",
    msPartnerId: "4100008",
    market: "developed",
    ruleSet: "V1",
    story: "the certified customization person left",
    customers: [
      {
        name: "Construtora Serra",
        dporDaysAgo: 500,
        lines: [
          ["crm-online", 150, 80_000],
          ["d365-plan1", 70, 50_000],
        ],
      },
    ],
    people: [
      {
        name: "Helena Duarte",
        passes: [
          ["MB2-714", 500],
          ["MB2-706", 490],
        ],
      },
      { name: "Hugo Vieira", leftDaysAgo: 45, passes: [["MB2-707", 300]] },
      { name: "Heitor Campos", joinedDaysAgo: 20, passes: [] },
    ],
  },
];

function daysAgo(today: string, n: number): string {
  const d = new Date(today + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

export function isEmpty(db: Db): boolean {
  const row = db.get<{ n: number }>(sql`select (select count(*) from users) + (select count(*) from partners) as n`);
  return (row?.n ?? 0) === 0;
}

export interface SeededAccount {
  email: string;
  password: string;
  role: string;
  partner: string | null;
  totpSecret?: string;
}

/** Fills an empty database with the demo. Returns the accounts it created. */
export async function seedDemo(db: Db, today: string): Promise<SeededAccount[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts: SeededAccount[] = [];
  db.$client
    .transaction(() => {
      // Channel managers sign in with a second factor: the demo one is enrolled with a fresh secret, printed at start.
      const totpSecret = generateSecret();
      db.insert(users)
        .values({
          email: DEMO_MANAGER_EMAIL,
          name: "Marina Gerente",
          passwordHash,
          role: "channel_manager",
          partnerId: null,
          totpSecret,
          totpEnabledAt: new Date().toISOString(),
        })
        .run();
      accounts.push({ email: DEMO_MANAGER_EMAIL, password: DEMO_PASSWORD, role: "channel_manager", partner: null, totpSecret });
      for (const p of DEMO_PARTNERS) {
        const email = `admin@${p.slug}.demo.example`;
        insertDemoPartner(db, p, today, passwordHash, email);
        accounts.push({ email, password: DEMO_PASSWORD, role: "partner_admin", partner: `${p.name} — ${p.story}` });
      }
    })
    .immediate();
  return accounts;
}

/** Inserts one demo partner with its admin, customers, revenue, people and passes. */
export function insertDemoPartner(
  db: Db,
  p: DemoPartner,
  today: string,
  passwordHash: string,
  adminEmail: string,
  msPartnerId = p.msPartnerId,
  name = p.name,
): number {
  const partner = db.insert(partners).values({ name, msPartnerId, market: p.market, ruleSet: p.ruleSet }).returning({ id: partners.id }).get();
  db.insert(users)
    .values({ email: adminEmail, name: `Admin ${name}`, passwordHash, role: "partner_admin", partnerId: partner.id })
    .run();
  for (const c of p.customers) {
    const customer = db
      .insert(customers)
      .values({
        partnerId: partner.id,
        name: c.name,
        dporFrom: c.dporDaysAgo == null ? null : daysAgo(today, c.dporDaysAgo),
        dporUntil: c.dporEndedDaysAgo == null ? null : daysAgo(today, c.dporEndedDaysAgo),
      })
      .returning({ id: customers.id })
      .get();
    for (const [product, ago, dollars] of c.lines) {
      db.insert(revenueLines)
        .values({ partnerId: partner.id, customerId: customer.id, product, date: daysAgo(today, ago), amountCents: dollars * 100 })
        .run();
    }
  }
  for (const person of p.people) {
    const ind = db
      .insert(individuals)
      .values({
        partnerId: partner.id,
        name: person.name,
        joinedOn: daysAgo(today, person.joinedDaysAgo ?? 900),
        leftOn: person.leftDaysAgo == null ? null : daysAgo(today, person.leftDaysAgo),
      })
      .returning({ id: individuals.id })
      .get();
    for (const [exam, ago] of person.passes) {
      db.insert(examPasses)
        .values({ partnerId: partner.id, individualId: ind.id, exam, passedOn: daysAgo(today, ago) })
        .run();
    }
  }
  return partner.id;
}
