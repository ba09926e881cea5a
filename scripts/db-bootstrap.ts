// Run by `npm start` before the server: migrate, seed the demo on an empty database, print the credentials.
import { bootstrapDatabase } from "../db/bootstrap";
import { DEMO_PASSWORD } from "../db/seed";
import { todayIso } from "../lib/format";

async function main(): Promise<void> {
  const seed = process.env.SEED_DEMO !== "0";
  const { path, seeded } = await bootstrapDatabase(todayIso(), { seed });
  console.log(`Database: ${path} (migrated)`);
  // Stored evaluations are brought up to date by the background refresher, which `npm start` runs
  // beside the server: the server answers at once (the portfolio says which rows are being updated).
  if (seeded.length > 0) {
    console.log(`Seeded the demo. Every demo account's password is "${DEMO_PASSWORD}":`);
    for (const a of seeded) console.log(`  ${a.role.padEnd(16)} ${a.email.padEnd(34)} ${a.partner ?? ""}`);
    for (const a of seeded.filter((x) => x.totpSecret)) {
      console.log(`Second factor of ${a.email}: add the key ${a.totpSecret} to an authenticator app,`);
      console.log(`  or print the current code with: npm run totp:code -- ${a.email}`);
    }
  } else if (seed) {
    console.log(`The database already has data; the demo was not seeded. Demo accounts (if seeded earlier) use the password "${DEMO_PASSWORD}".`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
