import { NextResponse, type NextRequest } from "next/server";
import { expectedOrigin, originOf } from "@/lib/origin";
import { IMPORT_MAX_BYTES } from "@/lib/vocabulary";

// Runs before every page, route handler and server action. It adds the per-request CSP nonce, refuses
// cross-origin or oversized server-action posts, and redirects visitors without a session cookie early.
// It is NOT the security boundary: every page, route handler and server action checks the session and
// role itself (lib/server/auth/session.ts).
//
// Proxy headers: `npm start` serves through scripts/server.mjs, which drops X-Forwarded-Proto/-Host
// unless a trusted proxy (TRUST_PROXY) set them; Next then fills them from the socket and the Host header.

export const MAX_BODY_BYTES = 1024 * 1024;
/** The import route takes a whole file as its body (its own limit; the route checks it again). */
const IMPORT_PATH = /^\/partners\/\d+\/import$/;

function isHttps(request: NextRequest): boolean {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto ? proto === "https" : request.nextUrl.protocol === "https:";
}

export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Inline style attributes (progress bars) need this; scripts never get 'unsafe-inline'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function refuse(status: number, message: string): NextResponse {
  return new NextResponse(message, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
  });
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;

  if (request.method !== "GET" && request.method !== "HEAD") {
    const length = Number(request.headers.get("content-length") ?? "0");
    const isImport = IMPORT_PATH.test(pathname) && !request.headers.has("next-action");
    if (length > (isImport ? IMPORT_MAX_BYTES : MAX_BODY_BYTES)) return refuse(413, "Request body too large.");
    // Server actions (and every other write) must come from our own origin: scheme, host and port.
    const origin = originOf(request.headers.get("origin"));
    const expected = expectedOrigin(request.headers, request.nextUrl.protocol);
    if (!origin || !expected || origin !== expected) return refuse(403, "Cross-origin request refused.");
  }

  const hasSession = request.cookies.has("session") || request.cookies.has("__Host-session");
  const isIcon = pathname === "/favicon.ico" || pathname === "/robots.txt";
  if (!hasSession && request.method === "GET" && !isIcon && !pathname.startsWith("/sign-in") && !pathname.startsWith("/api/")) {
    return NextResponse.redirect(new URL("/sign-in", request.url));
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, isHttps(request));
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Everything but built assets, so that every page, handler, icon and 404 gets the CSP.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
