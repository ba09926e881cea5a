// A form field that chooses one of the partner's customers or people. Up to INLINE_CHOICES_MAX it is a
// select with every option; beyond, a search box that asks the server for matches
// (app/partners/[partnerId]/choices), so a reseller's page does not carry thousands of options. Pure.
import { distinctNames, nameKey } from "@/lib/names";
import type { ChoiceList } from "@/lib/vocabulary";

export interface Choice {
  value: string;
  label: string;
}

/** One search's answer: the first matches, and how many there are in all. */
export interface ChoicesAnswer {
  items: Choice[];
  total: number;
}

/** A partner's customers and people as choices, in the lists' order (by name); two people of one name are told apart. */
export function choicesOf(data: {
  customers: readonly { id: number; name: string }[];
  individuals: readonly { id: number; name: string; email?: string | null }[];
}): Record<ChoiceList, Choice[]> {
  const person = distinctNames(data.individuals);
  return {
    customers: data.customers.map((c) => ({ value: String(c.id), label: c.name })),
    people: data.individuals.map((p) => ({ value: String(p.id), label: person.get(p.id) ?? p.name })),
  };
}

/** The search's address for a partner's list and what was typed. */
export const choicesUrl = (partnerId: number, list: ChoiceList, query: string) => `/partners/${partnerId}/choices?${new URLSearchParams({ list, q: query })}`;

/**
 * The form value that carries the chosen record's name beside its id (`customerId` → `customerIdLabel`):
 * a search box shows it again after a refusal, when an edit opens, and in a conflict's current values.
 */
export const labelFieldOf = (name: string) => `${name}Label`;

/** The comparison keys of choices' names, for matchChoices (computed once per list). */
export const choiceKeys = (choices: readonly Choice[]) => choices.map((c) => nameKey(c.label));

/**
 * The choices whose name holds what was typed, compared as people compare names (lib/names.ts: no case,
 * accents or extra spaces): names that start with it first, then the rest, each in the list's order; at
 * most `limit`, with the number of all matches. `keys` are choiceKeys(choices).
 */
export function matchChoices(choices: readonly Choice[], keys: readonly string[], query: string, limit: number): ChoicesAnswer {
  const q = nameKey(query);
  const first: Choice[] = [];
  const then: Choice[] = [];
  let total = 0;
  for (let i = 0; i < keys.length; i++) {
    const at = q === "" ? 0 : keys[i]!.indexOf(q);
    if (at < 0) continue;
    total++;
    if (at === 0 && first.length < limit) first.push(choices[i]!);
    else if (at > 0 && then.length < limit) then.push(choices[i]!);
  }
  return { items: [...first, ...then].slice(0, limit), total };
}
