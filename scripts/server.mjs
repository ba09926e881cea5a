// The production server of `npm start`: Next's request handler behind a small front (a custom server, in
// the same process). Before Next sees a request the front
//   - answers 405 to methods other than GET, HEAD and POST;
//   - replaces X-Forwarded-For by the one client address it trusts (the socket's, or with TRUST_PROXY=n
//     the address the n-th proxy saw) and drops proxy headers that no trusted proxy set, so the app's
//     per-address throttling and origin check read values no client chose;
//   - refuses bodies over 1 MB with 413, also chunked ones without Content-Length (it counts them);
//   - reads a server action's body and answers 400 when it is not what this app's forms send (a JSON
//     argument list, not deeply nested, ending with the form's data) — Next would answer 500;
//   - lets at most PASSWORD_REQUESTS_IN_FLIGHT sign-ins and password changes into Next at once, and on
//     average PASSWORD_REQUESTS_PER_SECOND, and answers the rest 429 at once, so a flood of sign-ins costs
//     almost nothing (the app's own pool bounds the password hashes themselves).
// Its own answers carry the same security headers as Next's. See docs/decisions/0006.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { randomBytes, timingSafeEqual } from "node:crypto";
import {
  ALLOWED_METHODS,
  argumentListProblem,
  bodyLimit,
  createTokenBucket,
  declaredLength,
  hashPoolLimits,
  requestLocale,
  sanitiseProxyHeaders,
  trustedProxyCount,
} from "./front.mjs";

const require = createRequire(import.meta.url);
const DRAIN_BYTES = 16 * 1024 * 1024;
const { SECURITY_HEADERS, PLAIN_CSP } = require("./security-headers.cjs");

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "localhost";
const trustProxy = trustedProxyCount(process.env.TRUST_PROXY);
const limits = hashPoolLimits(process.env, os.availableParallelism?.() ?? os.cpus().length);
const inFlightLimit = limits.inFlight;
const passwordTokens = createTokenBucket(limits.perSecond, limits.perSecond); // a burst of one second's worth

// Next forwards a server action posted to a page that does not hold it by fetching that page from this
// same server. Such a request comes from loopback with the headers this front already wrote; a token only
// this process knows (passed along with those headers) marks it, so its client address is kept and it is
// not counted twice.
const FRONT_TOKEN = randomBytes(24).toString("hex");
const isSelfForward = (headers) => {
  const t = headers["x-front-token"];
  return typeof t === "string" && t.length === FRONT_TOKEN.length && timingSafeEqual(Buffer.from(t), Buffer.from(FRONT_TOKEN));
};

// The app reads the client address only when it runs behind this front (lib/server/auth/client-address.ts).
globalThis[Symbol.for("cloud-crm-competency.front-server")] = { trustProxy };

const messages = Object.fromEntries(
  ["pt-BR", "en"].map((l) => [l, JSON.parse(fs.readFileSync(path.join(root, "messages", l, "security.json"), "utf8")).front]),
);

/** Ids of the server actions that check a password (their floods are cut here), from the build's manifest. */
function passwordActionIds() {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  const names = new Set(["signInAction", "changePasswordAction"]);
  const ids = new Set(
    Object.entries(manifest.node ?? {})
      .filter(([, v]) => names.has(v.exportedName))
      .map(([id]) => id),
  );
  if (ids.size !== names.size) throw new Error(`front server: expected ${names.size} password actions in ${file}, found ${ids.size}`);
  return ids;
}

function answer(req, res, status, key, extra = {}) {
  const body = `${messages[requestLocale(req.headers)][key]}\n`;
  for (const { key: k, value } of SECURITY_HEADERS) res.setHeader(k, value);
  res.setHeader("Content-Security-Policy", PLAIN_CSP);
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  res.statusCode = status;
  const send = () => res.end(req.method === "HEAD" ? undefined : body);
  if (req.complete || req.readableEnded) return send();
  // An unread body is read to its end (and dropped) before the answer, so that the client, still sending,
  // is not cut off before it can read it; past DRAIN_BYTES (or a larger declared length) the connection
  // is closed instead.
  const length = declaredLength(req.headers);
  if (Number.isNaN(length) || (length !== null && length > DRAIN_BYTES)) {
    res.setHeader("Connection", "close");
    return send();
  }
  let drained = 0;
  req.on("data", (chunk) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.socket.destroy();
  });
  req.on("end", send);
  req.on("error", () => res.destroy());
  req.resume();
}

/** Reads the whole body, refusing (null) past the limit. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk) => {
      if (over) return; // the answer reads the rest (answer())
      size += chunk.length;
      if (size > limit) {
        over = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => over || resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A request for Next with an already-read body (and its true Content-Length). */
function replay(req, body) {
  const r = new http.IncomingMessage(req.socket);
  r.method = req.method;
  r.url = req.url;
  r.httpVersion = req.httpVersion;
  r.httpVersionMajor = req.httpVersionMajor;
  r.httpVersionMinor = req.httpVersionMinor;
  const headers = { ...req.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  r.headers = headers;
  r.rawHeaders = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : [k, String(v)]));
  r.push(body);
  r.push(null);
  r.complete = true;
  return r;
}

/** The argument list of a server action call: the "0" field of a multipart body, or a text body. */
async function argumentList(contentType, body) {
  if (/^multipart\/form-data\s*;/i.test(contentType)) {
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    const zero = form.get("0");
    return typeof zero === "string" ? zero : null;
  }
  if (/^text\/plain\b/i.test(contentType)) return body.toString("utf8");
  return null;
}

async function main() {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const passwordActions = passwordActionIds();
  let passwordRequests = 0;

  const server = http.createServer(async (req, res) => {
    try {
      if (!ALLOWED_METHODS.includes(req.method ?? "")) return answer(req, res, 405, "methodNotAllowed", { Allow: ALLOWED_METHODS.join(", ") });
      if (isSelfForward(req.headers)) return handle(req, res);
      sanitiseProxyHeaders(req.headers, req.socket.remoteAddress, trustProxy);
      req.headers["x-front-token"] = FRONT_TOKEN;
      if (req.method !== "POST") return handle(req, res);

      const length = declaredLength(req.headers);
      if (Number.isNaN(length)) return answer(req, res, 400, "badRequest");
      const actionId = req.headers["next-action"];
      const limit = bodyLimit(req.url, typeof actionId === "string");
      if (length !== null && length > limit) return answer(req, res, 413, "tooLarge");
      const isPasswordAction = typeof actionId === "string" && passwordActions.has(actionId);
      if (isPasswordAction && (passwordRequests >= inFlightLimit || !passwordTokens.take())) return answer(req, res, 429, "busy", { "Retry-After": "1" });
      if (typeof actionId !== "string" && length !== null) return handle(req, res); // a plain post of known size

      if (isPasswordAction) passwordRequests++;
      let counted = isPasswordAction;
      const release = () => {
        if (counted) passwordRequests--;
        counted = false;
      };
      res.on("close", release);
      const body = await readBody(req, limit);
      if (body === null) return answer(req, res, 413, "tooLarge");
      if (typeof actionId === "string") {
        const problem = argumentListProblem(await argumentList(String(req.headers["content-type"] ?? ""), body).catch(() => null), actionId);
        if (problem) {
          console.warn(
            `front server: 400 for a server action on ${req.url}: ${problem} (${String(req.headers["content-type"] ?? "no content type").slice(0, 60)}, ${body.length} bytes)`,
          );
          if (process.env.FRONT_DEBUG) console.warn(body.toString("utf8").slice(0, 2000));
          return answer(req, res, 400, "badRequest", { "X-Refused": problem });
        }
      }
      return handle(replay(req, body), res);
    } catch (err) {
      console.error("front server:", err);
      if (!res.headersSent) answer(req, res, 400, "badRequest");
      else res.destroy();
    }
  });
  server.listen(port, hostname, () => {
    console.log(`Ready on http://${hostname}:${port} (trusting ${trustProxy} proxies)`);
  });
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      server.close();
      process.exit(0);
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
