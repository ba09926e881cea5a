import "server-only";
// The partner's customers and people as a form's choices, and the search over them that large partners'
// forms use (lib/choices.ts). Names match as people compare them (lib/names.ts: no case, accents or extra
// spaces); the names of a few recently searched partners are kept, each while its data stamp holds.
import { getPartnerData, partnerDataStamp } from "@/db/partners";
import { choiceKeys, choicesOf, matchChoices, type Choice, type ChoicesAnswer } from "@/lib/choices";
import type { ChoiceList } from "@/lib/vocabulary";

interface SearchList {
  choices: Choice[];
  /** nameKey of each choice's label. */
  keys: string[];
  label: Map<string, string>;
}
interface Indexed {
  stamp: string;
  lists: Record<ChoiceList, SearchList>;
}

/** Partners whose names are kept: only large partners' forms search, and a reseller's 50,000 names take a few MB. */
const KEPT_PARTNERS = 4;
const indexed = new Map<number, Indexed>();

function indexOf(partnerId: number): Indexed | null {
  const stamp = partnerDataStamp(partnerId);
  if (stamp === null) return null;
  const hit = indexed.get(partnerId);
  indexed.delete(partnerId);
  if (hit?.stamp === stamp) {
    indexed.set(partnerId, hit); // the most recently used last
    return hit;
  }
  const data = getPartnerData(partnerId, { revenue: false });
  if (!data) return null;
  const all = choicesOf(data);
  const list = (choices: Choice[]): SearchList => ({
    choices,
    keys: choiceKeys(choices),
    label: new Map(choices.map((c) => [c.value, c.label])),
  });
  const fresh = { stamp, lists: { customers: list(all.customers), people: list(all.people) } };
  indexed.set(partnerId, fresh);
  while (indexed.size > KEPT_PARTNERS) indexed.delete(indexed.keys().next().value!);
  return fresh;
}

/** The partner's choices whose name holds what was typed (lib/choices.ts matchChoices). Null for no such partner. */
export function searchChoices(partnerId: number, list: ChoiceList, query: string, limit: number): ChoicesAnswer | null {
  const idx = indexOf(partnerId);
  if (!idx) return null;
  const { choices, keys } = idx.lists[list];
  return matchChoices(choices, keys, query, limit);
}

/** The name a form shows for a chosen customer or person (its id as a string); undefined when it is not the partner's. */
export function choiceLabel(partnerId: number, list: ChoiceList, value: string): string | undefined {
  return indexOf(partnerId)?.lists[list].label.get(value);
}
