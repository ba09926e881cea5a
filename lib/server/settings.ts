import "server-only";
// Settings read on the server: limits from the environment, and "today" where the user is.
import { DEFAULT_PLAUSIBLE_AMOUNT_USD } from "@/lib/vocabulary";
import { todayIn } from "@/lib/format";
import { resolveTimeZone } from "@/lib/server/i18n-request";

/** The revenue amount (cents) above which saving a line asks for confirmation (PLAUSIBLE_AMOUNT_USD, whole dollars). */
export function plausibleAmountCents(): number {
  const raw = process.env.PLAUSIBLE_AMOUNT_USD?.trim();
  const usd = raw && /^[0-9]{1,10}$/.test(raw) && Number(raw) > 0 ? Number(raw) : DEFAULT_PLAUSIBLE_AMOUNT_USD;
  return usd * 100;
}

/** Today's date where the user is (their time zone setting, else their browser's, else UTC). */
export async function userToday(): Promise<string> {
  return todayIn((await resolveTimeZone()).timeZone);
}
