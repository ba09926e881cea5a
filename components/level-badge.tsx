import { getTranslations } from "next-intl/server";

const STYLE = {
  none: "bg-slate-100 text-slate-800 border-slate-300",
  silver: "bg-slate-200 text-slate-900 border-slate-400",
  gold: "bg-amber-100 text-amber-900 border-amber-400",
} as const;

export async function LevelBadge({ level }: { level: "none" | "silver" | "gold" }) {
  const t = await getTranslations("level");
  return <span className={`inline-block rounded-full border px-3 py-1 text-sm font-semibold ${STYLE[level]}`}>{t(level)}</span>;
}
