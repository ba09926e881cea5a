"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ManageFormState } from "@/app/partners/manage-actions";

export const initialManageState: ManageFormState = { status: "idle", nonce: 0 };

const inputClass = "w-full rounded border border-slate-400 bg-white px-2 py-1";

/** What a field reads of its form's last answer: the per-field errors and what was typed. */
type FieldState = Pick<ManageFormState, "fieldErrors" | "values"> & { status: string };

/** A labelled field with its error (aria-invalid, aria-describedby) and optional hint. */
export function Field(props: {
  formId: string;
  name: string;
  label: string;
  state: FieldState;
  defaultValue?: string;
  hint?: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  options?: { value: string; label: string }[];
  multiline?: boolean;
  maxLength?: number;
}) {
  const tv = useTranslations("validation");
  const id = `${props.formId}-${props.name}`;
  const err = props.state.status === "error" ? props.state.fieldErrors?.[props.name] : undefined;
  const describedBy = [props.hint ? `${id}-hint` : null, err ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const value = props.state.status === "error" && props.state.values ? props.state.values[props.name] ?? props.defaultValue : props.defaultValue;
  const common = { id, name: props.name, defaultValue: value ?? "", "aria-invalid": err ? (true as const) : undefined, "aria-describedby": describedBy, className: inputClass };
  let control: ReactNode;
  if (props.options) control = <select {...common}>{props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>;
  else if (props.multiline) control = <textarea {...common} rows={4} maxLength={props.maxLength} />;
  else control = <input {...common} type={props.type ?? "text"} maxLength={props.maxLength} autoComplete={props.autoComplete} />;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">{props.label}</label>
      {control}
      {props.hint && <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-600">{props.hint}</p>}
      {err && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{tv(err)}</p>}
    </div>
  );
}

/** The answer to a form: saved, refused (with what to do), and a new account's temporary password, shown once. */
export function ManageMessage({ state }: { state: ManageFormState }) {
  const tv = useTranslations("validation");
  const t = useTranslations("manage");
  if (state.status === "idle" || !state.message) return <p role="status" className="sr-only" data-testid="form-message" data-nonce={state.nonce} />;
  const ok = state.status === "saved";
  return (
    <div role={ok ? "status" : "alert"} data-testid="form-message" data-nonce={state.nonce}
      className={`rounded p-2 text-sm ${ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
      <p>{tv(state.message)}</p>
      {state.created && (
        <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-amber-950" data-testid="temporary-password">
          <p>{t("temporaryPasswordIntro", { email: state.created.email })}</p>
          <p className="mt-1 font-mono text-base font-semibold" data-testid="temporary-password-value">{state.created.temporaryPassword}</p>
          <p className="mt-1 text-xs">{t("temporaryPasswordOnce")}</p>
        </div>
      )}
    </div>
  );
}

export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
      {pending ? pendingLabel : label}
    </button>
  );
}
