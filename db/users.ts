import "server-only";
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import { getDb, preparedPerConnection, tx } from "./client";
import { sessions, users } from "./schema";
import { writeAudit } from "./audit";
import { createLimiter, envInt, type Limiter } from "@/lib/limiter";

/** argon2id, OWASP's first recommended profile: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

import type { Role } from "@/lib/vocabulary";
import type { AppLocale as Locale } from "@/lib/i18n/config";
export type { Role };

/** A user as the rest of the app sees it: never the password hash. */
export interface PublicUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  partnerId: number | null;
  locale: Locale | null;
  disabled: boolean;
  mustChangePassword: boolean;
}

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  partnerId: users.partnerId,
  locale: users.locale,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Each argon2 call takes 19 MiB and tens of milliseconds of a core. A bounded pool runs at most
// PASSWORD_HASH_CONCURRENCY of them at once and lets PASSWORD_HASH_QUEUE more wait; any further caller is
// refused at once with `Busy` (lib/limiter.ts), so a flood of sign-ins cannot starve the server. One pool
// per process (kept on globalThis: the app's bundles may each carry a copy of this module).
const poolKey = Symbol.for("cloud-crm-competency.password-hash-pool");
export function passwordHashPool(): Limiter {
  const g = globalThis as unknown as Record<symbol, Limiter | undefined>;
  // Defaults: half the cores (at least one), so the other half keeps serving pages; 4 waiting. The front
  // server computes the same defaults (scripts/front.mjs, hashPoolLimits).
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return (g[poolKey] ??= createLimiter(
    envInt(process.env.PASSWORD_HASH_CONCURRENCY, Math.max(1, Math.floor(cores / 2))),
    envInt(process.env.PASSWORD_HASH_QUEUE, 4, 0),
  ));
}

/** An argon2id hash of the password (through the bounded pool: may throw `Busy`). */
export function hashPassword(password: string): Promise<string> {
  return passwordHashPool().run(() => hash(password, ARGON2));
}

const verifyInPool = (stored: string, password: string) => passwordHashPool().run(() => verify(stored, password).catch(() => false));

// A hash to verify against when the email is unknown, so both answers take the same time.
let dummyHash: Promise<string> | null = null;

/**
 * The user when the email and password match an enabled account; null otherwise (same answer for both).
 * Throws `Busy` (lib/limiter.ts) when too many password checks are running: nothing was verified.
 */
export async function checkCredentials(email: string, password: string): Promise<PublicUser | null> {
  const row = getDb()
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  if (!row) {
    dummyHash ??= hash("not-a-real-password-" + Math.random(), ARGON2);
    await verifyInPool(await dummyHash, password);
    return null;
  }
  const ok = await verifyInPool(row.passwordHash, password);
  if (!ok || row.disabled) return null;
  const { passwordHash: _omit, ...user } = row;
  return user;
}

const userById = preparedPerConnection((db) =>
  db
    .select(publicColumns)
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare(),
);

export function getUserById(id: number): PublicUser | null {
  return userById().get({ id }) ?? null;
}

export function getUserByEmail(email: string): PublicUser | null {
  return (
    getDb()
      .select(publicColumns)
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
      .get() ?? null
  );
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  partnerId: number | null;
  locale?: Locale | null;
  mustChangePassword?: boolean;
}

export async function createUser(input: NewUser, actorId: number | null = null): Promise<PublicUser> {
  if (input.role === "partner_admin" && input.partnerId == null) throw new Error("a partner admin needs a partner");
  if (input.role === "channel_manager" && input.partnerId != null) throw new Error("a channel manager has no partner");
  const passwordHash = await hashPassword(input.password);
  return tx((db) => {
    const row = db
      .insert(users)
      .values({
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        passwordHash,
        role: input.role,
        partnerId: input.partnerId,
        locale: input.locale ?? null,
        mustChangePassword: input.mustChangePassword ?? false,
      })
      .returning(publicColumns)
      .get();
    writeAudit(db, { actorId, partnerId: row.partnerId, entity: "user", entityId: row.id, action: "create", after: row });
    return row;
  });
}

export function setUserLocale(userId: number, locale: Locale): void {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}

/** Disables or re-enables an account; disabling ends all of its sessions at once. */
export function setUserDisabled(userId: number, disabled: boolean, actorId: number | null): PublicUser | null {
  return tx((db) => {
    const before = db.select(publicColumns).from(users).where(eq(users.id, userId)).get();
    if (!before) return null;
    const after = db
      .update(users)
      .set({ disabled, version: sql`${users.version} + 1` })
      .where(eq(users.id, userId))
      .returning(publicColumns)
      .get();
    if (disabled) db.delete(sessions).where(eq(sessions.userId, userId)).run();
    writeAudit(db, { actorId, partnerId: before.partnerId, entity: "user", entityId: userId, action: "update", before, after });
    return after;
  });
}
