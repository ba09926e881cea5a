// Exact sums of integer cents. Per-line amounts are safe integers (|x| ≤ 2^53 − 1); their sums may not be.
// A CentsSum keeps a plain number while every partial sum stays safe (then number arithmetic is exact)
// and moves into a bigint carry only when a partial sum would leave the safe range, so the common case
// costs one comparison per addition and the rare one stays exact.

const MAX = Number.MAX_SAFE_INTEGER;

export class CentsSum {
  /** Safe-integer part. */
  n = 0;
  /** Carry beyond the safe range (0n in the common case). */
  big = 0n;

  /** Adds a safe integer. */
  add(x: number): void {
    const s = this.n + x;
    if (s <= MAX && s >= -MAX) this.n = s;
    else {
      // both operands are safe integers, so this is exact
      this.big += BigInt(this.n) + BigInt(x);
      this.n = 0;
    }
  }

  /** The exact value. */
  value(): bigint {
    return this.big + BigInt(this.n);
  }

  /** The value as a number: exact when safe, else the nearest double (|x| ≥ 2^53, not a safe integer). */
  toNumber(): number {
    return this.big === 0n ? this.n : Number(this.big + BigInt(this.n));
  }

  /** The exact value as a decimal string ("-123", "18014398509481984"). */
  toDecimal(): string {
    return this.big === 0n ? String(this.n) : (this.big + BigInt(this.n)).toString();
  }

  /** Whether the value is at least `threshold` (a safe integer), compared exactly. */
  atLeast(threshold: number): boolean {
    return this.big === 0n ? this.n >= threshold : this.big + BigInt(this.n) >= BigInt(threshold);
  }

  /** max(0, threshold − value) as a number: exact when safe, else the nearest double. */
  shortfall(threshold: number): number {
    if (this.big === 0n) return Math.max(0, threshold - this.n); // both safe: |difference| < 2^54, exact when safe
    const d = BigInt(threshold) - (this.big + BigInt(this.n));
    return d > 0n ? Number(d) : 0;
  }
}
