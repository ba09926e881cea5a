// Pure YYYY-MM-DD helpers. Integer day arithmetic on the proleptic Gregorian calendar;
// no Date objects, no time zones.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Strict "YYYY-MM-DD" that names a real calendar date (years 0001–9999). */
export function isValidDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function assertDate(s: unknown, what = "date"): string {
  if (!isValidDate(s)) throw new RangeError(`${what} must be a real date as YYYY-MM-DD, got ${JSON.stringify(s)}`);
  return s;
}

function parts(s: string): [number, number, number] {
  assertDate(s);
  return [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

export function formatDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(s: string): number {
  const [year, m, d] = parts(s);
  const y = year - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const out = formatDate(y, m, d);
  assertDate(out, "computed date");
  return out;
}

export function addDays(s: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(s) + n);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Same calendar date n years later/earlier; Feb 29 in a non-leap target year becomes Feb 28. */
export function addYears(s: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addYears: n must be an integer, got ${n}`);
  const [y, m, d] = parts(s);
  const ty = y + n;
  const out = formatDate(ty, m, Math.min(d, daysInMonth(ty, m)));
  return assertDate(out, "computed date");
}

/** Same day-of-month n months later/earlier, clamped to the month's last day. */
export function addMonths(s: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  const [y, m, d] = parts(s);
  const idx = y * 12 + (m - 1) + n;
  const ty = Math.floor(idx / 12);
  const tm = idx - ty * 12 + 1;
  return assertDate(formatDate(ty, tm, Math.min(d, daysInMonth(ty, tm))), "computed date");
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * The trailing-twelve-months window for as-of date D, inclusive on both ends:
 * from = the day after (D minus one calendar year), to = D.
 * As of 2017-06-30: 2016-07-01 … 2017-06-30. As of 2020-02-29: 2019-03-01 … 2020-02-29.
 */
export function ttmWindow(asOf: string): { from: string; to: string } {
  assertDate(asOf, "asOf");
  return { from: addDays(addYears(asOf, -1), 1), to: asOf };
}

export function inWindow(date: string, w: { from: string; to: string }): boolean {
  return w.from <= date && date <= w.to;
}

/**
 * The first as-of date D on which a line dated `date` is before the TTM window (date < window(D).from).
 * Usually the same calendar date one year later; for Feb 29 it is Mar 1 of the next year.
 */
export function leavesWindowOn(date: string): string {
  let d = addYears(date, 1);
  while (ttmWindow(d).from <= date) d = addDays(d, 1);
  return d;
}

/** "YYYY-MM" of a date. */
export function monthOf(date: string): string {
  return assertDate(date).slice(0, 7);
}
