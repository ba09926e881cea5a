"use server";
// Channel-manager actions: review notes, partner settings, new partners and partner admins. Every
// action: requireChannelManager (on the server) → validate (one zod schema per form) → one db/ write
// with its audit row → refresh the stored evaluation where the facts' meaning changed → revalidate.
import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { requireChannelManager } from "@/lib/server/auth/session";
import { formValues, parseForm } from "@/lib/validation/facts";
import { newAdminSchema, newPartnerSchema, partnerSettingsSchema, reviewNoteSchema } from "@/lib/validation/manager";
import { addReviewNote, createPartnerAdmin, createPartnerWithAdmin, updatePartnerSettings } from "@/db/manage";
import { afterPartnerWrite } from "@/lib/server/stored-evaluations";

export interface ManageFormState {
  status: "idle" | "saved" | "error";
  /** A message key under "validation". */
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  /** A new account: its temporary password is shown once, here, and never stored in clear. */
  created?: { partnerId: number; email: string; temporaryPassword: string };
  nonce: number;
}

const now = () => Date.now();
const validId = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n > 0;

function refused(parsed: { fieldErrors: Record<string, string>; values: Record<string, string> }): ManageFormState {
  return { status: "error", message: "fixErrors", fieldErrors: parsed.fieldErrors, values: parsed.values, nonce: now() };
}

/** A temporary password people can type: 16 characters from an unambiguous alphabet (about 80 bits). */
function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(16);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}

export async function addReviewNoteAction(partnerId: number, _prev: ManageFormState, formData: FormData): Promise<ManageFormState> {
  const user = await requireChannelManager();
  if (!validId(partnerId)) return { status: "error", message: "notFound", nonce: now() };
  const parsed = parseForm(reviewNoteSchema, formData);
  if (!parsed.ok) return refused(parsed);
  const note = addReviewNote(user.id, partnerId, parsed.data);
  if (!note) return { status: "error", message: "notFound", nonce: now() };
  revalidatePath(`/partners/${partnerId}`);
  revalidatePath("/portfolio");
  return { status: "saved", message: "saved", nonce: now() };
}

export async function updatePartnerSettingsAction(partnerId: number, _prev: ManageFormState, formData: FormData): Promise<ManageFormState> {
  const user = await requireChannelManager();
  if (!validId(partnerId)) return { status: "error", message: "notFound", nonce: now() };
  const parsed = parseForm(partnerSettingsSchema, formData);
  if (!parsed.ok) return refused(parsed);
  const { version, ...values } = parsed.data;
  const r = updatePartnerSettings(user.id, partnerId, version, values);
  if (!r.ok) {
    const current = r.current ? { market: r.current.market, ruleSet: r.current.ruleSet, version: String(r.current.version) } : undefined;
    return { status: "error", message: r.error, values: current ?? formValues(formData), nonce: now() };
  }
  afterPartnerWrite(partnerId);
  revalidatePath(`/partners/${partnerId}`);
  return { status: "saved", message: "saved", values: { market: r.value.market, ruleSet: r.value.ruleSet, version: String(r.value.version) }, nonce: now() };
}

export async function createPartnerAction(_prev: ManageFormState, formData: FormData): Promise<ManageFormState> {
  const user = await requireChannelManager();
  const parsed = parseForm(newPartnerSchema, formData);
  if (!parsed.ok) return refused(parsed);
  const password = temporaryPassword();
  const r = await createPartnerWithAdmin(user.id, parsed.data, password);
  if (!r.ok) {
    const field = r.error === "emailTaken" ? "adminEmail" : r.error === "msPartnerIdTaken" ? "msPartnerId" : "_form";
    return { status: "error", message: "fixErrors", fieldErrors: { [field]: r.error }, values: formValues(formData), nonce: now() };
  }
  afterPartnerWrite(r.value.partnerId);
  revalidatePath("/portfolio");
  return {
    status: "saved", message: "partnerCreated", nonce: now(),
    created: { partnerId: r.value.partnerId, email: parsed.data.adminEmail, temporaryPassword: password },
  };
}

export async function createPartnerAdminAction(partnerId: number, _prev: ManageFormState, formData: FormData): Promise<ManageFormState> {
  const user = await requireChannelManager();
  if (!validId(partnerId)) return { status: "error", message: "notFound", nonce: now() };
  const parsed = parseForm(newAdminSchema, formData);
  if (!parsed.ok) return refused(parsed);
  const password = temporaryPassword();
  const r = await createPartnerAdmin(user.id, partnerId, parsed.data, password);
  if (!r.ok) {
    if (r.error === "emailTaken") return { status: "error", message: "fixErrors", fieldErrors: { adminEmail: "emailTaken" }, values: formValues(formData), nonce: now() };
    return { status: "error", message: r.error, nonce: now() };
  }
  revalidatePath(`/partners/${partnerId}`);
  return { status: "saved", message: "adminCreated", nonce: now(), created: { partnerId, email: parsed.data.adminEmail, temporaryPassword: password } };
}
