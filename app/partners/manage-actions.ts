"use server";
// Channel-manager actions: review notes, partner settings, new partners and partner admins. Each is one
// wrapper call (lib/server/action.ts): channel manager (and the partner id) checked on the server →
// validate → one db/ write with its audit row → refresh where the facts' meaning changed → revalidate.
import { action, partnerAction } from "@/lib/server/action";
import { newAdminSchema, newPartnerSchema, partnerSettingsSchema, reviewNoteSchema } from "@/lib/validation/manager";
import { addReviewNote, createPartnerAdmin, createPartnerWithAdmin, updatePartnerSettings } from "@/db/manage";
import { afterPartnerWrite } from "@/lib/server/stored-evaluations";
import { temporaryPassword } from "@/lib/server/temporary-password";

export const addReviewNoteAction = partnerAction({
  access: "channel-manager",
  refreshesEvaluation: false,
  schema: reviewNoteSchema,
  run: (d, ctx) => (addReviewNote(ctx.user.id, ctx.partnerId, d) ? { status: "saved", message: "saved" } : { status: "error", message: "notFound" }),
  revalidate: (ctx) => [`/partners/${ctx.partnerId}`, "/portfolio", "/review-queue"],
});

/** Market and rule set, version-checked; the answer carries the partner's current values for the form. */
export const updatePartnerSettingsAction = partnerAction({
  access: "channel-manager",
  schema: partnerSettingsSchema,
  run: ({ version, ...values }, ctx) => {
    const r = updatePartnerSettings(ctx.user.id, ctx.partnerId, version, values);
    if (r.ok) return { status: "saved", message: "saved", values: { market: r.value.market, ruleSet: r.value.ruleSet, version: String(r.value.version) } };
    const current = r.current ? { market: r.current.market, ruleSet: r.current.ruleSet, version: String(r.current.version) } : undefined;
    return current ? { status: "error", message: r.error, values: current } : { status: "error", message: r.error };
  },
  revalidate: (ctx) => [`/partners/${ctx.partnerId}`],
});

export const createPartnerAction = action({
  access: "channel-manager",
  schema: newPartnerSchema,
  run: async (d, ctx) => {
    const password = temporaryPassword();
    const r = await createPartnerWithAdmin(ctx.user.id, d, password);
    if (!r.ok) {
      const field = r.error === "emailTaken" ? "adminEmail" : r.error === "msPartnerIdTaken" ? "msPartnerId" : "_form";
      return { status: "error", message: "fixErrors", fieldErrors: { [field]: r.error } };
    }
    afterPartnerWrite(r.value.partnerId);
    return { status: "saved", message: "partnerCreated", created: { partnerId: r.value.partnerId, email: d.adminEmail, temporaryPassword: password } };
  },
  revalidate: () => ["/portfolio"],
});

export const createPartnerAdminAction = partnerAction({
  access: "channel-manager",
  refreshesEvaluation: false,
  schema: newAdminSchema,
  run: async (d, ctx) => {
    const password = temporaryPassword();
    const r = await createPartnerAdmin(ctx.user.id, ctx.partnerId, d, password);
    if (r.ok) return { status: "saved", message: "adminCreated", created: { partnerId: ctx.partnerId, email: d.adminEmail, temporaryPassword: password } };
    if (r.error === "emailTaken") return { status: "error", message: "fixErrors", fieldErrors: { adminEmail: "emailTaken" } };
    return { status: "error", message: r.error };
  },
  revalidate: (ctx) => [`/partners/${ctx.partnerId}`],
});
