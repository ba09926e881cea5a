"use client";
// Import from a file: choose the kind, pick a CSV, see the preview (every refused or duplicate row with its
// line, column and reason; what would be created; the level before → after), then import. The file goes
// to the import route (not a server action: a file may be larger than an action's body limit); its
// answer streams progress lines and then the preview or the result.
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { IMPORT_KINDS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportKind, type Level } from "@/lib/vocabulary";
import { inputClass } from "@/components/form/kit";

interface Issue {
  row: number;
  column: string | null;
  status: "refused" | "duplicate";
  key: string;
  ns: "validation" | "import";
  of?: number;
}
interface Preview {
  kind: ImportKind;
  fileName: string;
  encoding: string;
  dialect: string;
  ruleSet: string;
  rows: number;
  toImport: number;
  refused: number;
  duplicates: number;
  includeDuplicates: boolean;
  issues: Issue[];
  issuesTotal: number;
  newCustomers: string[];
  newCustomersTotal: number;
  newPeople: string[];
  newPeopleTotal: number;
  notInRuleSet: string[];
  ignoredHeaders: string[];
  asOf: string;
  levelBefore: Level;
  levelAfter: Level;
  mark: number;
}
interface Imported {
  imported: number;
  refused: number;
  duplicatesSkipped: number;
  customersCreated: number;
  peopleCreated: number;
  fileName: string;
}
type Line =
  | { type: "progress"; done: number; total: number }
  | { type: "preview"; preview: Preview }
  | { type: "imported"; record: Imported; preview: Preview }
  | { type: "refreshing" }
  | { type: "done" }
  | { type: "refused"; key: string; missing?: string[]; preview?: Preview };

type Phase =
  | { name: "idle" }
  | { name: "working"; what: "preview" | "import"; done: number; total: number; refreshing?: boolean }
  | { name: "preview"; preview: Preview }
  | { name: "imported"; record: Imported; preview: Preview; refreshing: boolean }
  | { name: "refused"; key: string; missing?: string[] };

export function ImportPanel({ partnerId, onBehalf }: { partnerId: number; onBehalf: boolean }) {
  const t = useTranslations("import");
  const tv = useTranslations("validation");
  const tLevel = useTranslations("level");
  const id = useId();
  const router = useRouter();
  const [kind, setKind] = useState<ImportKind>("revenue");
  const [file, setFile] = useState<File | null>(null);
  const [includeDuplicates, setIncludeDuplicates] = useState(false);
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const fileInput = useRef<HTMLInputElement>(null);

  async function send(mode: "preview" | "commit", preview?: Preview) {
    if (!file) return setPhase({ name: "refused", key: "fileMissing" });
    if (file.size > IMPORT_MAX_BYTES) return setPhase({ name: "refused", key: "fileTooLarge" });
    setPhase({ name: "working", what: mode === "preview" ? "preview" : "import", done: 0, total: 0 });
    const q = new URLSearchParams({ kind, mode, name: file.name, dups: includeDuplicates ? "1" : "0" });
    if (preview) {
      q.set("mark", String(preview.mark));
      q.set("rows", String(preview.toImport));
    }
    try {
      const res = await fetch(`/partners/${partnerId}/import?${q}`, { method: "POST", body: file, headers: { "Content-Type": "text/csv" } });
      if (!res.body) throw new Error("no body");
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let imported: { record: Imported; preview: Preview } | null = null;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as Line;
          buffer = buffer.slice(nl + 1);
          if (line.type === "progress") setPhase((p) => (p.name === "working" ? { ...p, done: line.done, total: line.total } : p));
          else if (line.type === "preview") setPhase({ name: "preview", preview: line.preview });
          else if (line.type === "imported") {
            imported = line;
            setPhase({ name: "imported", record: line.record, preview: line.preview, refreshing: true });
          } else if (line.type === "done" && imported) {
            setPhase({ name: "imported", record: imported.record, preview: imported.preview, refreshing: false });
            router.refresh();
          } else if (line.type === "refused") setPhase({ name: "refused", key: line.key, missing: line.missing });
        }
      }
      if (!res.ok && buffer === "" && !imported)
        setPhase((p) => (p.name === "working" ? { name: "refused", key: res.status === 413 ? "fileTooLarge" : "genericError" } : p));
    } catch {
      setPhase({ name: "refused", key: "genericError" });
    }
  }

  const reset = () => {
    setPhase({ name: "idle" });
    setFile(null);
    if (fileInput.current) fileInput.current.value = "";
  };
  const working = phase.name === "working";
  const reason = (i: Issue) => (i.ns === "import" ? t(`reason.${i.key}`, { of: i.of ?? 0 }) : tv(i.key));

  return (
    <div className="space-y-3" data-testid="import-panel">
      {onBehalf && <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">{t("onBehalf")}</p>}
      <form
        className="space-y-3 rounded border border-slate-200 bg-slate-50 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          void send("preview");
        }}
        aria-labelledby={`${id}-title`}
      >
        <h3 id={`${id}-title`} className="font-medium">
          {t("formTitle")}
        </h3>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-kind`} className="mb-1 block text-sm font-medium">
              {t("kind")}
            </label>
            <select
              id={`${id}-kind`}
              className={inputClass}
              value={kind}
              disabled={working}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                setPhase({ name: "idle" });
              }}
            >
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-slate-600">
              {t(`columns.${kind}`)}{" "}
              <a href={`/partners/${partnerId}/import/template/${kind}`} download className="text-blue-800 underline" data-testid="import-template">
                {t("template")}
              </a>
            </p>
          </div>
          <div>
            <label htmlFor={`${id}-file`} className="mb-1 block text-sm font-medium">
              {t("file")}
            </label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv,text/plain"
              disabled={working}
              aria-describedby={`${id}-file-hint`}
              className="block w-full text-sm"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPhase({ name: "idle" });
              }}
            />
            <p id={`${id}-file-hint`} className="mt-1 text-xs text-slate-600">
              {t("fileHint", { rows: IMPORT_MAX_ROWS, mb: IMPORT_MAX_BYTES / 1024 / 1024 })}
            </p>
          </div>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={includeDuplicates}
            disabled={working}
            onChange={(e) => {
              setIncludeDuplicates(e.target.checked);
              setPhase({ name: "idle" });
            }}
          />
          {t("includeDuplicates")}
        </label>
        <button type="submit" disabled={working} className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {t("preview")}
        </button>
      </form>

      {phase.name === "working" && (
        <div role="status" data-testid="import-progress" className="text-sm">
          <p>
            {phase.what === "preview" ? t("checking") : t("importing")} {phase.total > 0 ? t("progress", { done: phase.done, total: phase.total }) : ""}
          </p>
          <progress className="w-full" aria-label={t("progressLabel")} max={phase.total || undefined} value={phase.total ? phase.done : undefined} />
        </div>
      )}
      {phase.name === "refused" && (
        <div role="alert" data-testid="import-refused" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900">
          {t(`refusal.${phase.key}`, { rows: IMPORT_MAX_ROWS, mb: IMPORT_MAX_BYTES / 1024 / 1024, columns: (phase.missing ?? []).join(", ") })}
        </div>
      )}
      {phase.name === "preview" && (
        <PreviewView preview={phase.preview} reason={reason} tLevel={tLevel}>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              onClick={() => void send("commit", phase.preview)}
              disabled={phase.preview.toImport === 0}
              className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
              data-testid="import-confirm"
            >
              {t("confirm", { count: phase.preview.toImport })}
            </button>
            <button type="button" onClick={reset} className="rounded border border-slate-400 px-3 py-1.5">
              {t("cancel")}
            </button>
          </div>
        </PreviewView>
      )}
      {phase.name === "imported" && (
        <div role="status" data-testid="import-done" className="rounded bg-green-50 p-2 text-sm text-green-900">
          <p>
            {t("imported", {
              count: phase.record.imported,
              file: phase.record.fileName,
              refused: phase.record.refused,
              duplicates: phase.record.duplicatesSkipped,
            })}
          </p>
          <p>{t("levelChange", { before: tLevel(phase.preview.levelBefore), after: tLevel(phase.preview.levelAfter) })}</p>
          {phase.refreshing && <p>{t("refreshing")}</p>}
          <button type="button" onClick={reset} className="mt-1 text-blue-800 underline">
            {t("another")}
          </button>
        </div>
      )}
    </div>
  );
}

function PreviewView({
  preview: p,
  reason,
  tLevel,
  children,
}: {
  preview: Preview;
  reason: (i: Issue) => string;
  tLevel: (k: Level) => string;
  children: React.ReactNode;
}) {
  const t = useTranslations("import");
  const changed = p.levelBefore !== p.levelAfter;
  return (
    <section
      aria-labelledby="import-preview-heading"
      data-testid="import-preview"
      className="space-y-3 rounded border-2 border-dashed border-blue-400 bg-blue-50/40 p-3"
    >
      <h3 id="import-preview-heading" className="font-semibold">
        {t("previewHeading", { file: p.fileName })}
      </h3>
      <p className="text-sm text-slate-700">{t("fileRead", { encoding: t(`encoding.${p.encoding}`), dialect: t(`dialect.${p.dialect}`) })}</p>
      <p data-testid="import-summary">{t("summary", { rows: p.rows, ok: p.toImport, refused: p.refused, duplicates: p.duplicates })}</p>
      <p data-testid="import-level" className={changed ? "font-semibold" : ""}>
        {t(changed ? "levelWouldChange" : "levelSame", { before: tLevel(p.levelBefore), after: tLevel(p.levelAfter) })}
      </p>
      {p.duplicates > 0 && <p className="text-sm">{p.includeDuplicates ? t("duplicatesIncluded") : t("duplicatesSkipped")}</p>}
      {p.newCustomersTotal > 0 && (
        <div data-testid="import-new-customers" className="text-sm">
          <p>{t("newCustomers", { count: p.newCustomersTotal })}</p>
          <p className="text-slate-700">
            {p.newCustomers.join(", ")}
            {p.newCustomersTotal > p.newCustomers.length ? "…" : ""}
          </p>
        </div>
      )}
      {p.newPeopleTotal > 0 && (
        <div data-testid="import-new-people" className="text-sm">
          <p>{t("newPeople", { count: p.newPeopleTotal })}</p>
          <p className="text-slate-700">
            {p.newPeople.join(", ")}
            {p.newPeopleTotal > p.newPeople.length ? "…" : ""}
          </p>
        </div>
      )}
      {p.notInRuleSet.length > 0 && (
        <p data-testid="import-not-in-rule-set" className="text-sm">
          {t("notInRuleSet", { ruleSet: p.ruleSet, exams: p.notInRuleSet.join(", ") })}
        </p>
      )}
      {p.ignoredHeaders.length > 0 && <p className="text-sm text-slate-700">{t("ignoredHeaders", { headers: p.ignoredHeaders.join(", ") })}</p>}
      {p.issues.length > 0 && (
        <div className="max-h-96 overflow-auto">
          <table className="w-full text-left text-sm" data-testid="import-issues">
            <caption className="text-left font-medium">{t("issuesCaption", { shown: p.issues.length, total: p.issuesTotal })}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-2">
                  {t("row")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("column")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("outcome")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("reasonHeading")}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.issues.map((i, n) => (
                <tr key={n} className="border-b border-slate-100" data-testid="import-issue">
                  <td className="py-1 pr-2 tabular-nums">{i.row}</td>
                  <td className="py-1 pr-2">{i.column ?? "—"}</td>
                  <td className="py-1 pr-2">{t(`status.${i.status}`)}</td>
                  <td className="py-1 pr-2">{reason(i)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {children}
    </section>
  );
}
