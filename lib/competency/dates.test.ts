import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { addDays, addMonths, addYears, daysBetween, fromDayNumber, isValidDate, leavesWindowOn, toDayNumber, ttmWindow } from "./dates";

const dateArb = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("isValidDate", () => {
  it.each(["2017-06-30", "2020-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])("accepts %s", (s) => {
    expect(isValidDate(s)).toBe(true);
  });
  it.each([
    "2019-02-29",
    "1900-02-29",
    "2017-13-01",
    "2017-00-10",
    "2017-04-31",
    "2017-06-00",
    "2017-6-30",
    "17-06-30",
    "2017-06-30T00:00:00Z",
    " 2017-06-30",
    "2017/06/30",
    "",
    "0000-01-01",
  ])("rejects %s", (s) => {
    expect(isValidDate(s)).toBe(false);
  });
  it("rejects non-strings", () => {
    expect(isValidDate(20170630)).toBe(false);
    expect(isValidDate(null)).toBe(false);
    expect(isValidDate(undefined)).toBe(false);
  });
});

describe("day arithmetic", () => {
  it("adds days across month, year and leap boundaries", () => {
    expect(addDays("2017-06-30", 1)).toBe("2017-07-01");
    expect(addDays("2016-12-31", 1)).toBe("2017-01-01");
    expect(addDays("2020-02-28", 1)).toBe("2020-02-29");
    expect(addDays("2019-02-28", 1)).toBe("2019-03-01");
    expect(addDays("2020-03-01", -1)).toBe("2020-02-29");
    expect(addDays("2017-06-30", 365)).toBe("2018-06-30");
    expect(addDays("1970-01-01", 0)).toBe("1970-01-01");
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("2000-03-01")).toBe(11017);
  });
  it("throws on invalid dates and fractional days", () => {
    expect(() => addDays("2019-02-29", 1)).toThrow(RangeError);
    expect(() => addDays("2019-02-28", 1.5)).toThrow(RangeError);
  });
  it("agrees with the JavaScript UTC calendar (property)", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        const expected = new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(d, n)).toBe(expected);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
        expect(fromDayNumber(toDayNumber(d))).toBe(d);
      }),
    );
  });
  it("addYears clamps Feb 29 to Feb 28", () => {
    expect(addYears("2020-02-29", -1)).toBe("2019-02-28");
    expect(addYears("2020-02-29", 1)).toBe("2021-02-28");
    expect(addYears("2020-02-29", 4)).toBe("2024-02-29");
    expect(addYears("2017-06-30", -1)).toBe("2016-06-30");
  });
  it("addMonths clamps to the month's end", () => {
    expect(addMonths("2017-01-31", 1)).toBe("2017-02-28");
    expect(addMonths("2017-12-15", 1)).toBe("2018-01-15");
    expect(addMonths("2017-01-15", -1)).toBe("2016-12-15");
    expect(addMonths("2016-07-01", 12)).toBe("2017-07-01");
  });
});

describe("ttmWindow", () => {
  it.each([
    ["2017-06-30", "2016-07-01"],
    ["2020-02-29", "2019-03-01"],
    ["2021-02-28", "2020-02-29"],
    ["2021-03-01", "2020-03-02"],
    ["2017-01-01", "2016-01-02"],
    ["2016-12-31", "2016-01-01"],
    ["2020-03-01", "2019-03-02"],
  ])("as of %s starts on %s", (asOf, from) => {
    expect(ttmWindow(asOf)).toEqual({ from, to: asOf });
  });
  it("rejects an invalid as-of date", () => {
    expect(() => ttmWindow("2017-02-29")).toThrow(RangeError);
  });
  it("spans 365 or 366 days (property)", () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const w = ttmWindow(d);
        const len = daysBetween(w.from, w.to) + 1;
        expect([365, 366]).toContain(len);
      }),
    );
  });
});

describe("leavesWindowOn", () => {
  it("is the same calendar date one year later", () => {
    expect(leavesWindowOn("2016-07-01")).toBe("2017-07-01");
    expect(leavesWindowOn("2019-03-01")).toBe("2020-03-01");
  });
  it("is Mar 1 for a Feb 29 line", () => {
    expect(leavesWindowOn("2020-02-29")).toBe("2021-03-01");
  });
  it("is the first date whose window no longer contains the line (property)", () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const out = leavesWindowOn(d);
        expect(ttmWindow(out).from > d).toBe(true);
        expect(ttmWindow(addDays(out, -1)).from <= d).toBe(true);
      }),
    );
  });
});
