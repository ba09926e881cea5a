"use server";
// The partner admin's side of a review: a reply to one of the partner's review notes. One wrapper call:
// that partner's own admin checked on the server → validate → one db/ write with its audit row (and the
// note author's notification) → revalidate.
import { partnerAction, savedOr } from "@/lib/server/action";
import { LOOP_KEYS, replySchema } from "@/lib/validation/review";
import { addReviewReply } from "@/db/review";

export const replyToNoteAction = partnerAction({
  access: "partner-admin",
  refreshesEvaluation: false,
  schema: replySchema,
  keys: LOOP_KEYS,
  run: (d, ctx) => {
    const r = addReviewReply(ctx.user.id, ctx.partnerId, d.noteId, d.body);
    return savedOr(r);
  },
  revalidate: (ctx) => [`/partners/${ctx.partnerId}`, "/review-queue"],
});
