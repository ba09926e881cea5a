// npm run user:disable -- EMAIL [--enable] — disables an account (ending all its sessions) or enables it again.
import { getUserByEmail, setUserDisabled } from "../db/users";

async function main(): Promise<void> {
  const email = process.argv[2];
  const enable = process.argv.includes("--enable");
  if (!email) {
    console.error("Usage: npm run user:disable -- EMAIL [--enable]");
    process.exit(2);
  }
  const user = getUserByEmail(email);
  if (!user) {
    console.error(`No user with email ${email}.`);
    process.exit(2);
  }
  setUserDisabled(user.id, !enable, null);
  console.log(enable ? `Enabled ${email}.` : `Disabled ${email}; its sessions are ended.`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
