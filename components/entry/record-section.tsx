"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { FormState } from "@/app/partners/[partnerId]/actions";
import { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE } from "@/lib/vocabulary";
import { ExamField } from "./exam-field";

export interface FieldDef {
  name: string;
  label: string;
  type: "text" | "email" | "date" | "select" | "money" | "exam";
  options?: { value: string; label: string }[];
  hint?: string;
  placeholder?: string;
  inputMode?: "decimal";
}

export interface RecordRow {
  id: number;
  version: number;
  /** A short name for confirmations ("Delete Banco Pampa?"). */
  label: string;
  cells: string[];
  /** The record as form values. */
  values: Record<string, string>;
}

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
const initial: FormState = { status: "idle", nonce: 0 };

/** A table of one kind of record with add, edit (version-checked) and delete (asks first). */
export function RecordSection(props: {
  sectionId: string;
  partnerId: number;
  ruleSet: string;
  title: string;
  addTitle: string;
  columns: string[];
  rows: RecordRow[];
  fields: FieldDef[];
  saveAction: Action;
  deleteAction: Action;
  readOnly: boolean;
  /** When set, the form is not offered and this text says why (e.g. "add a customer first"). */
  blockedReason?: string;
  /** Shown under the table (e.g. "showing 50 of 158"). */
  footer?: ReactNode;
}) {
  const t = useTranslations("entry");
  const tv = useTranslations("validation");
  const formId = useId();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<RecordRow | null>(null);
  const [state, formAction, pending] = useActionState(props.saveAction, initial);
  const lastNonce = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state.nonce === lastNonce.current) return;
    lastNonce.current = state.nonce;
    if (state.status === "saved") {
      setEditing(null);
      void queryClient.invalidateQueries({ queryKey: ["partner", props.partnerId] });
    }
  }, [state, queryClient, props.partnerId]);

  const showErrors = state.status === "error";
  const defaults = showErrors && state.values ? state.values : editing?.values ?? {};
  const errorId = (name: string) => `${formId}-${name}-error`;
  const hintId = (name: string) => `${formId}-${name}-hint`;
  const fieldError = (name: string) => (showErrors ? state.fieldErrors?.[name] : undefined);

  return (
    <section id={`section-${props.sectionId}`} aria-labelledby={`${props.sectionId}-heading`} data-testid={`section-${props.sectionId}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id={`${props.sectionId}-heading`} ref={headingRef} className="text-lg font-semibold">{props.title}</h3>
      {props.rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                {props.columns.map((c) => <th key={c} scope="col" className="py-1 pr-2">{c}</th>)}
                {!props.readOnly && <th scope="col" className="py-1"><span className="sr-only">{t("actions")}</span></th>}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 align-top" data-testid={`${props.sectionId}-row`}>
                  {r.cells.map((c, i) => <td key={i} className="py-1 pr-2">{c}</td>)}
                  {!props.readOnly && (
                    <td className="py-1 whitespace-nowrap">
                      <button type="button" className="mr-2 text-blue-800 underline" onClick={() => setEditing(r)} aria-label={`${t("edit")}: ${r.label}`}>
                        {t("edit")}
                      </button>
                      <DeleteButton row={r} action={props.deleteAction} partnerId={props.partnerId} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {props.footer}
      {!props.readOnly && (props.blockedReason && !editing ? (
        <p className="mt-3 text-sm text-slate-700">{props.blockedReason}</p>
      ) : (
        <form
          key={`${editing?.id ?? "new"}-${editing?.version ?? 0}-${state.nonce}`}
          action={formAction}
          noValidate
          className="mt-4 space-y-3 rounded border border-slate-200 bg-slate-50 p-3"
          aria-labelledby={`${formId}-title`}
        >
          <h4 id={`${formId}-title`} className="font-medium">{editing ? t("editing", { name: editing.label }) : props.addTitle}</h4>
          {editing && (
            <>
              <input type="hidden" name="id" value={editing.id} />
              <input type="hidden" name="version" value={editing.version} />
            </>
          )}
          <div className="grid gap-3 sm:grid-cols-2">
            {props.fields.map((f) => {
              const err = fieldError(f.name);
              if (f.type === "exam") {
                return (
                  <div key={f.name}>
                    <ExamField partnerId={props.partnerId} ruleSet={props.ruleSet} name={f.name} label={f.label}
                      defaultValue={defaults[f.name]} error={err} errorId={errorId(f.name)} />
                    {err && <p id={errorId(f.name)} className="mt-1 text-sm text-red-700">{tv(err)}</p>}
                  </div>
                );
              }
              const describedBy = [f.hint ? hintId(f.name) : null, err ? errorId(f.name) : null].filter(Boolean).join(" ") || undefined;
              const common = {
                id: `${formId}-${f.name}`,
                name: f.name,
                defaultValue: defaults[f.name] ?? "",
                "aria-invalid": err ? (true as const) : undefined,
                "aria-describedby": describedBy,
                className: "w-full rounded border border-slate-400 bg-white px-2 py-1",
              };
              return (
                <div key={f.name}>
                  <label htmlFor={common.id} className="mb-1 block text-sm font-medium">{f.label}</label>
                  {f.type === "select" ? (
                    <select {...common}>
                      {(f.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                    </select>
                  ) : (
                    <input
                      {...common}
                      type={f.type === "money" ? "text" : f.type}
                      inputMode={f.type === "money" ? "decimal" : undefined}
                      placeholder={f.placeholder}
                      min={f.type === "date" ? MIN_BUSINESS_DATE : undefined}
                      max={f.type === "date" ? MAX_BUSINESS_DATE : undefined}
                    />
                  )}
                  {f.hint && <p id={hintId(f.name)} className="mt-1 text-xs text-slate-600">{f.hint}</p>}
                  {err && <p id={errorId(f.name)} className="mt-1 text-sm text-red-700">{tv(err)}</p>}
                </div>
              );
            })}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={pending} aria-disabled={pending} className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
              {pending ? t("saving") : editing ? t("save") : t("add")}
            </button>
            {editing && (
              <button type="button" onClick={() => setEditing(null)} className="rounded border border-slate-400 px-3 py-1.5">{t("cancel")}</button>
            )}
          </div>
          <FormMessage state={state} onLoadCurrent={editing && state.current ? () => setEditing({ ...editing, version: Number(state.current!.version), values: state.current! }) : undefined} />
        </form>
      ))}
    </section>
  );
}

function FormMessage({ state, onLoadCurrent }: { state: FormState; onLoadCurrent?: () => void }) {
  const tv = useTranslations("validation");
  const t = useTranslations("entry");
  if (state.status === "idle" || !state.message) return <p role="status" className="sr-only" data-testid="form-message" data-nonce={state.nonce} />;
  const ok = state.status === "saved" || state.status === "deleted";
  return (
    <div role={ok ? "status" : "alert"} data-testid="form-message" data-nonce={state.nonce} className={`rounded p-2 text-sm ${ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
      <p>{tv(state.message)}</p>
      {state.current && (
        <>
          <p data-testid="conflict-current">
            {t("currentValues", {
              values: Object.entries(state.current).filter(([k]) => !["id", "version", "partnerId"].includes(k)).map(([k, v]) => `${k}: ${v || "—"}`).join("; "),
            })}
          </p>
          {onLoadCurrent && <button type="button" onClick={onLoadCurrent} className="mt-1 text-blue-800 underline">{t("loadCurrent")}</button>}
        </>
      )}
    </div>
  );
}

function DeleteButton({ row, action, partnerId }: { row: RecordRow; action: Action; partnerId: number }) {
  const t = useTranslations("entry");
  const tv = useTranslations("validation");
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [state, formAction, pending] = useActionState(action, initial);
  useEffect(() => {
    if (state.status === "deleted") void queryClient.invalidateQueries({ queryKey: ["partner", partnerId] });
  }, [state, queryClient, partnerId]);
  if (!asking) {
    return (
      <>
        <button type="button" className="text-red-800 underline" onClick={() => setAsking(true)} aria-label={`${t("delete")}: ${row.label}`}>
          {t("delete")}
        </button>
        {state.status === "error" && state.message && <span role="alert" className="ml-2 text-sm text-red-800">{tv(state.message)}</span>}
      </>
    );
  }
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2" onSubmit={() => setAsking(false)}>
      <span role="alert">{t("deleteConfirm", { name: row.label })}</span>
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="version" value={row.version} />
      <button type="submit" disabled={pending} className="rounded bg-red-700 px-2 py-0.5 text-white">{t("deleteYes")}</button>
      <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-400 px-2 py-0.5" autoFocus>{t("deleteNo")}</button>
    </form>
  );
}
