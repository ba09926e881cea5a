"use server";
// Channel-manager actions: review notes, partner settings, new partners and partner admins. Each is one
// wrapper call (lib/server/action.ts): channel manager (and the partner id) checked on the server →
// validate → one db/ write with its audit row → refresh where the facts' meaning changed → revalidate.
import { action, askFirst, partnerAction } from "@/lib/server/action";
import { partnersNamedLike } from "@/db/partners";
import { newAdminSchema, newPartnerSchema, partnerSettingsSchema, reviewNoteSchema } from "@/lib/validation/manager";
import { addReviewNote, createPartnerAdmin, createPartnerWithAdmin } from "@/db/manage";
import { changePartnerSettings } from "@/db/settings-changes";
import { getPartnerData, toFacts } from "@/db/partners";
import { settingsEffect } from "@/lib/settings-effect";
import { todayIso } from "@/lib/format";
import { afterPartnerWrite } from "@/lib/server/stored-evaluations";
import { temporaryPassword } from "@/lib/server/temporary-password";

export const addReviewNoteAction = partnerAction({
  access: "channel-manager",
  refreshesEvaluation: false,
  schema: reviewNoteSchema,
  run: (d, ctx) => (addReviewNote(ctx.user.id, ctx.partnerId, d) ? { status: "saved", message: "saved" } : { status: "error", message: "notFound" }),
  revalidate: (ctx) => [`/partners/${ctx.partnerId}`, "/portfolio", "/review-queue"],
});

/**
 * Market and rule set, version-checked; the answer carries the partner's current values for the form.
 * A change is first previewed (level before → after, passes that stop counting, thresholds that change;
 * nothing saved) and saved only when the form is sent again with "confirm" (issue 11, part 3); the
 * effect is recorded with the change for the partner's admin to see.
 */
export const updatePartnerSettingsAction = partnerAction({
  access: "channel-manager",
  schema: partnerSettingsSchema,
  run: ({ version, ...values }, ctx) => {
    const data = getPartnerData(ctx.partnerId);
    if (!data) return { status: "error", message: "notFound" };
    const today = todayIso();
    const effect = settingsEffect(toFacts(data), { market: data.partner.market, ruleSet: data.partner.ruleSet }, values, today);
    const changes = data.partner.market !== values.market || data.partner.ruleSet !== values.ruleSet;
    if (changes && data.partner.version === version && ctx.formData.get("confirm") !== "1") {
      return { status: "error", settingsEffect: effect, confirmField: "confirm" };
    }
    const r = changePartnerSettings(ctx.user.id, ctx.partnerId, version, values, {
      on: today,
      levelBefore: effect.levelBefore,
      levelAfter: effect.levelAfter,
      passesLost: effect.passesLost.length,
    });
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
    // A second partner with the same name is possible (a namesake), but more often a slip: ask first.
    const namesake = partnersNamedLike(d.name)[0];
    const ask = askFirst(
      ctx,
      { name: namesake ? "partnerNameExists" : null },
      namesake ? { existing: namesake.name, msPartnerId: namesake.msPartnerId } : undefined,
    );
    if (ask) return ask;
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
