import "server-only";
import { headers } from "next/headers";
import { giveBack, takeAttempt, type ThrottleKey } from "@/db/throttle";
import { normaliseEmail } from "@/db/users";
import { Busy } from "@/lib/limiter";
import { clientAddress } from "./client-address";

// The one guard in front of every check of a secret: sign-in (per account and per address), the password
// change's current password, the second factor and its enrolment. It takes the attempt BEFORE the check
// (db/throttle.ts: one IMMEDIATE transaction), so parallel guesses cannot pass together; a right answer
// gives the attempt back, a check refused for load (`Busy`) gives it back too and says "busy".

export type GuardedCheck<T> = { kind: "checked"; value: T; right: boolean } | { kind: "throttled"; seconds: number } | { kind: "busy" };

/** What is being guessed: a sign-in for an email, or a secret of a signed-in user. */
export type Secret = { signIn: string } | { password: number } | { secondFactor: number };

function accountKey(secret: Secret): ThrottleKey {
  if ("signIn" in secret) return `account:${normaliseEmail(secret.signIn)}`;
  if ("password" in secret) return `account:password-${secret.password}`;
  return `account:mfa-${secret.secondFactor}`;
}

/** The throttle keys of a guess at `secret` from this request's client address. */
export async function attemptKeys(secret: Secret): Promise<ThrottleKey[]> {
  return [accountKey(secret), `address:${clientAddress(await headers())}`];
}

/**
 * Runs `check` when this request may make an attempt at `secret`; `isRight` says whether its value means
 * the secret was right. The attempt counts as a failure unless it was right or refused for load.
 */
export async function guardedCheck<T>(secret: Secret, check: () => Promise<T>, isRight: (value: T) => boolean): Promise<GuardedCheck<T>> {
  return checkWithKeys(await attemptKeys(secret), check, isRight);
}

/** The same for explicit keys (what guardedCheck does once it knows them). */
export async function checkWithKeys<T>(keys: ThrottleKey[], check: () => Promise<T>, isRight: (value: T) => boolean): Promise<GuardedCheck<T>> {
  const taken = takeAttempt(keys);
  if (!taken.ok) return { kind: "throttled", seconds: Math.max(1, Math.ceil(taken.waitMs / 1000)) };
  let value: T;
  try {
    value = await check();
  } catch (err) {
    if (err instanceof Busy) {
      giveBack(keys);
      return { kind: "busy" };
    }
    throw err;
  }
  const right = isRight(value);
  if (right) giveBack(keys, [keys[0]!]);
  return { kind: "checked", value, right };
}
