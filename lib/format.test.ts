import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMonth, formatNumber, formatPercent, isTimeZone, todayIn } from "./format";

describe("dates and times people read", () => {
  it("English dates are day-first with the month as a word, never M/D/YY", () => {
    expect(formatDate("2026-08-01", "en", "short")).toBe("1 Aug 2026");
    expect(formatDate("2026-08-01", "en")).toBe("1 Aug 2026");
  });
  it("pt-BR: numeric in tables, written in sentences (and 'long' reads as the sentence style)", () => {
    expect(formatDate("2026-08-01", "pt-BR", "short")).toBe("01/08/2026");
    expect(formatDate("2026-08-01", "pt-BR")).toBe("1 de ago. de 2026");
    expect(formatDate("2026-08-01", "pt-BR", "long")).toBe(formatDate("2026-08-01", "pt-BR"));
  });
  it("times in a time zone, with the zone's name", () => {
    const t = "2026-08-01T21:33:00Z";
    expect(formatDateTime(t, "pt-BR", "America/Sao_Paulo")).toBe("1 de ago. de 2026, 18:33 BRT");
    expect(formatDateTime(t, "en", "UTC")).toBe("1 Aug 2026, 21:33 UTC");
    expect(formatDateTime(t, "en", "Not/AZone")).toBe("1 Aug 2026, 21:33 UTC");
  });
  it("knows time zones, and today's date in one", () => {
    expect(isTimeZone("Asia/Tokyo")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(todayIn("Asia/Tokyo", new Date("2026-08-01T20:00:00Z"))).toBe("2026-08-02");
    expect(todayIn("America/Sao_Paulo", new Date("2026-08-02T01:00:00Z"))).toBe("2026-08-01");
  });
});

describe("months, shares and numbers (formatters kept between calls)", () => {
  it("writes a month with or without its year, in both languages, the same on every call", () => {
    for (let i = 0; i < 2; i++) {
      expect(formatMonth("2026-11", "pt-BR")).toBe("nov. de 2026");
      expect(formatMonth("2026-11", "pt-BR", false)).toBe("nov");
      expect(formatMonth("2026-02", "en")).toBe("Feb 2026");
      expect(formatMonth("2026-02", "en", false)).toBe("Feb");
    }
  });
  it("writes shares as whole percentages and numbers with the locale's separators", () => {
    expect(formatPercent(0.426, "pt-BR")).toBe("43%");
    expect(formatPercent(1, "en")).toBe("100%");
    expect(formatNumber(12345, "pt-BR")).toBe("12.345");
    expect(formatNumber(12345, "en")).toBe("12,345");
  });
  it("keeps what it learnt about a time zone, unknown names included", () => {
    expect(isTimeZone("America/Sao_Paulo")).toBe(true);
    expect(isTimeZone("America/Sao_Paulo")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
