"use client";
// The what-if planner: hypothetical passes, people, revenue lines, a person leaving, a customer losing
// DPOR and another as-of date, laid over the partner's recorded facts and evaluated by the engine right
// here in the browser. Nothing is stored until "apply", which sends the chosen hypotheticals to the
// normal validated action. The scenario lives in the URL (share it as a link; print it).
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useCallback, useEffect, useId, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { evaluate } from "@/lib/competency/evaluate";
import { projectRisk } from "@/lib/competency/risk";
import { isValidDate } from "@/lib/competency/dates";
import { findExam } from "@/lib/competency/rules";
import type { Evaluation, Level, RuleSetId } from "@/lib/competency/types";
import { applyScenario, serialiseScenario, unpackFacts, type Hypothetical, type PackedFacts, type Scenario } from "@/lib/what-if";
import { parseMoney } from "@/lib/money";
import { formatDate, formatMoney } from "@/lib/format";
import { asLocale } from "@/lib/i18n/config";
import { INLINE_CHOICES_MAX, MAX_BUSINESS_DATE, MIN_BUSINESS_DATE, PRODUCTS, RISK_HORIZON_DAYS, type Product } from "@/lib/vocabulary";
import { IDLE_STATE, type ActionState } from "@/lib/action-state";
import { FormMessage, inputClass } from "@/components/form/kit";
import { LocalCombobox } from "@/components/form/combobox";
import type { Choice } from "@/lib/choices";

export interface PlannerProps {
  partnerId: number;
  ruleSet: RuleSetId;
  /** The recorded facts, packed for the page (lib/what-if.ts). */
  facts: PackedFacts;
  customers: { id: number; name: string }[];
  asOf: string;
  initial: Scenario;
  canApply: boolean;
  applyAction: (prev: ActionState, formData: FormData) => Promise<ActionState>;
}

const KINDS = ["pass", "person", "revenue", "leave", "dporLoss"] as const;
type Kind = (typeof KINDS)[number];

export function WhatIfPlanner(props: PlannerProps) {
  const t = useTranslations("whatIf");
  const tSearch = useTranslations("entry.search");
  const tLevel = useTranslations("level");
  const tv = useTranslations("validation");
  const locale = asLocale(useLocale());
  const id = useId();
  const router = useRouter();
  const [scenario, setScenario] = useState<Scenario>(props.initial);
  const [chosen, setChosen] = useState<boolean[]>(() => props.initial.items.map(() => true));
  const [kind, setKind] = useState<Kind>("pass");
  const [error, setError] = useState<string | null>(null);
  const [state, apply, applying] = useActionState(props.applyAction, IDLE_STATE);
  const [, startTransition] = useTransition();
  const asOf = scenario.asOf ?? props.asOf;

  // The scenario in the address bar, so the page can be shared and printed as it is.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (scenario.items.length === 0 && !scenario.asOf) url.searchParams.delete("s");
    else url.searchParams.set("s", serialiseScenario(scenario));
    window.history.replaceState(window.history.state, "", url);
  }, [scenario]);
  useEffect(() => {
    if (state.status === "saved") router.push(`/partners/${props.partnerId}`);
  }, [state, router, props.partnerId]);

  const recorded = useMemo(() => unpackFacts(props.facts), [props.facts]);
  // The recorded people, named as the page tells them apart (the facts carry those names: db/partners.ts toFacts).
  const people = useMemo(() => recorded.individuals.map((p) => ({ id: Number(p.id), label: p.name })), [recorded]);
  const base = useMemo(() => evaluate(recorded, { asOf, ruleSet: props.ruleSet }), [recorded, props.ruleSet, asOf]);
  const result = useMemo(() => {
    const facts = applyScenario(recorded, scenario);
    return {
      evaluation: evaluate(facts, { asOf, ruleSet: props.ruleSet }),
      risk: projectRisk(facts, { asOf, ruleSet: props.ruleSet, horizonDays: RISK_HORIZON_DAYS }),
    };
  }, [recorded, props.ruleSet, scenario, asOf]);

  const newPeople = useMemo(() => scenario.items.filter((h): h is Extract<Hypothetical, { k: "person" }> => h.k === "person"), [scenario.items]);
  const hypothetical = useCallback((name: string) => `${name} (${t("hypotheticalPerson")})`, [t]);
  const personLabel = (ref: number | string) => {
    if (typeof ref === "string" && ref.startsWith("new:")) return hypothetical(newPeople[Number(ref.slice(4))]?.name ?? "?");
    return people.find((p) => p.id === Number(ref))?.label ?? String(ref);
  };
  const customerName = (cid: number) => props.customers.find((c) => c.id === cid)?.name ?? String(cid);
  // A reseller's thousands of people and customers are searched, not listed (as on the data page: decision 0014).
  const personChoices = useMemo(
    () => [
      ...people.map((p) => ({ value: String(p.id), label: p.label })),
      ...(kind === "pass" ? newPeople.map((p, n) => ({ value: `new:${n}`, label: hypothetical(p.name) })) : []),
    ],
    [people, kind, newPeople, hypothetical],
  );
  const customerChoices = useMemo(() => props.customers.map((c) => ({ value: String(c.id), label: c.name })), [props.customers]);
  const d = (s: string) => formatDate(s, locale);

  function describe(h: Hypothetical): string {
    switch (h.k) {
      case "person":
        return t("item.person", { name: h.name, date: h.joinedOn ? d(h.joinedOn) : "—" });
      case "pass":
        return t("item.pass", { person: personLabel(h.person), exam: h.exam, date: d(h.passedOn) });
      case "revenue":
        return t("item.revenue", { customer: customerName(h.customerId), amount: formatMoney(h.amountCents, locale), date: d(h.date) });
      case "leave":
        return t("item.leave", { person: personLabel(h.person), date: d(h.on) });
      case "dporLoss":
        return t("item.dporLoss", { customer: customerName(h.customerId), date: d(h.on) });
    }
  }

  function add(form: FormData) {
    const s = (k: string) => String(form.get(k) ?? "").trim();
    const date = (k: string) => {
      const v = s(k);
      if (!v) throw new Refused("dateRequired");
      if (!isValidDate(v)) throw new Refused("dateInvalid");
      if (v < MIN_BUSINESS_DATE || v > MAX_BUSINESS_DATE) throw new Refused("dateOutOfRange");
      return v;
    };
    try {
      let h: Hypothetical;
      switch (kind) {
        case "person": {
          if (!s("name")) throw new Refused("nameRequired");
          h = { k: "person", name: s("name").slice(0, 200), joinedOn: s("date") ? date("date") : null };
          break;
        }
        case "pass": {
          const exam = findExam(props.ruleSet, s("exam"));
          if (!s("person")) throw new Refused("invalidReference");
          if (!exam) throw new Refused(s("exam") ? "examUnknown" : "examRequired");
          const person = s("person").startsWith("new:") ? (s("person") as `new:${number}`) : Number(s("person"));
          h = { k: "pass", person, exam: exam.code, passedOn: date("date") };
          break;
        }
        case "revenue": {
          const m = parseMoney(s("amount"), locale);
          if (!m.ok) throw new Refused(m.error);
          if (!s("customer")) throw new Refused("invalidReference");
          h = { k: "revenue", customerId: Number(s("customer")), product: s("product") as Product, date: date("date"), amountCents: m.cents };
          break;
        }
        case "leave":
          if (!s("person")) throw new Refused("invalidReference");
          h = { k: "leave", person: Number(s("person")), on: date("date") };
          break;
        case "dporLoss":
          if (!s("customer")) throw new Refused("invalidReference");
          h = { k: "dporLoss", customerId: Number(s("customer")), on: date("date") };
          break;
      }
      setError(null);
      setScenario((sc) => ({ ...sc, items: [...sc.items, h] }));
      setChosen((c) => [...c, true]);
    } catch (e) {
      if (e instanceof Refused) setError(e.key);
      else throw e;
    }
  }

  function remove(i: number) {
    const h = scenario.items[i]!;
    // Removing a hypothetical person removes their passes too, and renumbers the later people.
    let n = -1;
    if (h.k === "person") n = scenario.items.slice(0, i).filter((x) => x.k === "person").length;
    const keep = scenario.items.map((x, j) => j !== i && !(n >= 0 && x.k === "pass" && x.person === `new:${n}`));
    const items = scenario.items
      .filter((_, j) => keep[j])
      .map((x) => {
        if (n < 0 || x.k !== "pass" || typeof x.person !== "string") return x;
        const m = Number(x.person.slice(4));
        return m > n ? { ...x, person: `new:${m - 1}` as const } : x;
      });
    setScenario({ ...scenario, items });
    setChosen(chosen.filter((_, j) => keep[j]));
  }

  const chosenItems = scenario.items.filter((_, i) => chosen[i]);
  // A chosen pass of a hypothetical person needs that person chosen too.
  const incomplete = chosenItems.some(
    (h) =>
      h.k === "pass" &&
      typeof h.person === "string" &&
      !chosen[
        scenario.items.findIndex(
          (x, j) => x.k === "person" && scenario.items.slice(0, j).filter((y) => y.k === "person").length === Number((h.person as string).slice(4)),
        )
      ],
  );

  return (
    <div className="space-y-6">
      <div
        data-testid="what-if-banner"
        className="rounded-lg border-2 border-dashed border-violet-500 bg-[repeating-linear-gradient(45deg,#f5f3ff,#f5f3ff_10px,#ede9fe_10px,#ede9fe_20px)] p-4"
      >
        <p className="text-lg font-semibold text-violet-950">{t("banner")}</p>
        <p className="text-sm text-violet-950">{t("bannerHint")}</p>
      </div>

      <section aria-labelledby={`${id}-result`} className="rounded-lg border-2 border-dashed border-violet-400 bg-white p-4" data-testid="what-if-result">
        <h2 id={`${id}-result`} className="text-xl font-semibold">
          {t("resultHeading", { date: d(asOf) })}
        </h2>
        <p className="mt-2 text-lg">
          {t("levelLine", { before: tLevel(base.level) })}{" "}
          <span className="font-bold text-violet-900" data-testid="what-if-level">
            {tLevel(result.evaluation.level)}
          </span>
        </p>
        <Figures t={t} tLevel={tLevel} e={result.evaluation} base={base} locale={locale} />
        <p className="mt-2 text-sm" data-testid="what-if-risk">
          {result.risk.atRiskOn
            ? t("riskOn", { date: d(result.risk.atRiskOn), level: tLevel(result.risk.levelNow), then: tLevel(result.risk.levelThen) })
            : t("noRisk", { level: tLevel(result.risk.levelNow) })}
        </p>
      </section>

      <section aria-labelledby={`${id}-items`} className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id={`${id}-items`} className="text-lg font-semibold">
          {t("itemsHeading")}
        </h2>
        {scenario.items.length === 0 ? (
          <p className="text-sm text-slate-700">{t("noItems")}</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm" data-testid="what-if-items">
            {scenario.items.map((h, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2" data-testid="what-if-item">
                {props.canApply && (
                  <input
                    type="checkbox"
                    className="no-print"
                    aria-label={t("choose", { item: describe(h) })}
                    checked={chosen[i] ?? false}
                    onChange={(e) => setChosen(chosen.map((c, j) => (j === i ? e.target.checked : c)))}
                  />
                )}
                <span className="rounded bg-violet-100 px-1 text-xs font-semibold uppercase text-violet-900">{t("hypothetical")}</span>
                <span>{describe(h)}</span>
                <button type="button" className="no-print text-red-800 underline" onClick={() => remove(i)} aria-label={t("remove", { item: describe(h) })}>
                  {t("removeShort")}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="no-print mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor={`${id}-asof`} className="mb-1 block text-sm font-medium">
              {t("asOf")}
            </label>
            <input
              id={`${id}-asof`}
              type="date"
              className={inputClass}
              value={asOf}
              min={MIN_BUSINESS_DATE}
              max={MAX_BUSINESS_DATE}
              onChange={(e) => isValidDate(e.target.value) && setScenario({ ...scenario, asOf: e.target.value === props.asOf ? null : e.target.value })}
            />
          </div>
          <button type="button" className="rounded border border-slate-400 px-3 py-1.5" onClick={() => window.print()}>
            {t("print")}
          </button>
          <button
            type="button"
            className="rounded border border-slate-400 px-3 py-1.5"
            onClick={() =>
              startTransition(async () => {
                await navigator.clipboard?.writeText(window.location.href).catch(() => undefined);
              })
            }
          >
            {t("copyLink")}
          </button>
          <a href={`/partners/${props.partnerId}`} className="px-1 py-1.5 text-blue-800 underline">
            {t("back")}
          </a>
        </div>
        {props.canApply && scenario.items.length > 0 && (
          <form action={apply} className="no-print mt-3 space-y-2">
            <input type="hidden" name="items" value={JSON.stringify(chosenItems)} />
            <p className="text-sm text-slate-700">{t("applyHint")}</p>
            {incomplete && (
              <p role="alert" className="text-sm text-red-800">
                {t("incomplete")}
              </p>
            )}
            <button
              type="submit"
              disabled={applying || chosenItems.length === 0 || incomplete}
              className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
            >
              {applying ? t("applying") : t("apply", { count: chosenItems.length })}
            </button>
            <FormMessage state={state} />
          </form>
        )}
      </section>

      <section aria-labelledby={`${id}-add`} className="no-print rounded-lg border border-slate-200 bg-white p-4">
        <h2 id={`${id}-add`} className="text-lg font-semibold">
          {t("addHeading")}
        </h2>
        <form
          key={scenario.items.length}
          className="mt-2 space-y-3 rounded border border-slate-200 bg-slate-50 p-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add(new FormData(e.currentTarget));
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <Labelled id={`${id}-kind`} label={t("kind")}>
              <select
                id={`${id}-kind`}
                className={inputClass}
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as Kind);
                  setError(null);
                }}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Labelled>
            {(kind === "pass" || kind === "leave") && (
              <Chooser
                id={`${id}-person`}
                name="person"
                label={t("person")}
                choose={t("choosePerson")}
                search={tSearch("placeholder.people")}
                choices={personChoices}
              />
            )}
            {kind === "person" && (
              <Labelled id={`${id}-name`} label={t("name")}>
                <input id={`${id}-name`} name="name" className={inputClass} maxLength={200} />
              </Labelled>
            )}
            {kind === "pass" && (
              <Labelled id={`${id}-exam`} label={t("exam")}>
                <input id={`${id}-exam`} name="exam" className={inputClass} maxLength={20} placeholder="MB2-712" />
              </Labelled>
            )}
            {(kind === "revenue" || kind === "dporLoss") && (
              <Chooser
                id={`${id}-customer`}
                name="customer"
                label={t("customer")}
                choose={t("chooseCustomer")}
                search={tSearch("placeholder.customers")}
                choices={customerChoices}
              />
            )}
            {kind === "revenue" && (
              <>
                <Labelled id={`${id}-product`} label={t("product")}>
                  <select id={`${id}-product`} name="product" className={inputClass} defaultValue="crm-online">
                    {PRODUCTS.map((p) => (
                      <option key={p} value={p}>
                        {t(`products.${p}`)}
                      </option>
                    ))}
                  </select>
                </Labelled>
                <Labelled id={`${id}-amount`} label={t("amount")}>
                  <input id={`${id}-amount`} name="amount" inputMode="decimal" className={inputClass} />
                </Labelled>
              </>
            )}
            <Labelled id={`${id}-date`} label={t(`dateLabel.${kind}`)}>
              <input id={`${id}-date`} name="date" type="date" className={inputClass} min={MIN_BUSINESS_DATE} max={MAX_BUSINESS_DATE} />
            </Labelled>
          </div>
          {error && (
            <p role="alert" className="text-sm text-red-800" data-testid="what-if-error">
              {tv(error)}
            </p>
          )}
          <button type="submit" className="rounded bg-violet-700 px-4 py-1.5 font-medium text-white hover:bg-violet-800">
            {t("add")}
          </button>
        </form>
      </section>
    </div>
  );
}

class Refused {
  constructor(readonly key: string) {}
}

/** A recorded person or customer: a select of them all, or for a reseller's long list a search box (decision 0014). */
function Chooser(props: { id: string; name: string; label: string; choose: string; search: string; choices: Choice[] }) {
  if (props.choices.length > INLINE_CHOICES_MAX) {
    return <LocalCombobox id={props.id} name={props.name} label={props.label} placeholder={props.search} choices={props.choices} />;
  }
  return (
    <Labelled id={props.id} label={props.label}>
      <select id={props.id} name={props.name} className={inputClass} defaultValue="">
        <option value="">{props.choose}</option>
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

type T = ReturnType<typeof useTranslations>;
function Figures({ t, tLevel, e, base, locale }: { t: T; tLevel: (l: Level) => string; e: Evaluation; base: Evaluation; locale: string }) {
  return (
    <div className="mt-3 grid gap-3 sm:grid-cols-2">
      {(["silver", "gold"] as const).map((level) => {
        const r = e[level];
        const filled = r.exams.slots.length - r.exams.unfilled;
        return (
          <div key={level} className="rounded border border-violet-200 p-3 text-sm" data-testid={`what-if-${level}`}>
            <p className="font-semibold">
              {tLevel(level)}: {r.achieved ? t("met") : t("notMet")}
            </p>
            <p>
              {t("revenue", {
                revenue: formatMoney(e.qualifyingRevenueCents, locale),
                threshold: formatMoney(r.revenue.thresholdCents, locale),
                before: formatMoney(base.qualifyingRevenueCents, locale),
              })}
            </p>
            <p>{t("slots", { filled, total: r.exams.slots.length, before: base[level].exams.slots.length - base[level].exams.unfilled })}</p>
            <p>{r.plan.examsNeeded === 0 ? t("noExamsNeeded") : t("examsNeeded", { count: r.plan.examsNeeded })}</p>
          </div>
        );
      })}
    </div>
  );
}
