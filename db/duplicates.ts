import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { emailKey, nameKey } from "@/lib/names";
import { getDb } from "./client";
import { customers, individuals, revenueLines, type RevenueRecord } from "./schema";

// Reads that find a record the user is probably entering twice (issue 11, part 4). They only warn: the
// form asks "save anyway?" and the write itself is unchanged. Names compare without case, accents or
// extra spaces (lib/names.ts), so they are compared here over the partner's own rows.

/** Another customer of the partner with the same name (case, accents and spacing ignored). */
export function findSimilarCustomer(partnerId: number, name: string, exceptId: number | null): { id: number; name: string } | null {
  const key = nameKey(name);
  const rows = getDb().select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.partnerId, partnerId)).all();
  return rows.find((r) => r.id !== exceptId && nameKey(r.name) === key) ?? null;
}

/** Another person with the same e-mail; without an e-mail, another person with the same name. */
export function findSimilarPerson(
  partnerId: number,
  v: { name: string; email: string | null },
  exceptId: number | null,
): { id: number; name: string; email: string | null; by: "email" | "name" } | null {
  const rows = getDb()
    .select({ id: individuals.id, name: individuals.name, email: individuals.email })
    .from(individuals)
    .where(eq(individuals.partnerId, partnerId))
    .all()
    .filter((r) => r.id !== exceptId);
  if (v.email) {
    const k = emailKey(v.email);
    const same = rows.find((r) => r.email && emailKey(r.email) === k);
    return same ? { ...same, by: "email" } : null;
  }
  const key = nameKey(v.name);
  const same = rows.find((r) => nameKey(r.name) === key);
  return same ? { ...same, by: "name" } : null;
}

/** Another revenue line of the partner with the same customer, product, date and amount. */
export function findSameRevenue(
  partnerId: number,
  v: Pick<RevenueRecord, "customerId" | "product" | "date" | "amountCents">,
  exceptId: number | null,
): { id: number } | null {
  return (
    getDb()
      .select({ id: revenueLines.id })
      .from(revenueLines)
      .where(
        and(
          eq(revenueLines.partnerId, partnerId),
          eq(revenueLines.customerId, v.customerId),
          eq(revenueLines.product, v.product),
          eq(revenueLines.date, v.date),
          eq(revenueLines.amountCents, v.amountCents),
          ...(exceptId === null ? [] : [ne(revenueLines.id, exceptId)]),
        ),
      )
      .get() ?? null
  );
}
