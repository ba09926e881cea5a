// The impact report's URL: target rule set, date, and which partners. Pure.
import { z } from "zod";
import { isValidDate } from "@/lib/competency";
import { MARKETS, MAX_BUSINESS_DATE, MIN_BUSINESS_DATE, RULE_SET_IDS } from "@/lib/vocabulary";

const date = z.string().refine((s) => isValidDate(s) && s >= MIN_BUSINESS_DATE && s <= MAX_BUSINESS_DATE);
const schema = z.object({
  to: z.enum(RULE_SET_IDS).catch("V3"),
  from: z.enum(RULE_SET_IDS).optional().catch(undefined),
  market: z.enum(MARKETS).optional().catch(undefined),
  on: date.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ImpactParams = z.output<typeof schema>;

export function parseImpactParams(sp: Record<string, string | string[] | undefined>): ImpactParams {
  const flat = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v === "" ? undefined : v]));
  return schema.parse(flat);
}

export function impactQuery(p: Partial<ImpactParams>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null && !(k === "page" && v === 1)) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
