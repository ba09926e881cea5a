import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Level, Market, RuleSetId } from "@/lib/vocabulary";
import { preparedPerConnection, tx } from "./client";
import { updatePartnerSettings, type ManageResult } from "./manage";
import { getPartner } from "./partners";
import { settingsChanges, users, type Partner, type SettingsChangeRow } from "./schema";

/** The effect the channel manager confirmed, recorded with the change for the partner's admin to see. */
export interface ConfirmedEffect {
  on: string;
  levelBefore: Level;
  levelAfter: Level;
  passesLost: number;
}

/**
 * Changes a partner's market and rule set (version-checked, audited: db/manage.ts) and records the
 * change with its effect, in one transaction.
 */
export function changePartnerSettings(
  actorId: number,
  partnerId: number,
  version: number,
  v: { market: Market; ruleSet: RuleSetId },
  effect: ConfirmedEffect,
): ManageResult<Partner> {
  return tx((db) => {
    const before = getPartner(partnerId);
    const r = updatePartnerSettings(actorId, partnerId, version, v);
    if (!r.ok || !before) return r;
    db.insert(settingsChanges)
      .values({
        partnerId,
        actorId,
        on: effect.on,
        fromMarket: before.market,
        toMarket: r.value.market,
        fromRuleSet: before.ruleSet,
        toRuleSet: r.value.ruleSet,
        levelBefore: effect.levelBefore,
        levelAfter: effect.levelAfter,
        passesLost: effect.passesLost,
      })
      .run();
    return r;
  });
}

export type SettingsChange = SettingsChangeRow & { actorName: string | null };

const settingsChangesOf = preparedPerConnection((db) =>
  db
    .select({ c: settingsChanges, actorName: users.name })
    .from(settingsChanges)
    .leftJoin(users, eq(users.id, settingsChanges.actorId))
    .where(eq(settingsChanges.partnerId, sql.placeholder("partnerId")))
    .orderBy(desc(settingsChanges.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/** A partner's latest market and rule-set changes, newest first. */
export function listSettingsChanges(partnerId: number, limit = 3): SettingsChange[] {
  return settingsChangesOf()
    .all({ partnerId, limit })
    .map((r) => ({ ...r.c, actorName: r.actorName }));
}
