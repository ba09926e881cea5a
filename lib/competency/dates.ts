// Pure YYYY-MM-DD helpers. Integer day arithmetic on the proleptic Gregorian calendar;
// no Date objects, no time zones.

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * y * 10000 + m * 100 + d of a strict "YYYY-MM-DD" naming a real date (years 0001–9999), else -1.
 * The language of /^(\d{4})-(\d{2})-(\d{2})$/ plus the calendar check, without a regex.
 */
export function packedYmd(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  const c0 = s.charCodeAt(0) - 48,
    c1 = s.charCodeAt(1) - 48,
    c2 = s.charCodeAt(2) - 48,
    c3 = s.charCodeAt(3) - 48;
  const c5 = s.charCodeAt(5) - 48,
    c6 = s.charCodeAt(6) - 48,
    c8 = s.charCodeAt(8) - 48,
    c9 = s.charCodeAt(9) - 48;
  if ((c0 | c1 | c2 | c3 | c5 | c6 | c8 | c9) < 0) return -1;
  if (c0 > 9 || c1 > 9 || c2 > 9 || c3 > 9 || c5 > 9 || c6 > 9 || c8 > 9 || c9 > 9) return -1;
  const y = c0 * 1000 + c1 * 100 + c2 * 10 + c3;
  const m = c5 * 10 + c6;
  const d = c8 * 10 + c9;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

/** Strict "YYYY-MM-DD" that names a real calendar date (years 0001–9999). */
export function isValidDate(s: unknown): s is string {
  return typeof s === "string" && packedYmd(s) >= 0;
}

function invalid(s: unknown, what: string): RangeError {
  return new RangeError(`${what} must be a real date as YYYY-MM-DD, got ${JSON.stringify(s)}`);
}

export function assertDate(s: unknown, what = "date"): string {
  if (typeof s !== "string" || packedYmd(s) < 0) throw invalid(s, what);
  return s;
}

/** Packed y*10000+m*100+d of a valid date; throws RangeError otherwise. */
function packed(s: string, what = "date"): number {
  const p = typeof s === "string" ? packedYmd(s) : -1;
  if (p < 0) throw invalid(s, what);
  return p;
}

/** The packed y*10000+m*100+d of a valid date string (throws RangeError with `what` otherwise). */
export function packedOf(s: string, what = "date"): number {
  return packed(s, what);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

export function formatDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** A computed y/m/d as a date string; RangeError when outside years 0001–9999 (as assertDate would say). */
function computedDate(y: number, m: number, d: number): string {
  const out = formatDate(y, m, d);
  if (y < 1 || y > 9999) throw invalid(out, "computed date");
  return out;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
export function civilToDay(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function packedToDay(p: number): number {
  return civilToDay(Math.floor(p / 10000), Math.floor(p / 100) % 100, p % 100);
}

/** Day number of a valid date string (throws RangeError with `what` otherwise). */
export function dayOf(s: string, what = "date"): number {
  return packedToDay(packed(s, what));
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(s: string): number {
  return packedToDay(packed(s));
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
  return computedDate(y, m, d);
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
  const p = packed(s);
  const m = Math.floor(p / 100) % 100;
  const ty = Math.floor(p / 10000) + n;
  return computedDate(ty, m, Math.min(p % 100, daysInMonth(ty, m)));
}

/** Same day-of-month n months later/earlier, clamped to the month's last day. */
export function addMonths(s: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  const p = packed(s);
  const idx = Math.floor(p / 10000) * 12 + ((Math.floor(p / 100) % 100) - 1) + n;
  const ty = Math.floor(idx / 12);
  const tm = idx - ty * 12 + 1;
  return computedDate(ty, tm, Math.min(p % 100, daysInMonth(ty, tm)));
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

/** Day number of leavesWindowOn(date), from a packed valid date (throws as leavesWindowOn does). */
export function leavesWindowDay(p: number): number {
  const y = Math.floor(p / 10000) + 1;
  const m = Math.floor(p / 100) % 100;
  const d = p % 100;
  if (y > 9999) computedDate(y, m, Math.min(d, daysInMonth(y, m)));
  // The same calendar date a year later; Feb 29 leaves on Mar 1 (the window of Feb 28 still starts on it).
  return m === 2 && d === 29 ? civilToDay(y, 3, 1) : civilToDay(y, m, d);
}

export function inWindow(date: string, w: { from: string; to: string }): boolean {
  return w.from <= date && date <= w.to;
}

/**
 * The first as-of date D on which a line dated `date` is before the TTM window (date < window(D).from).
 * Usually the same calendar date one year later; for Feb 29 it is Mar 1 of the next year.
 */
export function leavesWindowOn(date: string): string {
  return fromDayNumber(leavesWindowDay(packed(date)));
}

/** "YYYY-MM" of a date. */
export function monthOf(date: string): string {
  return assertDate(date).slice(0, 7);
}
