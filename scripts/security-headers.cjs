// Headers for every response: next.config.js adds them to everything Next serves, and scripts/server.mjs
// to the short answers it gives itself (405, 413, 400, 429). The page CSP, with its per-request nonce,
// comes from proxy.ts; the front server's own plain-text answers get PLAIN_CSP, which allows nothing.
const SECURITY_HEADERS = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
const PLAIN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
module.exports = { SECURITY_HEADERS, PLAIN_CSP };
