"use client";
// The review loop's client forms: a reply to a review note, a partner's admin accounts (disable, enable,
// new temporary password with a copy button), second-factor resets between channel managers, the
// notifications' e-mail choice and "mark all read", and the forgotten-password forms.
import { useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { replyToNoteAction } from "@/app/partners/[partnerId]/review-actions";
import { disableAdminAction, enableAdminAction, resetAdminPasswordAction } from "@/app/partners/account-actions";
import { cancelMfaResetAction, confirmMfaResetAction, requestMfaResetAction } from "@/app/accounts/actions";
import { markAllReadAction, saveNotificationSettingsAction } from "@/app/notifications/actions";
import { requestPasswordResetAction, resetPasswordAction } from "@/app/sign-in/password-reset-actions";
import { IDLE_STATE, type ActionState } from "@/lib/action-state";
import { EMAIL_MODES } from "@/lib/vocabulary";
import { Field, FormMessage, SubmitButton } from "@/components/form/kit";

const NS = "loopForm";
const small = "rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";

/** A partner admin's reply to one review note. */
export function ReplyForm({ partnerId, noteId }: { partnerId: number; noteId: number }) {
  const t = useTranslations("thread");
  const formId = useId();
  const [state, action, pending] = useActionState(replyToNoteAction.bind(null, partnerId), IDLE_STATE);
  return (
    <form key={state.status === "error" ? "kept" : state.nonce} action={action} noValidate className="mt-2 space-y-2" data-testid="reply-form">
      <input type="hidden" name="noteId" value={noteId} />
      <Field formId={formId} name="body" label={t("replyLabel")} state={state} multiline maxLength={4000} namespace={NS} />
      <SubmitButton pending={pending} label={t("reply")} pendingLabel={t("sending")} />
      <FormMessage state={state} namespace={NS} okText={t("sent")} />
    </form>
  );
}

/** Copies a text to the clipboard and says so. */
export function CopyButton({ text }: { text: string }) {
  const t = useTranslations("accounts");
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={small}
      data-testid="copy-password"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? t("copied") : t("copy")}
    </button>
  );
}

function OneButton(props: {
  action: (prev: ActionState, fd: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  label: string;
  pendingLabel: string;
  testId: string;
  confirm?: string;
  after?: (s: ActionState) => React.ReactNode;
}) {
  const [state, action, pending] = useActionState(props.action, IDLE_STATE);
  return (
    <form
      action={action}
      className="inline"
      onSubmit={(e) => {
        if (props.confirm && !window.confirm(props.confirm)) e.preventDefault();
      }}
    >
      {Object.entries(props.fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" disabled={pending} className={small} data-testid={props.testId}>
        {pending ? props.pendingLabel : props.label}
      </button>
      {state.status === "error" && <FormMessage state={state} namespace={NS} />}
      {props.after?.(state)}
    </form>
  );
}

export interface AdminAccount {
  id: number;
  name: string;
  email: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastSignIn: string | null;
}

/** A partner's admins for a channel manager: last sign-in, disable/enable, a new temporary password. */
export function AdminAccounts({ partnerId, admins }: { partnerId: number; admins: AdminAccount[] }) {
  const t = useTranslations("accounts");
  return (
    <ul className="space-y-2 text-sm" data-testid="admin-accounts">
      {admins.map((a) => (
        <li key={a.id} className="rounded border border-slate-200 p-2" data-testid="admin-account" data-email={a.email}>
          <p>
            <span className="font-medium">{a.name}</span> &lt;{a.email}&gt;
            {a.disabled && (
              <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs" data-testid="admin-disabled">
                {t("disabled")}
              </span>
            )}
            {a.mustChangePassword && <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs">{t("mustChange")}</span>}
          </p>
          <p className="text-slate-700" data-testid="last-sign-in">
            {a.lastSignIn ? t("lastSignIn", { when: a.lastSignIn }) : t("neverSignedIn")}
          </p>
          <div className="mt-1 flex flex-wrap gap-2">
            {a.disabled ? (
              <OneButton
                action={enableAdminAction.bind(null, partnerId)}
                fields={{ userId: a.id }}
                label={t("enable")}
                pendingLabel={t("working")}
                testId="enable-admin"
              />
            ) : (
              <OneButton
                action={disableAdminAction.bind(null, partnerId)}
                fields={{ userId: a.id }}
                label={t("disable")}
                pendingLabel={t("working")}
                testId="disable-admin"
                confirm={t("disableConfirm", { name: a.name })}
              />
            )}
            <OneButton
              action={resetAdminPasswordAction.bind(null, partnerId)}
              fields={{ userId: a.id }}
              label={t("resetPassword")}
              pendingLabel={t("working")}
              testId="reset-password"
              confirm={t("resetConfirm", { name: a.name })}
              after={(s) =>
                s.created && (
                  <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-amber-950" data-testid="temporary-password" role="status">
                    <p>{t("temporaryIntro", { email: s.created.email })}</p>
                    <p className="mt-1 flex items-center gap-2">
                      <span className="font-mono text-base font-semibold" data-testid="temporary-password-value">
                        {s.created.temporaryPassword}
                      </span>
                      <CopyButton text={s.created.temporaryPassword} />
                    </p>
                    <p className="mt-1 text-xs">{t("temporaryOnce")}</p>
                  </div>
                )
              }
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Second-factor reset buttons on one channel manager's row. */
export function MfaResetControls(props: { userId: number; self: boolean; pending: { id: number; requestedBy: number } | null; me: number }) {
  const t = useTranslations("accounts");
  if (props.self) return <span className="text-slate-600">{t("you")}</span>;
  if (!props.pending) {
    return (
      <OneButton
        action={requestMfaResetAction}
        fields={{ userId: props.userId }}
        label={t("requestMfaReset")}
        pendingLabel={t("working")}
        testId="request-mfa-reset"
      />
    );
  }
  return (
    <span className="flex flex-wrap gap-2">
      {props.pending.requestedBy !== props.me ? (
        <OneButton
          action={confirmMfaResetAction}
          fields={{ requestId: props.pending.id }}
          label={t("confirmMfaReset")}
          pendingLabel={t("working")}
          testId="confirm-mfa-reset"
        />
      ) : (
        <span className="text-slate-700">{t("waitingSecond")}</span>
      )}
      <OneButton
        action={cancelMfaResetAction}
        fields={{ requestId: props.pending.id }}
        label={t("cancelMfaReset")}
        pendingLabel={t("working")}
        testId="cancel-mfa-reset"
      />
    </span>
  );
}

/** Marks all of the user's notifications read. */
export function MarkAllRead() {
  const t = useTranslations("notifications");
  const [, action, pending] = useActionState(markAllReadAction, IDLE_STATE);
  return (
    <form action={action}>
      <button type="submit" disabled={pending} className={small} data-testid="mark-all-read">
        {t("markAll")}
      </button>
    </form>
  );
}

/** The user's e-mail choice for notifications. */
export function NotificationSettingsForm({ mode }: { mode: string }) {
  const t = useTranslations("notificationSettings");
  const formId = useId();
  const [state, action, pending] = useActionState(saveNotificationSettingsAction, IDLE_STATE);
  const current = state.values?.emailMode ?? mode;
  return (
    <form
      key={state.nonce}
      action={action}
      noValidate
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="notification-settings"
    >
      <Field
        formId={formId}
        name="emailMode"
        label={t("emailMode")}
        state={state}
        defaultValue={current}
        namespace={NS}
        options={EMAIL_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
      />
      <SubmitButton pending={pending} label={t("save")} pendingLabel={t("saving")} />
      <FormMessage state={state} namespace={NS} />
    </form>
  );
}

/** "Forgot password": the same answer whether or not the address has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations("forgot");
  const [state, action, pending] = useActionState(requestPasswordResetAction, IDLE_STATE);
  return (
    <form action={action} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" data-testid="forgot-form">
      <Field id="forgot-email" name="email" label={t("email")} state={state} type="email" autoComplete="username" namespace={NS} />
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("sending")} wide />
      <FormMessage state={state} namespace={NS} />
    </form>
  );
}

/** A new password through a forgotten-password link. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("forgot");
  const formId = useId();
  const [state, action, pending] = useActionState(resetPasswordAction, IDLE_STATE);
  if (state.status === "saved") {
    return (
      <p role="status" className="rounded bg-green-50 p-3 text-green-900" data-testid="reset-done">
        {t("done")}{" "}
        <a href="/sign-in" className="underline">
          {t("signIn")}
        </a>
      </p>
    );
  }
  return (
    <form action={action} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="reset-form">
      <input type="hidden" name="token" value={token} />
      <Field
        formId={formId}
        name="next"
        label={t("next")}
        hint={t("nextHint")}
        state={state}
        type="password"
        autoComplete="new-password"
        namespace={NS}
        refill={false}
      />
      <Field formId={formId} name="confirm" label={t("confirm")} state={state} type="password" autoComplete="new-password" namespace={NS} refill={false} />
      <SubmitButton pending={pending} label={t("save")} pendingLabel={t("sending")} />
      <FormMessage state={state} namespace={NS} testId="form-message" />
    </form>
  );
}
