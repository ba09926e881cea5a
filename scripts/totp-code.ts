// npm run totp:code -- EMAIL — prints the current second-factor code of an enrolled account (for the
// demo and for an administrator with access to the database; it reads the secret from the database).
import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { getDb } from "../db/client";
import { users } from "../db/schema";
import { normaliseEmail } from "../db/users";

async function main(): Promise<void> {
  const email = process.argv[2];
  if (!email) {
    console.error("Usage: npm run totp:code -- EMAIL");
    process.exit(2);
  }
  const u = getDb()
    .select({ secret: users.totpSecret, enabled: users.totpEnabledAt })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  if (!u?.secret || !u.enabled) {
    console.error(`${email} has no second factor set up.`);
    process.exit(2);
  }
  console.log(await generate({ secret: u.secret }));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
