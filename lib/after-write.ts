import "server-only";

/** Runs after every successful write to a partner's facts (keeps derived data, such as stored evaluations, fresh). */
export function afterPartnerWrite(partnerId: number): void {
  void partnerId;
}
