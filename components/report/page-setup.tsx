import { cssString } from "@/lib/css";

/**
 * A4 page set-up for printed reports (portrait, or landscape for wide tables): margins, a running footer with the report's title on the left
 * and "page N of M" on the right (CSS page-margin boxes, which Chromium prints).
 */
export function PageSetup({ footer, page, of, landscape = false }: { footer: string; page: string; of: string; landscape?: boolean }) {
  const css = `@page { size: A4${landscape ? " landscape" : ""}; margin: 14mm 14mm 18mm 14mm;
  @bottom-left { content: ${cssString(footer)}; font: 8pt sans-serif; color: #475569; }
  @bottom-right { content: ${cssString(page)} " " counter(page) " " ${cssString(of)} " " counter(pages); font: 8pt sans-serif; color: #475569; } }
@media print { main { max-width: none !important; padding: 0 !important; } }`;
  return <style>{css}</style>;
}
