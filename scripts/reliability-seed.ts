// A fresh database for the reliability tests' own server (e2e/reliability-crash.spec.ts) and the db tests:
// migrated, no demo, one partner with an admin, a customer and a signed-in session.
// Prints one JSON line: { partnerId, customerId, userId, sessionToken }.
import { bootstrapDatabase } from "../db/bootstrap";
import { getDb } from "../db/client";
import { partners } from "../db/schema";
import { createUser } from "../db/users";
import { createCustomer } from "../db/facts";
import { createSession } from "../db/sessions";
import { todayIso } from "../lib/format";

async function main(): Promise<void> {
  await bootstrapDatabase(todayIso(), { seed: false });
  const partner = getDb()
    .insert(partners)
    .values({ name: "Confiabilidade", msPartnerId: "9799001", market: "developed", ruleSet: "V1" })
    .returning({ id: partners.id })
    .get();
  const user = await createUser({
    email: "reliability@test.example",
    name: "Reliability",
    password: "demo-2026",
    role: "partner_admin",
    partnerId: partner.id,
  });
  const customer = createCustomer({ actorId: user.id, partnerId: partner.id }, { name: "Cliente Carga", dporFrom: "2020-01-01", dporUntil: null });
  if (!customer.ok) throw new Error(customer.error);
  const { token } = createSession(user.id);
  console.log(JSON.stringify({ partnerId: partner.id, customerId: customer.row.id, userId: user.id, sessionToken: token }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
