// Names as people compare them: case, accents and spacing ignored ("  JOSÉ  da Silva" = "jose da silva").
// Pure: used by duplicate checks (db/ and imports) and by labels that tell two people of one name apart.

/** The comparison key of a name: no accents, lower case, single spaces, trimmed. */
export function nameKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLocaleLowerCase("en")
    .replace(/\s+/g, " ")
    .trim();
}

/** An e-mail address as compared: trimmed, lower case. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * A label per person that tells apart people who share a name: their e-mail, else a short suffix
 * (#2, #3… in the order of their ids). People whose name is unique keep it as it is.
 */
export function distinctNames<K>(people: readonly { id: K; name: string; email?: string | null }[]): Map<K, string> {
  const groups = new Map<string, { id: K; name: string; email?: string | null }[]>();
  for (const p of people) {
    const k = nameKey(p.name);
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const out = new Map<K, string>();
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.set(g[0]!.id, g[0]!.name);
      continue;
    }
    const sorted = [...g].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    sorted.forEach((p, i) => out.set(p.id, p.email ? `${p.name} <${p.email}>` : `${p.name} #${i + 1}`));
  }
  return out;
}
