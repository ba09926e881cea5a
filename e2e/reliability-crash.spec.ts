// The server dies (kill -9) in the middle of a write load, and a backup is taken while it writes. Each test
// starts its own `next start` (the production build in .next) on its own port and its own fresh database,
// made by scripts/reliability-seed.ts, so the shared e2e server is never touched.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { actionId, callAction } from "./actions";
import { answerStatus, ptBr } from "./reliability-support";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

interface Seeded {
  partnerId: number;
  customerId: number;
  userId: number;
  sessionToken: string;
}

function freshDatabase(): { dir: string; file: string; seeded: Seeded } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cct-crash-"));
  const file = path.join(dir, "app.db");
  const r = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/reliability-seed.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: file },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
  return { dir, file, seeded: JSON.parse(r.stdout.trim().split("\n").pop()!) as Seeded };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Direct children of a process, then theirs (Linux /proc). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const taskDir = `/proc/${pid}/task`;
  if (!fs.existsSync(taskDir)) return out;
  for (const tid of fs.readdirSync(taskDir)) {
    const children = fs.readFileSync(`${taskDir}/${tid}/children`, "utf8").trim();
    for (const c of children ? children.split(/\s+/).map(Number) : []) out.push(c, ...descendants(c));
  }
  return out;
}

/** The process holding the listening socket on this port: the real server, whatever wraps it. */
function listenerPid(rootPid: number, port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1]!.endsWith(`:${hexPort}`) && cols[3] === "0A") inodes.add(cols[9]!);
    }
  }
  for (const pid of [rootPid, ...descendants(rootPid)]) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = "";
      try {
        link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) return pid;
    }
  }
  throw new Error(`no process of the tree ${rootPid} listens on ${port}`);
}

class OwnServer {
  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
    readonly exited: Promise<{ code: number | null; signal: string | null }>,
    private readonly log: () => string,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `next start` on the production build, with its own database file. */
  static async start(dbFile: string, port: number): Promise<OwnServer> {
    const proc = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: dbFile, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    proc.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    proc.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal })));
    const server = new OwnServer(proc, port, exited, () => log);
    let gone = false;
    void exited.then(() => (gone = true));
    // Ready when the sign-in page answers (bounded by the test's timeout).
    for (;;) {
      if (gone) throw new Error(`the server exited while starting:\n${log}`);
      try {
        if ((await fetch(`${server.base}/sign-in`)).ok) return server;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  output(): string {
    return this.log();
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGTERM");
    await this.exited;
  }
}

/** One revenue line through saveRevenueAction, as the form sends it; "saved" when the server acknowledged it. */
async function writeLine(request: APIRequestContext, server: OwnServer, s: Seeded, note: string, cents: number): Promise<"saved" | string> {
  const res = await callAction(request, {
    id: actionId("saveRevenueAction"),
    base: server.base,
    path: `/partners/${s.partnerId}`,
    args: [s.partnerId, { status: "idle", nonce: 0 }],
    cookie: `session=${s.sessionToken}; locale=pt-BR`,
    form: { customerId: String(s.customerId), product: "crm-online", date: "2026-02-10", amount: ptBr(cents), note },
  });
  const body = await res.text();
  return res.status() === 200 && answerStatus(body) === "saved" ? "saved" : `${res.status()} ${body.slice(0, 200)}`;
}

/** Concurrent write loops; each line's note is `<prefix>-<n>`, its amount has odd cents. */
function writeLoad(request: APIRequestContext, server: OwnServer, s: Seeded, prefix: string, loops: number, onAck: (acked: number) => void) {
  const acked = new Map<string, number>();
  const failures: string[] = [];
  let seq = 0;
  let stopping = false;
  let inFlight = 0;
  const loop = async () => {
    while (!stopping) {
      const n = seq++;
      const note = `${prefix}-${n}`;
      const cents = 100_000 + n * 1_013 + 57;
      inFlight++;
      let answer: string;
      try {
        answer = await writeLine(request, server, s, note, cents);
      } catch (err) {
        answer = `no answer: ${(err as Error).message.split("\n")[0]}`;
      } finally {
        inFlight--;
      }
      if (answer === "saved") {
        acked.set(note, cents);
        onAck(acked.size);
      } else if (!stopping) {
        failures.push(`${note}: ${answer}`);
        return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: loops }, loop));
  return {
    acked,
    failures,
    done,
    inFlight: () => inFlight,
    stop: () => {
      stopping = true;
    },
  };
}

function readLines(file: string, prefix: string): { lines: Map<string, number>; withAudit: number; integrity: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("select note, amount_cents cents from revenue_lines where note like ? || '-%'").all(prefix) as { note: string; cents: number }[];
    const withAudit = (
      db
        .prepare(
          `select count(*) n from revenue_lines r join audit_log a
        on a.entity = 'revenue_line' and a.action = 'create' and a.entity_id = cast(r.id as text) where r.note like ? || '-%'`,
        )
        .get(prefix) as { n: number }
    ).n;
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    return { lines: new Map(rows.map((r) => [r.note, r.cents])), withAudit, integrity };
  } finally {
    db.close();
  }
}

/** Runs an npm script with this database; resolves with its exit code and output (the event loop keeps running). */
function npmRun(script: string, args: string[], dbFile: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn("npm", ["run", "-s", script, "--", ...args], { cwd: root, env: { ...process.env, DATABASE_PATH: dbFile } });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) => resolve({ code, out }));
  });
}

/** "table rows checksum" lines printed by db:backup and db:restore. */
const tableLines = (out: string) =>
  out
    .split("\n")
    .filter((l) => /^\s+\S+\s+\d+ rows\s+[0-9a-f]{16}$/.test(l))
    .map((l) => l.trim().replace(/\s+/g, " "));

test.describe("reliability: crash and backup with the server's own process", () => {
  test("kill -9 of the server in the middle of a write load: after a restart every acknowledged write is there, integrity_check ok", async ({ request }) => {
    const { dir, file, seeded } = freshDatabase();
    const port = await freePort();
    const first = await OwnServer.start(file, port);
    const KILL_AFTER = 60;
    let inFlightAtKill = -1;
    let load!: ReturnType<typeof writeLoad>;
    try {
      const pid = listenerPid(first.proc.pid!, port);
      // `next start` serves from its own node process (titled next-server); were it ever to fork a server child, that child is the one killed.
      expect(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8") + fs.readFileSync(`/proc/${pid}/comm`, "utf8")).toMatch(/node|next-server/);
      load = writeLoad(request, first, seeded, "kill", 6, (acked) => {
        if (acked < KILL_AFTER || inFlightAtKill >= 0) return;
        inFlightAtKill = load.inFlight();
        process.kill(pid, "SIGKILL");
        load.stop();
      });
      await load.done;
      if (pid === first.proc.pid) expect((await first.exited).signal).toBe("SIGKILL");
      else while (fs.existsSync(`/proc/${pid}`)) await new Promise((r) => setTimeout(r, 20));
    } finally {
      // Whatever is left of the first server's tree (a wrapper, or all of it when the test failed early).
      for (const p of [first.proc.pid!, ...descendants(first.proc.pid!)]) if (fs.existsSync(`/proc/${p}`)) process.kill(p, "SIGKILL");
      await first.exited;
    }
    expect(load.failures, "every write before the kill was saved").toEqual([]);
    expect(inFlightAtKill, "writes were in flight when the server died").toBeGreaterThan(0);

    const second = await OwnServer.start(file, port);
    try {
      const stored = readLines(file, "kill");
      expect(stored.integrity).toBe("ok");
      const missing = [...load.acked.keys()].filter((note) => stored.lines.get(note) !== load.acked.get(note));
      expect(missing, "acknowledged writes lost or changed").toEqual([]);
      expect(stored.withAudit, "every stored line has its audit row").toBe(stored.lines.size);
      const summary = `kill -9 after ${load.acked.size} acknowledged writes with ${inFlightAtKill} in flight: ${stored.lines.size} found after restart (${stored.lines.size - load.acked.size} unacknowledged but committed)`;
      test.info().annotations.push({ type: "measured", description: summary });
      console.log(summary);
      // The restarted server takes writes again.
      expect(await writeLine(request, second, seeded, "after-restart-0", 4_242)).toBe("saved");
    } finally {
      await second.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("npm run db:backup while the server writes gives a consistent copy; db:restore refuses the live database and restores into a new file with the same tables", async ({
    request,
  }) => {
    const { dir, file, seeded } = freshDatabase();
    const server = await OwnServer.start(file, await freePort());
    try {
      let acks = 0;
      let firstAck: () => void = () => {};
      const warm = new Promise<void>((r) => (firstAck = r));
      const load = writeLoad(request, server, seeded, "bk", 3, (n) => {
        acks = n;
        firstAck();
      });
      await warm;
      const copy = path.join(dir, "backups", "copy.db");
      const acksAtStart = acks;
      const backup = await npmRun("db:backup", ["--out", copy], file);
      const acksDuring = acks - acksAtStart;
      expect(backup.code, backup.out).toBe(0);
      const inCopy = readLines(copy, "bk");
      // Keep writing until the live database has moved past the copy, so the copy was taken mid-load.
      while (acks <= inCopy.lines.size && load.failures.length === 0) await new Promise((r) => setTimeout(r, 20));
      load.stop();
      await load.done;
      expect(load.failures, "no write failed while the backup ran").toEqual([]);
      const measured = `db:backup ran while ${acksDuring} writes were acknowledged; the copy holds ${inCopy.lines.size} of ${load.acked.size} lines`;
      test.info().annotations.push({ type: "measured", description: measured });
      console.log(measured);

      // The copy is consistent: every line in it has its audit row; it holds what was acknowledged before it began, and less than the end.
      expect(inCopy.integrity).toBe("ok");
      expect(inCopy.withAudit).toBe(inCopy.lines.size);
      expect(inCopy.lines.size).toBeGreaterThanOrEqual(acksAtStart);
      expect(inCopy.lines.size).toBeLessThan(readLines(file, "bk").lines.size);
      for (const [note, cents] of inCopy.lines) expect(load.acked.get(note) ?? cents, note).toBe(cents);

      // Restoring over the live database is refused while the server has it open, and changes nothing.
      const liveBefore = readLines(file, "bk").lines.size;
      const refused = await npmRun("db:restore", [copy], file);
      expect(refused.code, refused.out).toBe(3);
      expect(refused.out).toContain("Stop the server");
      expect(fs.readdirSync(dir).filter((f) => f.includes("before-restore") || f.endsWith(".partial"))).toEqual([]);
      expect(readLines(file, "bk").lines.size).toBe(liveBefore);

      const target = path.join(dir, "restored", "app.db");
      const restored = await npmRun("db:restore", [copy], target);
      expect(restored.code, restored.out).toBe(0);
      expect(tableLines(restored.out)).toEqual(tableLines(backup.out));
      expect(tableLines(backup.out).length).toBeGreaterThanOrEqual(10);
      const back = readLines(target, "bk");
      expect(back.integrity).toBe("ok");
      expect(back.lines).toEqual(inCopy.lines);
      expect(await npmRun("db:restore", [], target)).toMatchObject({ code: 2 });
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
