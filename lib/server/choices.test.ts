import { beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// A large partner's forms search its customers and people on the server: names match as people compare
// them, names that start with the typed text come first, the answer is bounded and says how many match,
// and a write (through the app or by another process) is seen by the next search.
const db0 = databaseTemplate("choices", () => {
  const db = getDb();
  [own, other] = insertSyntheticPartners(db, { partners: 2, today: "2026-11-25", seed: 3 }) as [number, number];
  actor = db
    .insert(schema.users)
    .values({ email: "pa@example.com", name: "PA", passwordHash: "x", role: "partner_admin", partnerId: own })
    .returning()
    .get().id;
  const scope = { actorId: actor, partnerId: own };
  for (const name of ["Banco Zubra", "  JOSÉ   Ávila Comércio ", "Açaí do Norte", "Zubras Seguros", "Rede Zubrana"]) {
    expect(facts.createCustomer(scope, { name, dporFrom: null, dporUntil: null }).ok).toBe(true);
  }
  for (let i = 1; i <= 130; i++) {
    expect(facts.createCustomer(scope, { name: `Filial ${String(i).padStart(3, "0")}`, dporFrom: null, dporUntil: null }).ok).toBe(true);
  }
  for (const [name, email] of [
    ["Ana Souza", "ana@a.example"],
    ["Ana Souza", "ana@b.example"],
    ["Bruno Dias", null],
  ] as const) {
    expect(facts.createIndividual(scope, { name, email, joinedOn: null, leftOn: null }).ok).toBe(true);
  }
});

const { getDb } = await import("@/db/client");
const schema = await import("@/db/schema");
const facts = await import("@/db/facts");
const { insertSyntheticPartners } = await import("@/db/synthetic");
const { choiceLabel, searchChoices } = await import("./choices");

let own = 0;
let other = 0;
let actor = 0;
const labels = (partnerId: number, list: "customers" | "people", q: string, limit = 20) => searchChoices(partnerId, list, q, limit)!.items.map((c) => c.label);

beforeEach(async () => {
  await db0.fresh();
});

describe("searching a partner's customers and people", () => {
  it("matches without case, accents or extra spaces; names that start with the text come first", () => {
    expect(labels(own, "customers", "zubr")).toEqual(["Zubras Seguros", "Banco Zubra", "Rede Zubrana"]);
    expect(labels(own, "customers", "jose avila")).toEqual(["  JOSÉ   Ávila Comércio "]);
    expect(labels(own, "customers", "ACAI")).toEqual(["Açaí do Norte"]);
    expect(labels(own, "customers", "  comercio  ")).toEqual(["  JOSÉ   Ávila Comércio "]);
    expect(searchChoices(own, "customers", "nada disso", 20)).toEqual({ items: [], total: 0 });
  });

  it("answers at most the limit, says how many match, and an empty text lists from the start", () => {
    const filiais = searchChoices(own, "customers", "filial", 20)!;
    expect(filiais.total).toBe(130);
    expect(filiais.items.map((c) => c.label)).toEqual(Array.from({ length: 20 }, (_, i) => `Filial ${String(i + 1).padStart(3, "0")}`));
    const all = searchChoices(own, "customers", "", 5)!;
    expect(all.total).toBe(getDb().$client.prepare("select count(*) from customers where partner_id = ?").pluck().get(own));
    expect(all.items).toHaveLength(5);
  });

  it("tells two people of one name apart by their e-mail, and gives the ids the forms post", () => {
    const found = searchChoices(own, "people", "ana souza", 20)!;
    expect(found.items.map((c) => c.label)).toEqual(["Ana Souza <ana@a.example>", "Ana Souza <ana@b.example>"]);
    const id = getDb().$client.prepare("select id from individuals where partner_id = ? and email = 'ana@b.example'").pluck().get(own) as number;
    expect(found.items[1]!.value).toBe(String(id));
    expect(choiceLabel(own, "people", String(id))).toBe("Ana Souza <ana@b.example>");
  });

  it("searches only the partner's own records: another partner's names and ids are not found", () => {
    const foreign = getDb().$client.prepare("select id, name from customers where partner_id = ? limit 1").get(other) as { id: number; name: string };
    expect(labels(own, "customers", foreign.name)).not.toContain(foreign.name);
    expect(choiceLabel(own, "customers", String(foreign.id))).toBeUndefined();
    expect(searchChoices(999_999, "customers", "", 20)).toBeNull();
  });

  it("sees a write at once: through the app, and by another process (the facts version moves)", () => {
    expect(labels(own, "customers", "novo")).toEqual([]);
    expect(facts.createCustomer({ actorId: actor, partnerId: own }, { name: "Novo Cliente", dporFrom: null, dporUntil: null }).ok).toBe(true);
    expect(labels(own, "customers", "novo")).toEqual(["Novo Cliente"]);
    getDb().$client.prepare("update customers set name = 'Renomeado' where partner_id = ? and name = 'Novo Cliente'").run(own);
    expect(labels(own, "customers", "novo")).toEqual([]);
    expect(labels(own, "customers", "renomeado")).toEqual(["Renomeado"]);
  });
});
