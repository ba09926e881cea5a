/** The client's address as the server saw it (first X-Forwarded-For hop, which Next sets from the socket). */
export function clientAddress(h: Headers): string {
  const fwd = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (fwd || h.get("x-real-ip") || "unknown").slice(0, 64);
}
