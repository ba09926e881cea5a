// The guards of the front server (scripts/server.mjs), as plain functions without I/O so that unit tests
// (scripts/front.test.ts) can call them. Plain JavaScript: `npm start` runs it with Node directly.

export const MAX_BODY_BYTES = 1024 * 1024;
/** An import upload (POST /partners/ID/import, not a server action) may be larger: lib/vocabulary.ts IMPORT_MAX_BYTES (a test checks they agree). */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
const IMPORT_PATH = /^\/partners\/\d+\/import(\?|$)/;
/** The body limit of a POST: an import upload's, or everything else's. */
export function bodyLimit(url, isAction) {
  return !isAction && IMPORT_PATH.test(url ?? "") ? IMPORT_MAX_BYTES : MAX_BODY_BYTES;
}
/** Methods the app answers; any other gets 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"];
/** How deep a server action's argument list may nest (the app's own forms need 3). */
export const MAX_ARGUMENT_DEPTH = 32;

/** TRUST_PROXY: how many reverse proxies stand in front of the app (0 when unset or not a whole number). */
export function trustedProxyCount(value) {
  if (value === undefined || value === null || String(value).trim() === "") return 0;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 16 ? n : 0;
}

const splitList = (value) =>
  value
    ? String(value)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** An address as written in a header or by the socket: IPv4-mapped IPv6 unwrapped; anything unexpected becomes "invalid". */
export function normaliseAddress(address) {
  let a = String(address ?? "").trim();
  if (a.startsWith("::ffff:") && /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(a)) a = a.slice(7);
  if (a === "") return "unknown";
  return /^[0-9A-Za-z.:%_-]{1,64}$/.test(a) ? a.toLowerCase() : "invalid";
}

/**
 * The client's address: the socket's when no proxy is trusted; with `trustProxy` = n, the address the
 * n-th proxy (counted from us) saw — the entry n places from the right of X-Forwarded-For followed by the
 * socket. Entries further left were written by whoever talked to the outermost trusted proxy, so they are
 * never used.
 */
export function clientAddressOf(socketAddress, forwardedFor, trustProxy) {
  const chain = [...(trustProxy > 0 ? splitList(forwardedFor) : []), socketAddress ?? ""];
  return normaliseAddress(chain[Math.max(0, chain.length - 1 - trustProxy)]);
}

/** The value of X-Forwarded-Proto / -Host / -Port that the outermost trusted proxy set, or undefined when none is trusted. */
export function trustedForwardedValue(value, trustProxy) {
  if (trustProxy <= 0) return undefined;
  const parts = splitList(value);
  return parts.length ? parts[Math.max(0, parts.length - trustProxy)] : undefined;
}

/**
 * Replaces the request's proxy headers by what we trust: X-Forwarded-For becomes the one client address;
 * X-Forwarded-Proto/Host/Port stay only when set by a trusted proxy (else Next fills them from the socket
 * and the Host header); X-Real-IP and Forwarded are dropped. Mutates and returns `headers`.
 */
export function sanitiseProxyHeaders(headers, socketAddress, trustProxy) {
  headers["x-forwarded-for"] = clientAddressOf(socketAddress, headers["x-forwarded-for"], trustProxy);
  for (const name of ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"]) {
    const v = trustedForwardedValue(headers[name], trustProxy);
    if (v === undefined) delete headers[name];
    else headers[name] = v;
  }
  delete headers["x-real-ip"];
  delete headers["forwarded"];
  return headers;
}

/** How deep a JSON value nests (a scalar is 0), stopping early once past `limit`. Iterative: no stack to overflow. */
export function jsonDepth(text, limit = Infinity) {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

/**
 * Which arguments a server action uses, from its id (Next's first id byte: bit 7 the kind, bits 6–1 the
 * first six parameters, bit 0 "more"); the browser leaves the unused ones out.
 */
export function usesArguments(actionId) {
  const info = parseInt(String(actionId).slice(0, 2), 16);
  return Number.isNaN(info) ? true : (info & 0x7f) !== 0;
}

/**
 * Checks a server action's argument list (the "0" field of the multipart body, or the whole text body) as
 * this app's forms send it: a JSON array, at most MAX_ARGUMENT_DEPTH deep, whose last element is the
 * form's data (a "$K…" reference) — every action of the app is a form action whose last parameter is the
 * form's data; one that uses no parameter (sign-out) gets an empty list. Returns null when fine, else the
 * reason (for the log; the client gets a plain 400).
 */
export function argumentListProblem(text, actionId = "ff") {
  if (typeof text !== "string" || text.length === 0) return "no argument list";
  if (jsonDepth(text, MAX_ARGUMENT_DEPTH) > MAX_ARGUMENT_DEPTH) return "argument list nested too deep";
  let args;
  try {
    args = JSON.parse(text);
  } catch {
    return "argument list is not JSON";
  }
  if (!Array.isArray(args)) return "argument list is not an array";
  if (!usesArguments(actionId)) return null;
  const last = args[args.length - 1];
  if (typeof last !== "string" || !/^\$K[0-9a-f]+$/.test(last)) return "no form data";
  return null;
}

/** A request body's declared length: a number, null when absent, NaN when malformed. */
export function declaredLength(headers) {
  const v = headers["content-length"];
  if (v === undefined) return null;
  return /^\d{1,15}$/.test(String(v).trim()) ? Number(v) : NaN;
}

/** The locale of a request for the front server's own short answers: the app's cookie, else Accept-Language, else pt-BR. */
export function requestLocale(headers) {
  const cookie = /(?:^|;\s*)locale=(pt-BR|en)(?:;|$)/.exec(String(headers.cookie ?? ""))?.[1];
  if (cookie) return cookie;
  for (const part of String(headers["accept-language"] ?? "").split(",")) {
    const tag = part.trim().split(";")[0]?.toLowerCase() ?? "";
    if (tag.startsWith("pt")) return "pt-BR";
    if (tag.startsWith("en")) return "en";
  }
  return "pt-BR";
}

/**
 * The bounds on password hashing, from the environment, with the defaults db/users.ts uses for its pool:
 * PASSWORD_HASH_CONCURRENCY (half the cores, at least 1), PASSWORD_HASH_QUEUE (4), and the front's
 * PASSWORD_REQUESTS_IN_FLIGHT (their sum: no more password requests inside the app than its pool takes)
 * and PASSWORD_REQUESTS_PER_SECOND (10: how many it lets in per second, on average, during a flood).
 */
export function hashPoolLimits(env, cores) {
  const int = (v, fallback, min) => {
    const n = Number(v);
    return v !== undefined && String(v).trim() !== "" && Number.isInteger(n) && n >= min ? n : fallback;
  };
  const concurrency = int(env.PASSWORD_HASH_CONCURRENCY, Math.max(1, Math.floor(cores / 2)), 1);
  const queue = int(env.PASSWORD_HASH_QUEUE, 4, 0);
  return {
    concurrency,
    queue,
    inFlight: int(env.PASSWORD_REQUESTS_IN_FLIGHT, concurrency + queue, 1),
    perSecond: int(env.PASSWORD_REQUESTS_PER_SECOND, 10, 1),
  };
}

/**
 * A token bucket: `take()` is true while tokens are left; they come back at `perSecond`, up to `burst`.
 * The front server takes one per sign-in or password change it lets in, so that a long flood cannot keep
 * a core hashing (nor the main thread in Next) more than this rate allows.
 */
export function createTokenBucket(perSecond, burst, now = () => Date.now()) {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
