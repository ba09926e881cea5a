// The front server's defaults (issue 10, findings 2 and 5): a server of its own, started as `npm start`
// starts it (scripts/server.mjs) but without TRUST_PROXY and APP_ORIGIN, on its own port and a fresh
// database. Proxy headers a client sends are then nobody's word: X-Forwarded-For does not choose the
// throttling address, X-Forwarded-Host and X-Forwarded-Proto do not make a foreign Origin ours.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { actionId } from "./actions";

let server: ChildProcess;
let port = 0;
let dbFile = "";
let log = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

test.beforeAll(async () => {
  port = await freePort();
  dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cct-front-")), "app.db");
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: dbFile, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.TRUST_PROXY;
  delete env.APP_ORIGIN;
  server = spawn(process.execPath, [path.join(process.cwd(), "scripts", "server.mjs")], { env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d: Buffer) => (log += d));
  server.stderr!.on("data", (d: Buffer) => (log += d));
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited while starting:\n${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/sign-in`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
});

function signIn(email: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const boundary = "----frontDefault";
  const body =
    [
      ["_1_email", email],
      ["_1_password", "wrong-password"],
      ["0", '[{},"$K1"]'],
    ]
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("") + `--${boundary}--\r\n`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/sign-in",
        headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Next-Action": actionId("signInAction"), ...headers },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test.describe("front server defaults (no TRUST_PROXY, no APP_ORIGIN)", () => {
  test("2. X-Forwarded-For chosen by the client is ignored: the address is the socket's", async () => {
    const own = `http://127.0.0.1:${port}`;
    for (const fwd of ["6.6.6.6", "6.6.6.7, 6.6.6.8"]) {
      const res = await signIn(`spoof-${fwd.length}@nowhere.example`, { Origin: own, "X-Forwarded-For": fwd, "X-Real-IP": "6.6.6.9" });
      expect(res.status, log).toBe(200);
      expect(res.body).toContain('"invalid"');
    }
    const db = new Database(dbFile, { readonly: true });
    const addresses = db.prepare("select key, failures from sign_in_throttle where key like 'address:%'").all() as { key: string; failures: number }[];
    db.close();
    expect(addresses).toEqual([{ key: "address:127.0.0.1", failures: 2 }]);
  });

  test("5. the Origin must match the request's own scheme, host and port; proxy headers do not count", async () => {
    const own = `http://127.0.0.1:${port}`;
    expect((await signIn("origin-ok@nowhere.example", { Origin: own })).status).toBe(200);
    const refusals: Record<string, Record<string, string>> = {
      "https over http": { Origin: `https://127.0.0.1:${port}` },
      "https over http, with X-Forwarded-Proto": { Origin: `https://127.0.0.1:${port}`, "X-Forwarded-Proto": "https" },
      "Origin and X-Forwarded-Host of another site": { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" },
      "another port": { Origin: `http://127.0.0.1:${port + 1}` },
      missing: {},
    };
    for (const [why, headers] of Object.entries(refusals)) expect((await signIn("origin@nowhere.example", headers)).status, why).toBe(403);
  });
});
