"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { normaliseExamCode } from "@/lib/competency";

export interface CatalogueExam { code: string; title: string; group: "A" | "B" | "C" }


export function findExams(catalogue: CatalogueExam[], typed: string): CatalogueExam[] {
  const q = typed.trim();
  if (!q) return [];
  const code = normaliseExamCode(q);
  const exact = catalogue.filter((e) => e.code === code);
  if (exact.length) return exact;
  const lower = q.toLowerCase();
  return catalogue.filter((e) => e.code.toLowerCase().includes(lower) || e.title.toLowerCase().includes(lower));
}

/** An exam input that looks the typed code or title up in the rule set's catalogue (cached by TanStack Query). */
export function ExamField({
  partnerId, ruleSet, name, label, defaultValue, error, errorId,
}: { partnerId: number; ruleSet: string; name: string; label: string; defaultValue?: string; error?: string; errorId: string }) {
  const t = useTranslations("entry.passes");
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [typed, setTyped] = useState(defaultValue ?? "");
  const { data: catalogue, isPending } = useQuery({
    queryKey: ["exam-catalogue", partnerId, ruleSet],
    queryFn: async (): Promise<CatalogueExam[]> => {
      const res = await fetch(`/api/partners/${partnerId}/exams`, { credentials: "same-origin" });
      if (!res.ok) throw new Error(String(res.status));
      return (await res.json()).exams;
    },
    staleTime: Infinity,
  });
  const matches = useMemo(() => (catalogue ? findExams(catalogue, typed) : []), [catalogue, typed]);
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">{label}</label>
      <input
        id={id} name={name} type="text" list={listId} autoComplete="off" value={typed}
        onChange={(e) => setTyped(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
        className="w-full rounded border border-slate-400 px-2 py-1"
      />
      <datalist id={listId}>
        {(catalogue ?? []).map((e) => <option key={e.code} value={e.code}>{`${e.code} — ${e.title} (${e.group})`}</option>)}
      </datalist>
      <p id={hintId} className="mt-1 text-xs text-slate-600" aria-live="polite">
        {isPending
          ? t("examLoading")
          : typed.trim() === ""
            ? t("examHint")
            : matches.length === 1
              ? t("examFound", { code: matches[0]!.code, title: matches[0]!.title, group: matches[0]!.group })
              : matches.length === 0
                ? t("examNotFound", { ruleSet })
                : matches.map((m) => `${m.code} — ${m.title} (${m.group})`).join("; ")}
      </p>
    </div>
  );
}
