// CSS strings built from data (a partner's name in a printed report's footer). The one way to build one:
// every character outside [A-Za-z0-9 ] becomes a hex escape, so nothing in the text can end the string
// (quotes, a backslash, a newline or a form feed), the rule or the <style> element (`<`, `/`, `>`).

/** One code point as a CSS hex escape; the trailing space ends the escape (and is not part of the text). */
function hexEscape(codePoint: number): string {
  // NUL and lone surrogates are not characters CSS can carry: the replacement character stands in.
  const cp = codePoint === 0 || (codePoint >= 0xd800 && codePoint <= 0xdfff) ? 0xfffd : codePoint;
  return `\\${cp.toString(16)} `;
}

/** A double-quoted CSS string whose value is exactly `text`. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    out += /^[A-Za-z0-9 ]$/.test(ch) ? ch : hexEscape(ch.codePointAt(0)!);
  }
  return `${out}"`;
}
