// The origin a write must come from (issue 10, finding 5): compared as scheme + host + port.

/** An origin ("scheme://host[:port]", default ports left out) from a URL-ish string; null when unreadable. */
export function originOf(value: string | null | undefined): string | null {
  if (!value || value === "null") return null;
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The origin a write must come from: APP_ORIGIN when configured (the app's public address; this also
 * defeats DNS rebinding, where Host and Origin are both the attacker's name), else the request's own —
 * its scheme, and its Host (X-Forwarded-Host only from a trusted proxy).
 */
export function expectedOrigin(h: Headers, fallbackProtocol: string, env: Record<string, string | undefined> = process.env): string | null {
  if (env.APP_ORIGIN) return originOf(env.APP_ORIGIN);
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || fallbackProtocol.replace(/:$/, "");
  const trusted = Number(env.TRUST_PROXY ?? "0") > 0;
  const host = (trusted ? h.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined) || h.get("host");
  return host ? originOf(`${proto}://${host}`) : null;
}
