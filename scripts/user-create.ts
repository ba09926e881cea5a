// npm run user:create -- --email a@b.example --name "Ana" --role partner_admin --partner 4100001 [--password …] [--locale en]
// Without --password a random one is generated and printed once.
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { createUser, getUserByEmail } from "../db/users";
import { getDb } from "../db/client";
import { partners } from "../db/schema";
import { eq } from "drizzle-orm";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      partner: { type: "string" },
      password: { type: "string" },
      locale: { type: "string" },
    },
  });

  const schema = z.object({
    email: z.email(),
    name: z.string().trim().min(1).max(200),
    role: z.enum(["partner_admin", "channel_manager"]),
    partner: z.string().optional(),
    password: z.string().min(10, "a password needs at least 10 characters").max(1024).optional(),
    locale: z.enum(["pt-BR", "en"]).optional(),
  });

  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    console.error(
      "Usage: npm run user:create -- --email EMAIL --name NAME --role partner_admin|channel_manager [--partner MS_PARTNER_ID] [--password PW] [--locale pt-BR|en]",
    );
    for (const i of parsed.error.issues) console.error(`  ${i.path.join(".") || "input"}: ${i.message}`);
    process.exit(2);
  }
  const v = parsed.data;
  let partnerId: number | null = null;
  if (v.role === "partner_admin") {
    if (!v.partner) {
      console.error("A partner admin needs --partner (the Microsoft partner ID).");
      process.exit(2);
      return;
    }
    const p = getDb().select({ id: partners.id }).from(partners).where(eq(partners.msPartnerId, v.partner)).get();
    if (!p) {
      console.error(`No partner with Microsoft partner ID ${v.partner}.`);
      process.exit(2);
      return;
    }
    partnerId = p.id;
  } else if (v.partner) {
    console.error("A channel manager belongs to no partner: leave out --partner.");
    process.exit(2);
  }
  if (getUserByEmail(v.email)) {
    console.error(`A user with email ${v.email} already exists.`);
    process.exit(2);
    return;
  }
  const password = v.password ?? randomBytes(12).toString("base64url");
  const user = await createUser({ email: v.email, name: v.name, password, role: v.role, partnerId, locale: v.locale ?? null, mustChangePassword: !v.password });
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  if (!v.password) console.log(`Temporary password (shown once): ${password}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
