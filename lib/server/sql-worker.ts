import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { databasePath } from "@/db/client";

// Some reads are O(partners) — the portfolio's counts and the review queue scan every partner's stored
// row — and SQLite answers synchronously: on the server's own thread such a read makes every other
// request wait for it (a second or more at 400,000 partners). They run here instead, on a worker thread
// with its own read-only connection, while the server's thread goes on answering. The worker's code is
// inline (not a file the build could leave out) and loads the same better-sqlite3 the server uses.
const WORKER_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
db.defaultSafeIntegers(false);
parentPort.on("message", ({ id, sql, params, mode }) => {
  try {
    const statement = db.prepare(sql);
    const result = mode === "all" ? statement.all(...params) : mode === "value" ? statement.pluck().get(...params) : statement.get(...params);
    parentPort.postMessage({ id, result });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
let worker: { file: string; w: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 1;

function start(file: string) {
  const driver = createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3");
  const w = new Worker(WORKER_CODE, { eval: true, workerData: { file, driver } });
  const pending = new Map<number, Pending>();
  w.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  const fail = (err: unknown) => {
    for (const p of pending.values()) p.reject(err instanceof Error ? err : new Error(String(err)));
    pending.clear();
    if (worker?.w === w) worker = null; // the next read starts a new one
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the SQL worker stopped (${code})`)));
  w.unref(); // never keeps a script alive
  return { file, w, pending };
}

/** Runs one read-only statement on the worker thread: `get` (first row), `all` rows, or the first row's first `value`. */
export function readOffThread<T>(query: { sql: string; params: unknown[] }, mode: "get" | "all" | "value" = "get"): Promise<T> {
  const file = databasePath();
  if (!worker || worker.file !== file) {
    if (worker) void worker.w.terminate();
    worker = start(file);
  }
  const { w, pending } = worker;
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    w.postMessage({ id, sql: query.sql, params: query.params, mode });
  });
}
