"use server";
// A partner's admin accounts, for channel managers: disable, enable (disabling ends their sessions) and
// a new temporary password (shown once). Each is one wrapper call: channel manager and partner checked on
// the server → validate → one db/ write scoped to that partner, with its audit row → revalidate.
import { partnerAction, savedOr } from "@/lib/server/action";
import { accountSchema, LOOP_KEYS } from "@/lib/validation/review";
import { resetPartnerAdminPassword, setPartnerAdminDisabled } from "@/db/accounts";
import { temporaryPassword } from "@/lib/server/temporary-password";

const accountsOf = (ctx: { partnerId: number }) => [`/partners/${ctx.partnerId}`];

export const disableAdminAction = partnerAction({
  access: "channel-manager",
  refreshesEvaluation: false,
  schema: accountSchema,
  keys: LOOP_KEYS,
  run: (d, ctx) => {
    const r = setPartnerAdminDisabled(ctx.user.id, ctx.partnerId, d.userId, true);
    return savedOr(r);
  },
  revalidate: accountsOf,
});

export const enableAdminAction = partnerAction({
  access: "channel-manager",
  refreshesEvaluation: false,
  schema: accountSchema,
  keys: LOOP_KEYS,
  run: (d, ctx) => {
    const r = setPartnerAdminDisabled(ctx.user.id, ctx.partnerId, d.userId, false);
    return savedOr(r);
  },
  revalidate: accountsOf,
});

export const resetAdminPasswordAction = partnerAction({
  access: "channel-manager",
  refreshesEvaluation: false,
  schema: accountSchema,
  keys: LOOP_KEYS,
  run: async (d, ctx) => {
    const password = temporaryPassword();
    const r = await resetPartnerAdminPassword(ctx.user.id, ctx.partnerId, d.userId, password);
    if (!r.ok) return { status: "error", message: r.error };
    return { status: "saved", message: "saved", created: { partnerId: ctx.partnerId, email: r.value.email, temporaryPassword: password } };
  },
  revalidate: accountsOf,
});
