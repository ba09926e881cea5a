"use client";
import Link from "next/link";
import { useActionState, useId, useRef, useState } from "react";
import { SettingsEffectView } from "@/components/settings/effect-view";
import { addReviewNoteAction, createPartnerAction, createPartnerAdminAction, updatePartnerSettingsAction } from "@/app/partners/manage-actions";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { DECISIONS, MARKETS, REVIEW_MAX, RULE_SET_IDS } from "@/lib/vocabulary";
import { examCatalogue, getRuleSet } from "@/lib/competency/rules";
import { formatDate } from "@/lib/format";
import { IDLE_STATE, type ActionState } from "@/lib/action-state";
import { Field, FormMessage, SubmitButton, useAnswerFocus, focusIn } from "@/components/form/kit";

/** The rule sets as options ("V3 — in force from 16 Nov 2017"), with what each one changes said below the select. */
function useRuleSetOptions() {
  const t = useTranslations("manage");
  const locale = useLocale();
  const options = RULE_SET_IDS.map((r) => ({ value: r, label: t(`ruleSetOption.${r}`, { date: formatDate(getRuleSet(r).effectiveFrom, locale) }) }));
  const mb2709 = examCatalogue("V3").find((e) => e.code === "MB2-709")?.acceptedUntil ?? "2018-12-31";
  const about = RULE_SET_IDS.map((r) => t(`ruleSetAbout.${r}`, { date: formatDate(mb2709, locale) })).join(" ");
  return { options, about };
}

const formClass = "space-y-3 rounded border border-slate-200 bg-slate-50 p-3";

/** Adds a review note with a decision. */
export function ReviewForm({ partnerId }: { partnerId: number }) {
  const t = useTranslations("review");
  const tDecision = useTranslations("decision");
  const formId = useId();
  const [state, action, pending] = useActionState(addReviewNoteAction.bind(null, partnerId), IDLE_STATE);
  const format = useFormatter();
  const ref = useRef<HTMLFormElement>(null);
  useAnswerFocus(state, ref);
  const keep = state.status === "error";
  return (
    <form
      ref={ref}
      key={keep ? "kept" : state.nonce}
      action={action}
      noValidate
      className={formClass}
      aria-labelledby={`${formId}-title`}
      data-testid="review-form"
    >
      <h3 id={`${formId}-title`} className="font-medium">
        {t("add")}
      </h3>
      <Field
        formId={formId}
        name="decision"
        label={t("decision")}
        state={state}
        defaultValue="note"
        options={DECISIONS.map((d) => ({ value: d, label: tDecision(d) }))}
      />
      <Field
        formId={formId}
        name="body"
        label={t("body")}
        hint={t("bodyHint", { max: format.number(REVIEW_MAX) })}
        state={state}
        multiline
        maxLength={REVIEW_MAX}
      />
      <SubmitButton pending={pending} label={t("submit")} pendingLabel={t("saving")} />
      <ManageMessage state={state} />
    </form>
  );
}

/** Changes a partner's market and rule set (version-checked). */
export function PartnerSettingsForm({ partnerId, market, ruleSet, version }: { partnerId: number; market: string; ruleSet: string; version: number }) {
  const t = useTranslations("manage");
  const tMarket = useTranslations("market");
  const formId = useId();
  const [state, action, pending] = useActionState(updatePartnerSettingsAction.bind(null, partnerId), IDLE_STATE);
  const ruleSets = useRuleSetOptions();
  const ref = useRef<HTMLFormElement>(null);
  useAnswerFocus(state, ref, () => focusIn(ref.current, 'button[type="submit"]'));
  // A change is previewed first (issue 11): the effect shows until confirmed or cancelled.
  const [cancelled, setCancelled] = useState(0);
  const effect = state.settingsEffect && cancelled !== state.nonce ? state.settingsEffect : null;
  // After an answer the server sends the partner's current values (and version): the form shows them.
  const current = state.values ?? { market, ruleSet, version: String(version) };
  return (
    <form ref={ref} key={`${state.nonce}`} action={action} noValidate className={formClass} aria-labelledby={`${formId}-title`} data-testid="settings-form">
      <h3 id={`${formId}-title`} className="font-medium">
        {t("settingsHeading")}
      </h3>
      <input type="hidden" name="version" value={current.version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          formId={formId}
          name="market"
          label={t("market")}
          state={{ ...state, values: undefined }}
          defaultValue={current.market}
          options={MARKETS.map((m) => ({ value: m, label: tMarket(m) }))}
        />
        <Field
          formId={formId}
          name="ruleSet"
          label={t("ruleSet")}
          state={{ ...state, values: undefined }}
          defaultValue={current.ruleSet}
          options={ruleSets.options}
          hint={ruleSets.about}
        />
      </div>
      <p className="text-xs text-slate-600">{t("settingsHint")}</p>
      {effect ? (
        <SettingsEffectView effect={effect} confirmField={state.confirmField ?? "confirm"} onCancel={() => setCancelled(state.nonce)} />
      ) : (
        <SubmitButton pending={pending} label={t("saveSettings")} pendingLabel={t("saving")} />
      )}
      <ManageMessage state={state} />
    </form>
  );
}

/** Another admin account for a partner: the temporary password is shown once. */
export function NewAdminForm({ partnerId }: { partnerId: number }) {
  const t = useTranslations("manage");
  const formId = useId();
  const [state, action, pending] = useActionState(createPartnerAdminAction.bind(null, partnerId), IDLE_STATE);
  const ref = useRef<HTMLFormElement>(null);
  useAnswerFocus(state, ref);
  return (
    <form
      ref={ref}
      key={state.status === "error" ? "kept" : state.nonce}
      action={action}
      noValidate
      className={formClass}
      aria-labelledby={`${formId}-title`}
      data-testid="new-admin-form"
    >
      <h3 id={`${formId}-title`} className="font-medium">
        {t("newAdminHeading")}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field formId={formId} name="adminName" label={t("adminName")} state={state} maxLength={400} />
        <Field formId={formId} name="adminEmail" label={t("adminEmail")} state={state} type="email" maxLength={400} />
      </div>
      <SubmitButton pending={pending} label={t("createAdmin")} pendingLabel={t("saving")} />
      <ManageMessage state={state} />
    </form>
  );
}

/** A new partner with its first admin. */
export function NewPartnerForm() {
  const t = useTranslations("manage");
  const tMarket = useTranslations("market");
  const formId = useId();
  const [state, action, pending] = useActionState(createPartnerAction, IDLE_STATE);
  const ruleSets = useRuleSetOptions();
  const ref = useRef<HTMLFormElement>(null);
  // After a success the temporary password is what matters: the focus stays on the answer's button row.
  useAnswerFocus(state, ref, () => focusIn(ref.current, '[data-testid="temporary-password-value"]'));
  return (
    <div className="space-y-4">
      <form
        ref={ref}
        key={state.status === "error" ? "kept" : state.nonce}
        action={action}
        noValidate
        className={formClass}
        aria-labelledby={`${formId}-title`}
        data-testid="new-partner-form"
      >
        <h2 id={`${formId}-title`} className="font-medium">
          {t("newPartnerForm")}
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field formId={formId} name="name" label={t("partnerName")} state={state} maxLength={400} />
          <Field formId={formId} name="msPartnerId" label={t("msPartnerId")} hint={t("msPartnerIdHint")} state={state} maxLength={40} />
          <Field
            formId={formId}
            name="market"
            label={t("market")}
            state={state}
            defaultValue="developed"
            options={MARKETS.map((m) => ({ value: m, label: tMarket(m) }))}
          />
          <Field formId={formId} name="ruleSet" label={t("ruleSet")} state={state} defaultValue="V1" options={ruleSets.options} hint={ruleSets.about} />
          <Field formId={formId} name="adminName" label={t("adminName")} state={state} maxLength={400} />
          <Field formId={formId} name="adminEmail" label={t("adminEmail")} state={state} type="email" maxLength={400} />
        </div>
        <SubmitButton pending={pending} label={t("createPartner")} pendingLabel={t("saving")} />
        <ManageMessage state={state} />
      </form>
      {state.created && (
        <p>
          <Link href={`/partners/${state.created.partnerId}`} className="text-blue-800 underline" data-testid="open-new-partner">
            {t("openNewPartner")}
          </Link>
        </p>
      )}
    </div>
  );
}

/** The answer to a form, and a new account's temporary password, shown once. */
function ManageMessage({ state }: { state: ActionState }) {
  const t = useTranslations("manage");
  return (
    <FormMessage state={state}>
      {state.created && (
        <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-amber-950" data-testid="temporary-password">
          <p>{t("temporaryPasswordIntro", { email: state.created.email })}</p>
          <p tabIndex={-1} className="mt-1 font-mono text-base font-semibold" data-testid="temporary-password-value">
            {state.created.temporaryPassword}
          </p>
          <p className="mt-1 text-xs">{t("temporaryPasswordOnce")}</p>
        </div>
      )}
    </FormMessage>
  );
}
