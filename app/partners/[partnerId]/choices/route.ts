import { requirePartnerAdmin } from "@/lib/server/auth/session";
import { searchChoices } from "@/lib/server/choices";
import { choiceQuerySchema } from "@/lib/validation/choices";
import { CHOICES_SHOWN } from "@/lib/vocabulary";

/**
 * The partner's customers or people whose name holds what was typed (`?list=customers&q=ban`), for the
 * search boxes of its admin's forms (lib/choices.ts). Only the partner's own admin enters its facts.
 */
export async function GET(request: Request, { params }: { params: Promise<{ partnerId: string }> }) {
  const id = Number((await params).partnerId);
  await requirePartnerAdmin(id);
  const parsed = choiceQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "invalid query" }, { status: 400 });
  const answer = searchChoices(id, parsed.data.list, parsed.data.q, CHOICES_SHOWN);
  if (!answer) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json(answer, { headers: { "Cache-Control": "private, no-store" } });
}
