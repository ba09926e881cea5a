"use client";
// A search box that chooses one record from a long list (an ARIA combobox): typing asks `useMatches` for
// the names that hold the text, arrows move, Enter or a click chooses, Escape closes. The form posts the
// chosen value under `name` and the shown name under labelFieldOf(name). Where the matches come from is
// the caller's: the server (components/entry/search-select.tsx) or a list the page already holds
// (LocalCombobox, below).
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { choiceKeys, labelFieldOf, matchChoices, type Choice, type ChoicesAnswer } from "@/lib/choices";
import { nameKey } from "@/lib/names";
import { CHOICES_SHOWN } from "@/lib/vocabulary";
import { FieldShell, describedBy, inputClass } from "./kit";

/** Wait after the last keystroke before searching. */
const TYPING_PAUSE_MS = 150;

/** What a search has found so far for the text typed. */
export interface Matches {
  answer?: ChoicesAnswer;
  /** The answer shown is an earlier text's, or none has come yet. */
  pending?: boolean;
  failed?: boolean;
}

export interface ComboboxProps {
  id: string;
  name: string;
  label: string;
  placeholder: string;
  /** The chosen record's value, and its name as shown. */
  defaultValue?: string;
  defaultLabel?: string;
  /** A message key (validation namespace). */
  error?: string;
}

export function Combobox({
  id,
  name,
  label,
  placeholder,
  defaultValue,
  defaultLabel,
  error,
  useMatches,
}: ComboboxProps & { useMatches: (query: string, open: boolean) => Matches }) {
  const t = useTranslations("entry.search");
  const listId = `${id}-list`;
  const [value, setValue] = useState(defaultValue ?? "");
  // The chosen record's name, or after a refusal what was typed.
  const [text, setText] = useState(defaultLabel ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const { answer, pending, failed } = useMatches(query, open);
  const items = open ? (answer?.items ?? []) : [];
  const current = Math.min(active, items.length - 1);
  useEffect(() => {
    if (current >= 0) document.getElementById(`${listId}-${current}`)?.scrollIntoView({ block: "nearest" });
  }, [current, listId]);

  const choose = (c: Choice) => {
    setValue(c.value);
    setText(c.label);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) setOpen(true);
      else if (items.length) setActive((current + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
    } else if (e.key === "Enter" && open && current >= 0) {
      e.preventDefault(); // chooses; the next Enter submits the form
      choose(items[current]!);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const hint = !open
    ? t("hint")
    : failed
      ? t("failed")
      : !answer || pending
        ? t("searching")
        : answer.total === 0
          ? t("none", { query })
          : answer.total > answer.items.length
            ? t("more", { shown: answer.items.length, total: answer.total })
            : t("shown", { total: answer.total });
  return (
    <FieldShell id={id} label={label} error={error} hint={<span aria-live="polite">{hint}</span>}>
      <input type="hidden" name={name} value={value} />
      <div className="relative">
        <input
          id={id}
          name={labelFieldOf(name)}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open && items.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && current >= 0 ? `${listId}-${current}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, true, !!error)}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setValue(""); // typing unchooses: the form is refused with "choose a customer" until a match is chosen
            setActive(0);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => {
            // A name typed in full and matching one record only is taken as chosen.
            const exact = value ? [] : (answer?.items ?? []).filter((c) => nameKey(c.label) === nameKey(text));
            if (exact.length === 1) choose(exact[0]!);
            else setOpen(false);
          }}
          onKeyDown={onKeyDown}
          className={inputClass}
        />
        {/* The list, and under it what the hint says (the list covers the hint on screen). */}
        <div hidden={!open || !answer} className="absolute z-10 mt-1 w-full rounded border border-slate-300 bg-white shadow-lg">
          <ul id={listId} role="listbox" aria-label={label} className="max-h-64 overflow-y-auto">
            {items.map((c, i) => (
              <li
                key={c.value}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === current}
                // Keep the focus in the box: a click chooses without a blur first.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(c)}
                className={`cursor-pointer px-2 py-2 [overflow-wrap:anywhere] ${i === current ? "bg-blue-100 text-blue-950" : "hover:bg-slate-100"}`}
              >
                {c.label}
              </li>
            ))}
          </ul>
          {answer && (answer.total === 0 || answer.total > answer.items.length) && (
            <p aria-hidden className="border-t border-slate-200 bg-slate-50 px-2 py-1 text-xs text-slate-700">
              {hint}
            </p>
          )}
        </div>
      </div>
    </FieldShell>
  );
}

/** A combobox over a list the page already holds (the what-if planner's people and customers). */
export function LocalCombobox({ choices, ...props }: ComboboxProps & { choices: Choice[] }) {
  const keys = useMemo(() => choiceKeys(choices), [choices]);
  const useLocalMatches = (query: string, open: boolean): Matches => ({
    // The list is LocalCombobox's prop (the linter takes it for an outer constant): a new list matches again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    answer: useMemo(() => (open ? matchChoices(choices, keys, query, CHOICES_SHOWN) : undefined), [choices, keys, open, query]),
  });
  return <Combobox {...props} useMatches={useLocalMatches} />;
}
