// A form field that chooses one of the partner's customers or people. Up to INLINE_CHOICES_MAX it is a
// select with every option; beyond, a search box that asks the server for matches
// (app/partners/[partnerId]/choices), so a reseller's page does not carry thousands of options. Pure.
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

/** The search's address for a partner's list and what was typed. */
export const choicesUrl = (partnerId: number, list: ChoiceList, query: string) => `/partners/${partnerId}/choices?${new URLSearchParams({ list, q: query })}`;

/**
 * The form value that carries the chosen record's name beside its id (`customerId` → `customerIdLabel`):
 * a search box shows it again after a refusal, when an edit opens, and in a conflict's current values.
 */
export const labelFieldOf = (name: string) => `${name}Label`;
