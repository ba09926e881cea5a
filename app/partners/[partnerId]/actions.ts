"use server";
// Data entry for one partner, by the partner's own admin. Each action is one wrapper call
// (lib/server/action.ts): authorise the partner → validate → one db/ write with its audit row →
// refresh the stored evaluation → revalidate the dashboard.
import type { z } from "zod";
import { askFirst, confirmationsGiven, partnerAction, type Answer, type PartnerActionContext } from "@/lib/server/action";
import { plausibleAmountCents, userToday } from "@/lib/server/settings";
import type { PublicUser } from "@/db/users";
import { getPartner } from "@/db/partners";
import * as facts from "@/db/facts";
import type { WriteResult, WriteScope } from "@/db/facts";
import {
  CONFIRM_DUPLICATE_FIELD,
  customerSchema,
  deleteSchema,
  examPassSchema,
  futureDates,
  individualSchema,
  revenueSchema,
  withIdentity,
} from "@/lib/validation/facts";
import { findSameRevenue, findSimilarCustomer, findSimilarPerson } from "@/db/duplicates";
import { applyHypotheticals } from "@/db/what-if";
import { whatIfApplySchema } from "@/lib/validation/what-if";
import { formatMoneyInput } from "@/lib/money";
import { formatMoney } from "@/lib/format";
import { labelFieldOf } from "@/lib/choices";
import { choiceLabel } from "@/lib/server/choices";
import type { AppLocale } from "@/lib/i18n/config";

type Ctx = PartnerActionContext<PublicUser>;
type Row = { id: number; version: number } & Record<string, unknown>;

const scope = (ctx: Ctx): WriteScope => ({ actorId: ctx.user.id, partnerId: ctx.partnerId });
/** The partner's status (dashboard) and its data page both show what a write changes. */
const dashboard = (ctx: Ctx) => [`/partners/${ctx.partnerId}`, `/partners/${ctx.partnerId}/data`];

/** A stored row as the form's values (money in the user's locale). */
function rowToForm(row: Row, locale: AppLocale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === "amountCents" && typeof v === "number") out.amount = formatMoneyInput(v, locale);
    else out[k] = v == null ? "" : String(v);
  }
  return out;
}

/** The chosen customer's or person's name beside its id, for the form's search box and the conflict's values. */
function withChoiceLabels(partnerId: number, values: Record<string, string>): Record<string, string> {
  for (const [field, list] of [
    ["customerId", "customers"],
    ["individualId", "people"],
  ] as const) {
    if (values[field]) values[labelFieldOf(field)] = choiceLabel(partnerId, list, values[field]) ?? "";
  }
  return values;
}

function answer(result: WriteResult<unknown>, ctx: Ctx, ok: "saved" | "deleted"): Answer {
  if (result.ok) return { status: ok, message: ok };
  return {
    status: "error",
    message: result.error,
    fieldErrors: result.error === "duplicatePass" ? { exam: "duplicatePass" } : undefined,
    current: result.current ? withChoiceLabels(ctx.partnerId, rowToForm(result.current as Row, ctx.locale)) : undefined,
  };
}

/** A form without an id creates; with one it updates the version the user edited. */
const editing = (ctx: Ctx) => !!ctx.formData.get("id");
const identified = <S extends z.ZodType<object>>(ctx: Ctx, schema: S) => (editing(ctx) ? withIdentity(schema) : schema);

/**
 * A probable duplicate asks first: unless the form was sent again with "save anyway", the answer names
 * the record it resembles and offers the override (issue 11, part 4).
 */
function probableDuplicate(ctx: Ctx, found: { message: string; name?: string } | null): Answer | null {
  if (!found || ctx.formData.get(CONFIRM_DUPLICATE_FIELD) === "1") return null;
  // The same "save anyway" as askFirst's, under its own name; confirmations already given ride along.
  return {
    status: "error",
    message: found.message,
    messageValues: { name: found.name ?? "" },
    needsConfirmation: true,
    confirmField: CONFIRM_DUPLICATE_FIELD,
    confirmed: confirmationsGiven(ctx),
  };
}
const editedId = (d: object) => ("id" in d && typeof d.id === "number" ? d.id : null);

interface Writes<V> {
  create: (s: WriteScope, v: V) => WriteResult<unknown>;
  update: (s: WriteScope, id: number, version: number, v: V) => WriteResult<unknown>;
}
function save<V>(ctx: Ctx, data: V & { id?: number; version?: number }, values: V, w: Writes<V>): Answer {
  const r = data.id !== undefined && data.version !== undefined ? w.update(scope(ctx), data.id, data.version, values) : w.create(scope(ctx), values);
  return answer(r, ctx, "saved");
}

function deleteAction(del: (s: WriteScope, id: number, version: number) => WriteResult<unknown>) {
  return partnerAction({
    access: "partner-admin",
    schema: deleteSchema,
    run: (d, ctx) => answer(del(scope(ctx), d.id, d.version), ctx, "deleted"),
    revalidate: dashboard,
  });
}

export const saveCustomerAction = partnerAction({
  access: "partner-admin",
  schema: (ctx) => identified(ctx, customerSchema),
  run: async (d, ctx) => {
    const similar = findSimilarCustomer(ctx.partnerId, d.name, editedId(d));
    return (
      askFirst(ctx, futureDates(d, await userToday(), { dporFrom: "dporFromInFuture" })) ??
      probableDuplicate(ctx, similar && { message: "duplicateCustomer", name: similar.name }) ??
      save(ctx, d, { name: d.name, dporFrom: d.dporFrom, dporUntil: d.dporUntil }, { create: facts.createCustomer, update: facts.updateCustomer })
    );
  },
  revalidate: dashboard,
});
export const deleteCustomerAction = deleteAction(facts.deleteCustomer);

export const saveRevenueAction = partnerAction({
  access: "partner-admin",
  // An invoice after today is refused; an amount above the plausible size is asked about first, then a probable duplicate.
  schema: async (ctx) => identified(ctx, revenueSchema(ctx.locale, await userToday())),
  run: (d, ctx) => {
    const values = { customerId: d.customerId, product: d.product, date: d.date, amountCents: d.amountCents, note: d.note };
    return (
      askFirst(
        ctx,
        { amount: Math.abs(d.amountCents) > plausibleAmountCents() ? "amountImplausible" : null },
        { limit: formatMoney(plausibleAmountCents(), ctx.locale) },
      ) ??
      probableDuplicate(ctx, findSameRevenue(ctx.partnerId, values, editedId(d)) && { message: "duplicateRevenue" }) ??
      save(ctx, d, values, { create: facts.createRevenue, update: facts.updateRevenue })
    );
  },
  revalidate: dashboard,
});
export const deleteRevenueAction = deleteAction(facts.deleteRevenue);

export const saveIndividualAction = partnerAction({
  access: "partner-admin",
  schema: (ctx) => identified(ctx, individualSchema),
  // A joining or leaving date in the future may be planned: asked about, not refused; then a probable duplicate.
  run: async (d, ctx) => {
    const similar = findSimilarPerson(ctx.partnerId, d, editedId(d));
    const message = similar?.by === "email" ? "duplicatePersonEmail" : "duplicatePersonName";
    return (
      askFirst(ctx, futureDates(d, await userToday(), { joinedOn: "joinedInFuture", leftOn: "leftInFuture" })) ??
      probableDuplicate(ctx, similar && { message, name: similar.email ? `${similar.name} <${similar.email}>` : similar.name }) ??
      save(ctx, d, { name: d.name, email: d.email, joinedOn: d.joinedOn, leftOn: d.leftOn }, { create: facts.createIndividual, update: facts.updateIndividual })
    );
  },
  revalidate: dashboard,
});
export const deleteIndividualAction = deleteAction(facts.deleteIndividual);

export const savePassAction = partnerAction({
  access: "partner-admin",
  // The exam must be in the partner's rule set's catalogue; an unknown partner has none (notFound).
  schema: async (ctx) => {
    const partner = getPartner(ctx.partnerId);
    return partner ? identified(ctx, examPassSchema(partner.ruleSet, await userToday())) : null;
  },
  run: (d, ctx) => save(ctx, d, { individualId: d.individualId, exam: d.exam, passedOn: d.passedOn }, { create: facts.createPass, update: facts.updatePass }),
  revalidate: dashboard,
});
export const deletePassAction = deleteAction(facts.deletePass);

/** The what-if planner's chosen hypotheticals, stored through the facts' own writes in one transaction (issue 11, part 2). */
export const applyWhatIfAction = partnerAction({
  access: "partner-admin",
  schema: (ctx) => {
    const partner = getPartner(ctx.partnerId);
    return partner ? whatIfApplySchema(partner.ruleSet) : null;
  },
  run: (d, ctx) => {
    const r = applyHypotheticals(scope(ctx), d.items);
    return r.ok ? { status: "saved", message: "whatIfApplied", messageValues: { count: r.count } } : { status: "error", message: r.error };
  },
  revalidate: dashboard,
});
