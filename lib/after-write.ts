import "server-only";
import { refreshPartnerEvaluation } from "@/lib/evaluation";

/**
 * Runs after every successful write to a partner's facts or settings. The write's own transaction has
 * already dropped the stored evaluation (triggers); this stores the new one so the portfolio reads it
 * at once. If this fails, the next portfolio read recomputes it.
 */
export function afterPartnerWrite(partnerId: number): void {
  try {
    refreshPartnerEvaluation(partnerId);
  } catch (err) {
    console.error(`could not refresh the evaluation of partner ${partnerId}:`, err instanceof Error ? err.message : err);
  }
}
