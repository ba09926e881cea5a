import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isTimeZone, todayIn } from "./format";

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
