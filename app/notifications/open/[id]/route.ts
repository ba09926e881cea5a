import { NextResponse } from "next/server";
import { requireUser } from "@/lib/server/auth/session";
import { markNotificationRead } from "@/db/notifications";

/** Opens one of the user's own notifications: marks it read and goes where to act (an app path). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = Number((await params).id);
  const link = Number.isSafeInteger(id) && id > 0 ? markNotificationRead(user.id, id) : null;
  const target = link && link.startsWith("/") && !link.startsWith("//") ? link : "/notifications";
  return NextResponse.redirect(new URL(target, request.url), 303);
}
