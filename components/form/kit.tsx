"use client";
// The one form kit: a labelled field (hint, error, aria-invalid, aria-describedby), the form's answer
// (status or alert), and the submit button. Every form reads the one ActionState.
import { useTranslations } from "next-intl";
import { useEffect, type ReactNode, type RefObject } from "react";
import { MAX_BUSINESS_DATE, MIN_BUSINESS_DATE } from "@/lib/vocabulary";
import { CONFIRM_FIELD, type ActionState } from "@/lib/action-state";

export const inputClass = "w-full rounded border border-slate-400 bg-white px-2 py-1";

/** The error a field shows after its form's last answer (a message key), if any. */
export const fieldError = (state: ActionState, name: string) => (state.status === "error" ? state.fieldErrors?.[name] : undefined);

/** The ids a field's control points to with aria-describedby. */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** Label, control, hint and error of one field; `children` is the control (with id `id`). */
export function FieldShell(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  /** A message key, translated in `namespace`. */
  error?: string;
  /** Values for the error's placeholders. */
  errorValues?: Record<string, string | number>;
  namespace?: string;
  children: ReactNode;
}) {
  const t = useTranslations(props.namespace ?? "validation");
  return (
    <div>
      <label htmlFor={props.id} className="mb-1 block text-sm font-medium">
        {props.label}
      </label>
      {props.children}
      {props.hint && (
        <p id={`${props.id}-hint`} className="mt-1 text-xs text-slate-600">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="mt-1 text-sm text-red-700">
          {t(props.error, props.errorValues ?? {})}
        </p>
      )}
    </div>
  );
}

/** A labelled input, select or text area that refills itself from the form's last answer. */
export function Field(props: {
  /** The control's id is `${formId}-${name}`, or `id` when given. */
  formId?: string;
  id?: string;
  name: string;
  label: string;
  state: ActionState;
  defaultValue?: string;
  hint?: string;
  type?: "text" | "email" | "password" | "date" | "money";
  autoComplete?: string;
  inputMode?: "numeric" | "decimal";
  options?: { value: string; label: string }[];
  multiline?: boolean;
  maxLength?: number;
  placeholder?: string;
  /** Keep what the user typed after a refusal (default), or always show `defaultValue`. */
  refill?: boolean;
  namespace?: string;
  className?: string;
}) {
  const id = props.id ?? `${props.formId}-${props.name}`;
  const err = fieldError(props.state, props.name);
  const refill = props.refill !== false && props.state.status === "error" && props.state.values;
  const value = refill ? (props.state.values![props.name] ?? props.defaultValue) : props.defaultValue;
  const common = {
    id,
    name: props.name,
    defaultValue: value ?? "",
    "aria-invalid": err ? (true as const) : undefined,
    "aria-describedby": describedBy(id, !!props.hint, !!err),
    className: props.className ?? inputClass,
  };
  let control: ReactNode;
  if (props.options) {
    control = (
      <select {...common}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (props.multiline) {
    control = <textarea {...common} rows={4} maxLength={props.maxLength} />;
  } else {
    const type = props.type ?? "text";
    control = (
      <input
        {...common}
        type={type === "money" ? "text" : type}
        inputMode={type === "money" ? "decimal" : props.inputMode}
        maxLength={props.maxLength}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        min={type === "date" ? MIN_BUSINESS_DATE : undefined}
        max={type === "date" ? MAX_BUSINESS_DATE : undefined}
      />
    );
  }
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={err} errorValues={props.state.messageValues} namespace={props.namespace}>
      {control}
    </FieldShell>
  );
}

/**
 * The answer to a form: a status after a success, an alert after a refusal (the message key translated
 * in `namespace`), and whatever `children` adds (a conflict's current values, a temporary password).
 * Empty but present while idle, so screen readers announce the first answer.
 */
export function FormMessage(props: { state: ActionState; namespace?: string; testId?: string; children?: ReactNode; okText?: string }) {
  const t = useTranslations(props.namespace ?? "validation");
  const { state } = props;
  const testId = props.testId ?? "form-message";
  if (state.status === "idle" || (!state.message && !props.children)) {
    return <p role="status" className="sr-only" data-testid={testId} data-nonce={state.nonce} />;
  }
  const ok = state.status !== "error";
  return (
    <div
      role={ok ? "status" : "alert"}
      data-testid={testId}
      data-nonce={state.nonce}
      tabIndex={-1}
      className={`rounded p-2 text-sm ${ok ? "bg-green-50 text-green-900" : "border border-red-300 bg-red-50 text-red-900"}`}
    >
      {state.message && <p>{ok && props.okText ? props.okText : t(state.message, state.messageValues ?? {})}</p>}
      {props.children}
      {state.needsConfirmation && (
        <>
          {/* Earlier confirmations of this submission go along with the next one. */}
          {state.confirmed?.map((f) => (
            <input key={f} type="hidden" name={f} value="1" />
          ))}
          <ConfirmButton name={state.confirmField} />
        </>
      )}
    </div>
  );
}

export function SubmitButton({ pending, label, pendingLabel, wide }: { pending: boolean; label: string; pendingLabel: string; wide?: boolean }) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`${wide ? "w-full py-2" : "py-1.5"} rounded bg-blue-700 px-4 font-medium text-white hover:bg-blue-800 disabled:opacity-60`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}

/** "Save anyway": submits the form again with the confirmation of its warnings. Inside the form only. */
export function ConfirmButton({ name }: { name?: string }) {
  const t = useTranslations("validation");
  return (
    <button
      type="submit"
      name={name ?? CONFIRM_FIELD}
      value="1"
      data-testid="confirm-save"
      className="mt-2 rounded bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800"
    >
      {t("confirmSave")}
    </button>
  );
}

/** Focuses the first element matching `selector` in `root`; whether there was one. */
export function focusIn(root: ParentNode | null | undefined, selector: string): boolean {
  const el = root?.querySelector<HTMLElement>(selector);
  el?.focus();
  return !!el;
}

/**
 * Keeps the keyboard where the person was working after a form's answer (forms re-mount on an answer,
 * which would drop the focus to the top of the page): after a refusal, the first marked field (or the
 * "save anyway" button when the answer asks to confirm); after a success, `onSuccess` decides, else the
 * form's first field, ready for the next entry.
 */
export function useAnswerFocus(state: ActionState, form: RefObject<HTMLFormElement | null>, onSuccess?: () => boolean) {
  useEffect(() => {
    if (state.status === "idle") return;
    const f = form.current;
    if (!f) return;
    const pick = (selector: string) => f.querySelector<HTMLElement>(selector);
    if (state.status === "error") {
      const target = state.needsConfirmation
        ? pick('button[data-testid="confirm-save"]')
        : (pick('[aria-invalid="true"]') ?? pick("[data-focus-after-error]") ?? pick('button[type="submit"]'));
      target?.focus();
      return;
    }
    if (onSuccess?.()) return;
    pick('input:not([type="hidden"]), select, textarea')?.focus();
    // Only a new answer moves the focus; the callbacks may change on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.nonce]);
}
