"use server";
// Data entry for one partner. Every action: authorise (requirePartnerAdmin, on the server) →
// validate (one zod schema per form) → one db/ write with its audit row → revalidate the dashboard.
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { requirePartnerAdmin } from "@/lib/server/auth/session";
import { getPartner } from "@/db/partners";
import * as facts from "@/db/facts";
import type { WriteResult, WriteScope } from "@/db/facts";
import { isLocale } from "@/lib/i18n/config";
import {
  customerSchema, deleteSchema, examPassSchema, individualSchema, parseForm, revenueSchema, withIdentity,
} from "@/lib/validation/facts";
import { formatMoneyInput } from "@/lib/money";
import { afterPartnerWrite } from "@/lib/server/stored-evaluations";

export interface FormState {
  status: "idle" | "saved" | "deleted" | "error";
  /** A message key under "validation". */
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What the user typed, to refill the form after a refusal. */
  values?: Record<string, string>;
  /** On a conflict: the record as it is now, as form values (with its current version). */
  current?: Record<string, string>;
  /** Changes on every answer so forms can remount with fresh defaults. */
  nonce: number;
}

type Row = { id: number; version: number } & Record<string, unknown>;

async function scopeFor(partnerId: number): Promise<WriteScope> {
  const user = await requirePartnerAdmin(partnerId);
  return { actorId: user.id, partnerId };
}

function typedValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$")) out[k] = v.slice(0, 2000);
  return out;
}

async function rowToForm(row: Row): Promise<Record<string, string>> {
  const localeRaw = await getLocale();
  const locale = isLocale(localeRaw) ? localeRaw : "pt-BR";
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === "amountCents" && typeof v === "number") out.amount = formatMoneyInput(v, locale);
    else out[k] = v == null ? "" : String(v);
  }
  return out;
}

async function answer(partnerId: number, result: WriteResult<Row>, formData: FormData, okStatus: "saved" | "deleted"): Promise<FormState> {
  const nonce = Date.now();
  if (result.ok) {
    afterPartnerWrite(partnerId);
    revalidatePath(`/partners/${partnerId}`);
    return { status: okStatus, message: okStatus, nonce };
  }
  const fieldErrors: Record<string, string> = {};
  if (result.error === "duplicatePass") fieldErrors.exam = "duplicatePass";
  return {
    status: "error",
    message: result.error,
    fieldErrors,
    values: typedValues(formData),
    current: result.current ? await rowToForm(result.current) : undefined,
    nonce,
  };
}

/** Create when the form has no id, else update the version the user edited. */
async function save<S extends z.ZodType<object>>(
  partnerId: number,
  formData: FormData,
  schema: S,
  toValues: (data: z.output<S>) => object,
  write: { create: (s: WriteScope, v: never) => WriteResult<Row>; update: (s: WriteScope, id: number, version: number, v: never) => WriteResult<Row> },
): Promise<FormState> {
  const scope = await scopeFor(partnerId);
  const isEdit = !!formData.get("id");
  const parsed = isEdit ? parseForm(withIdentity(schema), formData) : parseForm(schema, formData);
  if (!parsed.ok) return { status: "error", message: "fixErrors", fieldErrors: parsed.fieldErrors, values: typedValues(formData), nonce: Date.now() };
  const data = parsed.data as z.output<S> & { id?: number; version?: number };
  const values = toValues(data) as never;
  const result = isEdit ? write.update(scope, data.id!, data.version!, values) : write.create(scope, values);
  return answer(partnerId, result, formData, "saved");
}

async function remove(partnerId: number, formData: FormData, del: (s: WriteScope, id: number, version: number) => WriteResult<Row>): Promise<FormState> {
  const scope = await scopeFor(partnerId);
  const parsed = parseForm(deleteSchema, formData);
  if (!parsed.ok) return { status: "error", message: "invalidReference", nonce: Date.now() };
  return answer(partnerId, del(scope, parsed.data.id, parsed.data.version), formData, "deleted");
}

const asRow = <A extends unknown[]>(f: (...a: A) => WriteResult<unknown>) => f as unknown as (...a: A) => WriteResult<Row>;

export async function saveCustomerAction(partnerId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return save(partnerId, formData, customerSchema, (d) => ({ name: d.name, dporFrom: d.dporFrom, dporUntil: d.dporUntil }),
    { create: asRow(facts.createCustomer), update: asRow(facts.updateCustomer) });
}
export async function deleteCustomerAction(partnerId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return remove(partnerId, formData, asRow(facts.deleteCustomer));
}

export async function saveRevenueAction(partnerId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const localeRaw = await getLocale();
  const schema = revenueSchema(isLocale(localeRaw) ? localeRaw : "pt-BR");
  return save(partnerId, formData, schema,
    (d) => ({ customerId: d.customerId, product: d.product, date: d.date, amountCents: d.amountCents, note: d.note }),
    { create: asRow(facts.createRevenue), update: asRow(facts.updateRevenue) });
}
export async function deleteRevenueAction(partnerId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return remove(partnerId, formData, asRow(facts.deleteRevenue));
}

export async function saveIndividualAction(partnerId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return save(partnerId, formData, individualSchema, (d) => ({ name: d.name, email: d.email, joinedOn: d.joinedOn, leftOn: d.leftOn }),
    { create: asRow(facts.createIndividual), update: asRow(facts.updateIndividual) });
}
export async function deleteIndividualAction(partnerId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return remove(partnerId, formData, asRow(facts.deleteIndividual));
}

export async function savePassAction(partnerId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  await scopeFor(partnerId);
  const partner = getPartner(partnerId);
  if (!partner) return { status: "error", message: "notFound", nonce: Date.now() };
  return save(partnerId, formData, examPassSchema(partner.ruleSet),
    (d) => ({ individualId: d.individualId, exam: d.exam, passedOn: d.passedOn }),
    { create: asRow(facts.createPass), update: asRow(facts.updatePass) });
}
export async function deletePassAction(partnerId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  return remove(partnerId, formData, asRow(facts.deletePass));
}
