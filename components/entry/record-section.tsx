"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId, useState, type ReactNode } from "react";
import { IDLE_STATE, type ActionState } from "@/lib/action-state";
import { Field, FormMessage, SubmitButton, fieldError } from "@/components/form/kit";
import { ExamField, type CatalogueExam } from "./exam-field";

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

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** A table of one kind of record with add, edit (version-checked) and delete (asks first). */
export function RecordSection(props: {
  sectionId: string;
  partnerId: number;
  ruleSet: string;
  /** The rule set's exams, for the exam field. */
  catalogue?: CatalogueExam[];
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
  const formId = useId();
  // The row being edited, and the answer it was opened after: a later successful save closes it.
  const [edit, setEdit] = useState<{ row: RecordRow; after: number } | null>(null);
  const [state, formAction, pending] = useActionState(props.saveAction, IDLE_STATE);
  const editing = edit && !(state.status === "saved" && state.nonce !== edit.after) ? edit.row : null;
  const setEditing = (row: RecordRow | null) => setEdit(row ? { row, after: state.nonce } : null);

  const defaults = editing?.values ?? {};

  return (
    <section id={`section-${props.sectionId}`} aria-labelledby={`${props.sectionId}-heading`} data-testid={`section-${props.sectionId}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id={`${props.sectionId}-heading`} className="text-lg font-semibold">{props.title}</h3>
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
                      <DeleteButton row={r} action={props.deleteAction} />
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
            {props.fields.map((f) =>
              f.type === "exam" ? (
                <ExamField key={f.name} id={`${formId}-${f.name}`} catalogue={props.catalogue ?? []} ruleSet={props.ruleSet} name={f.name} label={f.label}
                  defaultValue={(state.status === "error" ? state.values?.[f.name] : undefined) ?? defaults[f.name]} error={fieldError(state, f.name)} />
              ) : (
                <Field key={f.name} formId={formId} name={f.name} label={f.label} state={state} defaultValue={defaults[f.name]} hint={f.hint}
                  type={f.type === "select" ? undefined : f.type} options={f.type === "select" ? f.options ?? [] : undefined} placeholder={f.placeholder} />
              ),
            )}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton pending={pending} label={editing ? t("save") : t("add")} pendingLabel={t("saving")} />
            {editing && (
              <button type="button" onClick={() => setEditing(null)} className="rounded border border-slate-400 px-3 py-1.5">{t("cancel")}</button>
            )}
          </div>
          <RecordMessage state={state} onLoadCurrent={editing && state.current
            ? () => setEditing({ ...editing, version: Number(state.current!.version), values: state.current! })
            : undefined} />
        </form>
      ))}
    </section>
  );
}

/** The form's answer; after a conflict, the record as it is now and a button to edit that. */
function RecordMessage({ state, onLoadCurrent }: { state: ActionState; onLoadCurrent?: () => void }) {
  const t = useTranslations("entry");
  const tDup = useTranslations("duplicates");
  return (
    <FormMessage state={state}>
      {state.confirmField && (
        <button type="submit" name={state.confirmField} value="1" data-testid="save-anyway" className="mt-1 rounded border border-red-700 px-2 py-0.5 text-red-900">
          {tDup("saveAnyway")}
        </button>
      )}
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
    </FormMessage>
  );
}

function DeleteButton({ row, action }: { row: RecordRow; action: Action }) {
  const t = useTranslations("entry");
  const tv = useTranslations("validation");
  const [asking, setAsking] = useState(false);
  const [state, formAction, pending] = useActionState(action, IDLE_STATE);
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
