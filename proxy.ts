import { NextResponse, type NextRequest } from "next/server";

// An early redirect for visitors without a session cookie. Not a security boundary: every page,
// route handler and server action checks the session and role itself (lib/auth/session.ts).
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.has("session") || request.cookies.has("__Host-session");
  if (!hasSession && request.method === "GET" && !request.nextUrl.pathname.startsWith("/sign-in")) {
    return NextResponse.redirect(new URL("/sign-in", request.url));
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/|favicon.ico|sign-in).*)"],
};
