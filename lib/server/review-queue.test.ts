import { beforeEach, describe, expect, it } from "vitest";
import { databaseTemplate } from "@/lib/testing/temp-db";

// The review queue reads stored rows (never evaluating), pages, and is kept once per generation of the
// data: every write that changes it (a note, a reply, a stored evaluation) must be seen at once.
const db0 = databaseTemplate("review-queue", async () => {
  const db = getDb();
  ids = insertSyntheticPartners(db, { partners: 60, today: TODAY, seed: 11 });
  manager = db.insert(schema.users).values({ email: "cm@example.com", name: "CM", passwordHash: "x", role: "channel_manager" }).returning().get().id;
  admin = db
    .insert(schema.users)
    .values({ email: "pa@example.com", name: "PA", passwordHash: "x", role: "partner_admin", partnerId: ids[0]! })
    .returning()
    .get().id;
  refreshStaleEvaluations(TODAY);
});

const { getDb } = await import("@/db/client");
const schema = await import("@/db/schema");
const { insertSyntheticPartners } = await import("@/db/synthetic");
const { addReviewNote } = await import("@/db/manage");
const { addReviewReply, reviewQueue } = await import("@/db/review");
const { partnersWithStaleEvaluation } = await import("@/db/portfolio");
const { refreshStaleEvaluations } = await import("./stored-evaluations");
const { loadReviewQueue, reviewQueueCount } = await import("./review-queue");
const { addDays } = await import("@/lib/competency");
const { QUEUE_PAGE_SIZE, QUEUE_RISK_DAYS } = await import("@/lib/vocabulary");

const TODAY = "2026-11-25";
let ids: number[] = [];
let manager = 0;
let admin = 0;

beforeEach(async () => {
  await db0.fresh();
});

const asking = (id: number) => addReviewNote(manager, id, { decision: "needs-information", body: "Which customers are DPOR?" })!;

describe("review queue", async () => {
  it("counts what the query finds, and a note or a reply shows at once (no stale answer from the cache)", async () => {
    const before = await reviewQueueCount(TODAY);
    expect(before).toBe(reviewQueue(addDays(TODAY, QUEUE_RISK_DAYS)).length);
    const outside = ids.find((id) => !reviewQueue(addDays(TODAY, QUEUE_RISK_DAYS), id).length)!;
    const note = asking(outside);
    expect(before).not.toBeNull();
    expect(await reviewQueueCount(TODAY)).toBe(before! + 1);
    const item = async () => (await loadReviewQueue(1, TODAY)).items.find((i) => i.partnerId === outside);
    expect((await item())?.reasons).toEqual(["awaiting-answer"]);
    expect(addReviewReply(admin, outside, note.id, "A and B").ok).toBe(true);
    expect((await item())?.reasons).toEqual(["answered"]); // migration 0008: a reply moves the generation
  });

  it("pages: every partner once across the pages, a page past the end shows the last", async () => {
    for (const id of ids) asking(id);
    const first = await loadReviewQueue(1, TODAY);
    expect(first.total).toBe(60);
    expect(first.items).toHaveLength(QUEUE_PAGE_SIZE);
    expect(first.pages).toBe(Math.ceil(60 / QUEUE_PAGE_SIZE));
    const seen = [];
    for (let p = 1; p <= first.pages; p++) seen.push(...(await loadReviewQueue(p, TODAY)).items.map((i) => i.partnerId));
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(60);
    const past = await loadReviewQueue(99, TODAY);
    expect(past.page).toBe(first.pages);
    expect((await loadReviewQueue(Number.NaN, TODAY)).page).toBe(1);
  });

  it("reads the stored rows as they are: a day's stale rows stay stale (the refresher, not the page, brings them up to date)", async () => {
    const tomorrow = addDays(TODAY, 400); // every stored row has expired by then
    const stale = partnersWithStaleEvaluation(tomorrow).length;
    expect(stale).toBeGreaterThan(0);
    await loadReviewQueue(1, tomorrow);
    await reviewQueueCount(tomorrow);
    expect(partnersWithStaleEvaluation(tomorrow)).toHaveLength(stale);
  });
});
