"use client";
// A large partner's customer or person field: a search box (ARIA combobox) whose matches come from the
// server (lib/choices.ts) through TanStack Query, instead of a select of thousands of options. The form
// posts the chosen id under the field's name and the shown name under labelFieldOf(name).
import { QueryClient, QueryClientProvider, keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type KeyboardEvent } from "react";
import { choicesUrl, labelFieldOf, type Choice, type ChoicesAnswer } from "@/lib/choices";
import type { ChoiceList } from "@/lib/vocabulary";
import { FieldShell, describedBy, inputClass } from "@/components/form/kit";

/** Wait after the last keystroke before asking the server. */
const TYPING_PAUSE_MS = 150;

export interface SearchSelectProps {
  id: string;
  name: string;
  label: string;
  partnerId: number;
  list: ChoiceList;
  /** The chosen record's id, and its name as shown. */
  defaultValue?: string;
  defaultLabel?: string;
  /** A message key (validation namespace). */
  error?: string;
}

export function SearchSelect(props: SearchSelectProps) {
  // One cache per field: matches stay for the page's life (a write re-renders the page, and its form, anew).
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={client}>
      <Combobox {...props} />
    </QueryClientProvider>
  );
}

async function fetchChoices(url: string, signal: AbortSignal): Promise<ChoicesAnswer> {
  const res = await fetch(url, { signal, headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`choices: ${res.status}`);
  return (await res.json()) as ChoicesAnswer;
}

function Combobox({ id, name, label, partnerId, list, defaultValue, defaultLabel, error }: SearchSelectProps) {
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
  const search = useQuery({
    queryKey: ["choices", partnerId, list, query],
    queryFn: ({ signal }) => fetchChoices(choicesUrl(partnerId, list, query), signal),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const items = open ? (search.data?.items ?? []) : [];
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

  const answer = search.data;
  const hint = !open
    ? t("hint")
    : search.isError
      ? t("failed")
      : !answer || (search.isPlaceholderData && search.isFetching)
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
          placeholder={t(`placeholder.${list}`)}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setValue(""); // typing unchooses: the form is refused with "choose a customer" until a match is chosen
            setActive(0);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
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
