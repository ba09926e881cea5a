"use server";
// Channel managers' own accounts: resetting another manager's second factor takes two managers — one
// asks, another confirms. Each is one wrapper call: channel manager checked on the server → validate →
// one audited db/ write → revalidate.
import { action, savedOr } from "@/lib/server/action";
import { LOOP_KEYS, mfaRequestSchema, mfaTargetSchema } from "@/lib/validation/review";
import { cancelMfaReset, confirmMfaReset, requestMfaReset } from "@/db/accounts";

const accounts = () => ["/accounts"];

export const requestMfaResetAction = action({
  access: "channel-manager",
  schema: mfaTargetSchema,
  keys: LOOP_KEYS,
  run: (d, ctx) => {
    const r = requestMfaReset(ctx.user.id, d.userId);
    return savedOr(r);
  },
  revalidate: accounts,
});

export const confirmMfaResetAction = action({
  access: "channel-manager",
  schema: mfaRequestSchema,
  keys: LOOP_KEYS,
  run: (d, ctx) => {
    const r = confirmMfaReset(ctx.user.id, d.requestId);
    return savedOr(r);
  },
  revalidate: accounts,
});

export const cancelMfaResetAction = action({
  access: "channel-manager",
  schema: mfaRequestSchema,
  keys: LOOP_KEYS,
  run: (d, ctx) => {
    const r = cancelMfaReset(ctx.user.id, d.requestId);
    return savedOr(r);
  },
  revalidate: accounts,
});
