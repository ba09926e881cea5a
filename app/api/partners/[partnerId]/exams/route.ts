import { NextResponse } from "next/server";
import { requirePartnerAccess } from "@/lib/server/auth/session";
import { getPartner } from "@/db/partners";
import { examCatalogue } from "@/lib/competency";

/** The exam catalogue of the partner's rule set, for the exam picker. */
export async function GET(_req: Request, { params }: { params: Promise<{ partnerId: string }> }) {
  const id = Number((await params).partnerId);
  await requirePartnerAccess(id);
  const partner = getPartner(id);
  if (!partner) return NextResponse.json({ error: "not found" }, { status: 404 });
  const exams = examCatalogue(partner.ruleSet).map((e) => ({ code: e.code, title: e.title, group: e.group, acceptedUntil: e.acceptedUntil }));
  return NextResponse.json({ ruleSet: partner.ruleSet, exams }, { headers: { "Cache-Control": "private, max-age=300" } });
}
