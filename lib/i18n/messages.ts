// The catalogues are split by area so that each area's strings live together; they merge into one
// message tree per locale. Every file must exist in both locales (a unit test checks the keys match).
import type { AppLocale } from "./config";

export const MESSAGE_FILES = ["core", "dashboard", "validation", "portfolio", "security", "review"] as const;

type Tree = { [k: string]: string | Tree };

export async function loadMessages(locale: AppLocale): Promise<Tree> {
  const parts = await Promise.all(
    MESSAGE_FILES.map(async (f) => (await import(`../../messages/${locale}/${f}.json`)).default as Tree),
  );
  const merged: Tree = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      if (k in merged) throw new Error(`message namespace "${k}" is defined in two files`);
      merged[k] = v;
    }
  }
  return merged;
}
