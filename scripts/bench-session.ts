// Used by scripts/bench.mjs: prints a fresh session token for a user of a benchmark database, and the
// id of the user's partner. Run with DATABASE_PATH set: tsx --conditions=react-server scripts/bench-session.ts EMAIL
import { createSession } from "../db/sessions";
import { getUserByEmail } from "../db/users";

const email = process.argv[2];
const user = email ? getUserByEmail(email) : null;
if (!user) {
  console.error(`no user ${email} in ${process.env.DATABASE_PATH}`);
  process.exit(2);
}
const { token } = createSession(user.id);
console.log(JSON.stringify({ token, partnerId: user.partnerId }));
