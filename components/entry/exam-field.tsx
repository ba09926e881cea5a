"use client";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { normaliseExamCode } from "@/lib/competency";
import { FieldShell, describedBy, inputClass } from "@/components/form/kit";

export interface CatalogueExam {
  code: string;
  title: string;
  group: "A" | "B" | "C";
}

export function findExams(catalogue: CatalogueExam[], typed: string): CatalogueExam[] {
  const q = typed.trim();
  if (!q) return [];
  const code = normaliseExamCode(q);
  const exact = catalogue.filter((e) => e.code === code);
  if (exact.length) return exact;
  const lower = q.toLowerCase();
  return catalogue.filter((e) => e.code.toLowerCase().includes(lower) || e.title.toLowerCase().includes(lower));
}

/** An exam input that looks the typed code or title up in the rule set's catalogue (given by the server). */
export function ExamField({
  id,
  catalogue,
  ruleSet,
  name,
  label,
  defaultValue,
  error,
}: {
  id: string;
  catalogue: CatalogueExam[];
  ruleSet: string;
  name: string;
  label: string;
  defaultValue?: string;
  error?: string;
}) {
  const t = useTranslations("entry.passes");
  const listId = `${id}-list`;
  const [typed, setTyped] = useState(defaultValue ?? "");
  const matches = useMemo(() => findExams(catalogue, typed), [catalogue, typed]);
  const hint =
    typed.trim() === ""
      ? t("examHint")
      : matches.length === 1
        ? t("examFound", { code: matches[0]!.code, title: matches[0]!.title, group: matches[0]!.group })
        : matches.length === 0
          ? t("examNotFound", { ruleSet })
          : matches.map((m) => `${m.code} — ${m.title} (${m.group})`).join("; ");
  return (
    <FieldShell id={id} label={label} error={error} hint={<span aria-live="polite">{hint}</span>}>
      <input
        id={id}
        name={name}
        type="text"
        list={listId}
        autoComplete="off"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, true, !!error)}
        className={inputClass}
      />
      <datalist id={listId}>
        {catalogue.map((e) => (
          <option key={e.code} value={e.code}>{`${e.code} — ${e.title} (${e.group})`}</option>
        ))}
      </datalist>
    </FieldShell>
  );
}
