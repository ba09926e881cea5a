import { beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// The data page reads revenue lines a page at a time, and one line for its edit form, always within the partner.
const db0 = databaseTemplate("partners-pages", () => {
  ids = insertSyntheticPartners(getDb(), { partners: 4, today: TODAY, seed: 11 });
});

// db/ modules are imported after DATABASE_PATH is set.
const { getDb } = await import("./client");
const { insertSyntheticPartners } = await import("./synthetic");
const { getPartnerData, getRevenueLine, getRevenuePage } = await import("./partners");

const TODAY = "2026-11-25";
let ids: number[] = [];

beforeEach(async () => {
  await db0.fresh();
});

describe("revenue lines a page at a time", () => {
  it("pages every line once, newest first, with the partner's total", () => {
    const id = ids.find((p) => getPartnerData(p)!.revenue.length > 30)!;
    const all = getPartnerData(id)!.revenue;
    const newestFirst = [...all].sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1));
    const seen = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      const page = getRevenuePage(id, offset, 7);
      expect(page.total).toBe(all.length);
      expect(page.lines.length).toBe(Math.min(7, all.length - offset));
      seen.push(...page.lines);
    }
    expect(seen).toEqual(newestFirst);
    expect(getRevenuePage(id, all.length, 7).lines).toEqual([]);
    expect(getPartnerData(id, { revenue: false })!.revenue).toEqual([]);
  });

  it("finds one line only within its own partner", () => {
    const [a, b] = ids.filter((p) => getPartnerData(p)!.revenue.length > 0);
    const line = getPartnerData(a!)!.revenue[0]!;
    expect(getRevenueLine(a!, line.id)).toEqual(line);
    expect(getRevenueLine(b!, line.id)).toBeNull();
    expect(getRevenueLine(a!, 999_999_999)).toBeNull();
  });
});
