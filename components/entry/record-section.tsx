"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { IDLE_STATE, succeeded, type ActionState } from "@/lib/action-state";
import { formatDate, formatMoney } from "@/lib/format";
import { parseMoney } from "@/lib/money";
import { asLocale } from "@/lib/i18n/config";
import { Field, FormMessage, SubmitButton, fieldError, useAnswerFocus } from "@/components/form/kit";
import { labelFieldOf } from "@/lib/choices";
import type { ChoiceList } from "@/lib/vocabulary";
import { ExamField, type CatalogueExam } from "./exam-field";

// A large partner's search box loads its code (and TanStack Query's) only on the pages that show one.
const SearchSelect = dynamic(() => import("./search-select").then((m) => m.SearchSelect));

export interface FieldDef {
  name: string;
  label: string;
  type: "text" | "email" | "date" | "select" | "search" | "money" | "exam";
  options?: { value: string; label: string }[];
  /** A search field's list (the partner's customers or people). */
  list?: ChoiceList;
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
}

/** The row being edited, with the record as form values (only this one row's values reach the page). */
export interface EditRow extends RecordRow {
  values: Record<string, string>;
}

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A table of one kind of record with add, edit (version-checked) and delete (asks first). Editing is in
 * the URL (`?edit=<section>:<id>`): the server sends the one record being edited, not a form per row.
 */
export function RecordSection(props: {
  sectionId: string;
  /** The page's path and its query without `edit` (e.g. `revenuePage=2`): the Edit and Cancel links keep the page. */
  path: string;
  query: string;
  /** The record opened for editing by the URL, when it is of this section. */
  editing?: EditRow;
  partnerId: number;
  ruleSet: string;
  /** The rule set's exams, for the exam field. */
  catalogue?: CatalogueExam[];
  title: string;
  addTitle: string;
  /** Shown instead of the table when there are no rows ("No customers yet."). */
  emptyText: string;
  columns: string[];
  /** Columns of free text typed by people (names, notes): they wrap anywhere, so a long word never widens the page. */
  textColumns?: number[];
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
  const [state, formAction, pending] = useActionState(props.saveAction, IDLE_STATE);
  // The row being edited, and the answer it was opened after: a later successful save closes it. It is
  // taken from the URL when the URL names another record, and kept (with the version the person started
  // from) when the page is refreshed after a conflict, until they choose to edit the current version.
  const openedId = props.editing?.id ?? null;
  // `current`: opened with "edit the current version" after a conflict (the fields show that version, not what was typed).
  const [edit, setEdit] = useState<{ row: EditRow; after: number; current?: boolean } | null>(
    props.editing ? { row: props.editing, after: state.nonce } : null,
  );
  const [shownFor, setShownFor] = useState(openedId);
  if (shownFor !== openedId) {
    setShownFor(openedId);
    setEdit(props.editing ? { row: props.editing, after: state.nonce } : null);
  }
  const editing = edit && !(state.status === "saved" && state.nonce !== edit.after) ? edit.row : null;
  const href = (editId?: number) => {
    const q = new URLSearchParams(props.query);
    if (editId !== undefined) q.set("edit", `${props.sectionId}:${editId}`);
    const s = q.toString();
    return `${props.path}${s ? `?${s}` : ""}#section-${props.sectionId}`;
  };

  const defaults = editing?.values ?? {};
  const router = useRouter();
  const sectionRef = useRef<HTMLElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** The row whose edit was submitted last (its Edit button gets the focus back after a save). */
  const submittedEdit = useRef<number | null>(null);
  /** A delete was confirmed: once its row is gone, the focus goes to the section's heading. */
  const deleting = useRef<number | null>(null);

  const focusIn = (selector: string) => {
    const el = sectionRef.current?.querySelector<HTMLElement>(selector);
    el?.focus();
    return !!el;
  };
  const firstField = () => formRef.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
  // After a save: an edit returns to its row's Edit button, an addition to the first field (ready for the next one).
  useAnswerFocus(state, formRef, () => (submittedEdit.current !== null ? focusIn(`[data-edit-id="${submittedEdit.current}"]`) : false));
  // After a conflict the table shows the record as it is now.
  useEffect(() => {
    if (state.status === "error" && state.current) router.refresh();
  }, [state, router]);
  // A saved edit closes: the URL drops `edit` (without a new history entry).
  const closeHref = href();
  useEffect(() => {
    if (state.status === "saved" && openedId !== null) router.replace(closeHref, { scroll: false });
    // Only a new answer matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.nonce]);
  // Opening an edit moves to the form; cancelling returns to the row it came from.
  const lastOpened = useRef<number | null>(null);
  useEffect(() => {
    const before = lastOpened.current;
    lastOpened.current = openedId;
    if (openedId !== null) firstField();
    else if (before !== null) focusIn(`[data-edit-id="${before}"]`);
  }, [openedId]);
  useEffect(() => {
    if (deleting.current !== null && !props.rows.some((r) => r.id === deleting.current)) {
      deleting.current = null;
      headingRef.current?.focus();
    }
  }, [props.rows]);
  const loadCurrent = (row: EditRow) => {
    setEdit({ row, after: state.nonce, current: true });
    requestAnimationFrame(firstField);
  };
  const text = new Set(props.textColumns ?? []);
  /**
   * What was typed before a refusal, which the fields show again — except right after "edit the current
   * version": the other person's values then, or saving would put back the old ones over theirs.
   */
  const typed = state.status === "error" && !(edit?.current && edit.after === state.nonce) ? state.values : undefined;
  /** A field's value as the form opens: what was typed before a refusal, else the edited record's. */
  const refilled = (name: string) => typed?.[name] ?? defaults[name];

  return (
    <section
      ref={sectionRef}
      id={`section-${props.sectionId}`}
      aria-labelledby={`${props.sectionId}-heading`}
      data-testid={`section-${props.sectionId}`}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h3 ref={headingRef} tabIndex={-1} id={`${props.sectionId}-heading`} className="text-lg font-semibold">
        {props.title}
      </h3>
      {props.rows.length === 0 ? (
        <p className="text-sm text-slate-700" data-testid={`${props.sectionId}-empty`}>
          {props.emptyText}
        </p>
      ) : (
        // Relative: the visually hidden header text stays inside the scroll area. Below 640 px each row is a card.
        <div className="relative overflow-x-auto">
          {/* Row and cell styles are set once on the table, not on each of up to 50 rows. */}
          <table className="stack-table mt-2 w-full text-left text-sm [&>tbody>tr]:border-b [&>tbody>tr]:border-slate-100 [&>tbody>tr]:align-top [&_td]:py-1 [&_td]:pr-2 [&_td>a]:mr-3 [&_td>a]:inline-block [&_td>a]:py-1 [&_td>a]:text-blue-800 [&_td>a]:underline [&_td>button]:py-1 [&_td>button]:text-red-800 [&_td>button]:underline">
            <thead>
              <tr className="border-b border-slate-300">
                {props.columns.map((c) => (
                  <th key={c} scope="col" className="py-1 pr-2">
                    {c}
                  </th>
                ))}
                {!props.readOnly && (
                  <th scope="col" className="py-1">
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id} data-testid={`${props.sectionId}-row`}>
                  {r.cells.map((c, i) => (
                    <td key={i} data-label={props.columns[i]} className={text.has(i) ? "min-w-32 [overflow-wrap:anywhere]" : undefined}>
                      {c}
                    </td>
                  ))}
                  {!props.readOnly && (
                    <td className="sm:whitespace-nowrap">
                      <Link href={href(r.id)} scroll={false} data-edit-id={r.id} aria-label={`${t("edit")}: ${r.label}`}>
                        {t("edit")}
                      </Link>
                      <DeleteButton
                        row={r}
                        action={props.deleteAction}
                        onConfirm={() => {
                          deleting.current = r.id;
                        }}
                        onKept={() => {
                          deleting.current = null;
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {props.footer}
      {!props.readOnly &&
        (props.blockedReason && !editing ? (
          <p className="mt-3 text-sm text-slate-700">{props.blockedReason}</p>
        ) : (
          <form
            ref={formRef}
            key={`${editing?.id ?? "new"}-${editing?.version ?? 0}-${state.nonce}`}
            action={formAction}
            onSubmit={() => {
              submittedEdit.current = editing?.id ?? null;
            }}
            noValidate
            className="mt-4 space-y-3 rounded border border-slate-200 bg-slate-50 p-3"
            aria-labelledby={`${formId}-title`}
          >
            <h4 id={`${formId}-title`} className="font-medium [overflow-wrap:anywhere]">
              {editing ? t("editing", { name: editing.label }) : props.addTitle}
            </h4>
            {editing && (
              <>
                <input type="hidden" name="id" value={editing.id} />
                <input type="hidden" name="version" value={editing.version} />
              </>
            )}
            <div className="grid gap-3 sm:grid-cols-2">
              {props.fields.map((f) =>
                f.type === "search" ? (
                  <SearchSelect
                    key={f.name}
                    id={`${formId}-${f.name}`}
                    name={f.name}
                    label={f.label}
                    partnerId={props.partnerId}
                    list={f.list!}
                    defaultValue={refilled(f.name)}
                    defaultLabel={refilled(labelFieldOf(f.name))}
                    error={fieldError(state, f.name)}
                  />
                ) : f.type === "exam" ? (
                  <ExamField
                    key={f.name}
                    id={`${formId}-${f.name}`}
                    catalogue={props.catalogue ?? []}
                    ruleSet={props.ruleSet}
                    name={f.name}
                    label={f.label}
                    defaultValue={refilled(f.name)}
                    error={fieldError(state, f.name)}
                  />
                ) : (
                  <Field
                    key={f.name}
                    formId={formId}
                    name={f.name}
                    label={f.label}
                    state={state}
                    defaultValue={defaults[f.name]}
                    refill={typed !== undefined}
                    hint={f.hint}
                    type={f.type === "select" ? undefined : f.type}
                    options={f.type === "select" ? (f.options ?? []) : undefined}
                    placeholder={f.placeholder}
                  />
                ),
              )}
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <SubmitButton pending={pending} label={editing ? t("save") : t("add")} pendingLabel={t("saving")} />
              {editing && (
                <Link href={closeHref} scroll={false} className="rounded border border-slate-400 px-3 py-1.5">
                  {t("cancel")}
                </Link>
              )}
            </div>
            <RecordMessage
              state={state}
              fields={props.fields}
              onLoadCurrent={
                editing && state.current ? () => loadCurrent({ ...editing, version: Number(state.current!.version), values: state.current! }) : undefined
              }
            />
          </form>
        ))}
    </section>
  );
}

/** A stored value as people read it: the option's (or the chosen record's) name, a formatted date or amount. */
function shown(f: FieldDef, value: string, locale: ReturnType<typeof asLocale>, label?: string): string {
  if (value === "") return "—";
  if (f.type === "select") return f.options?.find((o) => o.value === value)?.label ?? value;
  if (f.type === "search") return label || value;
  if (f.type === "date") return formatDate(value, locale);
  if (f.type === "money") {
    const m = parseMoney(value, locale);
    return m.ok ? formatMoney(m.cents, locale) : value;
  }
  return value;
}

/** The form's answer; after a conflict, the other person's values (labelled, formatted) and a button to edit them. */
function RecordMessage({ state, fields, onLoadCurrent }: { state: ActionState; fields: FieldDef[]; onLoadCurrent?: () => void }) {
  const t = useTranslations("entry");
  const locale = asLocale(useLocale());
  const current = state.current;
  return (
    <FormMessage state={state}>
      {current && (
        <>
          <p data-testid="conflict-current" className="[overflow-wrap:anywhere]">
            {t("currentValues", {
              values: fields.map((f) => `${f.label}: ${shown(f, current[f.name] ?? "", locale, current[labelFieldOf(f.name)])}`).join("; "),
            })}
          </p>
          {onLoadCurrent && (
            <button type="button" data-focus-after-error onClick={onLoadCurrent} className="mt-1 text-blue-800 underline">
              {t("loadCurrent")}
            </button>
          )}
        </>
      )}
    </FormMessage>
  );
}

/**
 * Delete, asking first. "Keep" and Escape close the question and return to the Delete button; after a
 * refusal (someone changed or removed the record) the button says why and the table is refreshed.
 */
function DeleteButton({ row, action, onConfirm, onKept }: { row: RecordRow; action: Action; onConfirm: () => void; onKept: () => void }) {
  const t = useTranslations("entry");
  const tv = useTranslations("validation");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, IDLE_STATE);
  // The question is open until "Keep", Escape or the next answer (a refusal closes it and says why).
  const [askedAt, setAskedAt] = useState<number | null>(null);
  const asking = askedAt !== null && askedAt === state.nonce;
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (returnFocus.current && !asking) {
      returnFocus.current = false;
      button.current?.focus();
    }
  }, [asking]);
  useEffect(() => {
    if (state.status !== "error") return;
    onKept();
    button.current?.focus();
    router.refresh();
    // Only a new answer matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.nonce]);
  const keep = () => {
    returnFocus.current = true;
    setAskedAt(null);
    onKept();
  };
  if (!asking || succeeded(state)) {
    return (
      <>
        {/* Styled by the table, as the row's Edit link is (set once there, not on every row). */}
        <button ref={button} type="button" onClick={() => setAskedAt(state.nonce)} aria-label={`${t("delete")}: ${row.label}`}>
          {t("delete")}
        </button>
        {state.status === "error" && state.message && (
          <span role="alert" className="ml-2 text-sm text-red-800">
            {tv(state.message)}
          </span>
        )}
      </>
    );
  }
  return (
    <form
      action={formAction}
      className="inline-flex flex-wrap items-center gap-2"
      onSubmit={onConfirm}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          keep();
        }
      }}
    >
      <span role="alert" className="[overflow-wrap:anywhere]">
        {t("deleteConfirm", { name: row.label })}
      </span>
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="version" value={row.version} />
      <button type="submit" disabled={pending} className="rounded bg-red-700 px-2 py-1 text-white">
        {t("deleteYes")}
      </button>
      <button type="button" onClick={keep} className="rounded border border-slate-400 px-2 py-1" autoFocus>
        {t("deleteNo")}
      </button>
    </form>
  );
}
