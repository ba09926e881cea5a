import "server-only";

// The client's address for per-address throttling. Next does not show a server action the socket, and
// `next start` fills X-Forwarded-For only when the client did not send one — so on its own that header is
// the client's choice. `npm start` therefore serves through scripts/server.mjs, which replaces the header
// with the one address it trusts (the socket's, or with TRUST_PROXY=n the address n proxies away) and
// marks the process. Without that front (next dev, a bare `next start`) no address is trustworthy and
// every request shares one key, so a forged header can never buy fresh attempts. See
// docs/decisions/0006-client-address-and-front-server.md.

const FRONT_SERVER = Symbol.for("cloud-crm-competency.front-server");

/** True when this process serves through scripts/server.mjs (which sets the address headers itself). */
export function behindFrontServer(): boolean {
  return !!(globalThis as Record<symbol, unknown>)[FRONT_SERVER];
}

export function clientAddress(h: Headers): string {
  if (!behindFrontServer()) return "unverified";
  return (h.get("x-forwarded-for")?.trim() || "unknown").slice(0, 64);
}
