import "server-only";
import type { Db } from "./client";
import { auditLog } from "./schema";

export interface AuditEntry {
  actorId: number | null;
  partnerId: number | null;
  entity: string;
  entityId: string | number | null;
  action: "create" | "update" | "delete" | "sign-in" | "sign-out";
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row and returns its id. Call it inside the same transaction as the change it records. */
export function writeAudit(db: Db, e: AuditEntry): number {
  return db
    .insert(auditLog)
    .values({
      actorId: e.actorId,
      partnerId: e.partnerId,
      entity: e.entity,
      entityId: e.entityId == null ? null : String(e.entityId),
      action: e.action,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .returning({ id: auditLog.id })
    .get().id;
}
