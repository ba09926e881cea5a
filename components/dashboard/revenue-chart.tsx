import { getLocale, getTranslations } from "next-intl/server";
import { monthlyRevenue, type Evaluation } from "@/lib/competency";
import { formatDate, formatMoney, formatMonth } from "@/lib/format";

/** The window's qualifying revenue per month as a server-rendered SVG (prints as it shows). */
export async function RevenueChart({ evaluation }: { evaluation: Evaluation }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale()]);
  const buckets = monthlyRevenue(evaluation);
  const maxPos = Math.max(0, ...buckets.map((b) => b.cents));
  const maxNeg = Math.max(0, ...buckets.map((b) => -b.cents));
  const range = maxPos + maxNeg || 1;
  const W = 720,
    H = 220,
    pad = { l: 8, r: 8, t: 16, b: 36 };
  const plotH = H - pad.t - pad.b;
  const bw = (W - pad.l - pad.r) / buckets.length;
  const zeroY = pad.t + (plotH * maxPos) / range;
  const scale = plotH / range;
  const monthLabel = (m: string) => formatMonth(m, locale);
  const shortMonth = (m: string) => formatMonth(m, locale, false);
  const title = t("chartTitle", { from: formatDate(evaluation.window.from, locale), to: formatDate(evaluation.window.to, locale) });
  const hasAny = buckets.some((b) => b.cents !== 0);
  /** Coordinates to a tenth of a unit (a tenth of a pixel at full size): shorter attributes, the same picture. */
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return (
    <figure className="break-inside-avoid">
      <figcaption id="revenue-chart-title" className="mb-1 text-sm font-medium">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="revenue-chart-title revenue-chart-desc"
        className="h-auto w-full max-w-3xl rounded border border-slate-200 bg-white"
        data-testid="revenue-chart"
      >
        <desc id="revenue-chart-desc">
          {hasAny ? buckets.map((b) => `${monthLabel(b.month)}: ${formatMoney(b.cents, locale)}`).join("; ") : t("chartEmpty")}
        </desc>
        <line x1={pad.l} x2={W - pad.r} y1={r1(zeroY)} y2={r1(zeroY)} stroke="#94a3b8" />
        {/* Text attributes are inherited from this group, not repeated on each of the labels. */}
        <g textAnchor="middle" fontSize="11" fill="#334155">
          {buckets.map((b, i) => {
            const h = Math.abs(b.cents) * scale;
            const x = pad.l + i * bw + 4;
            const y = b.cents >= 0 ? zeroY - h : zeroY;
            return (
              <g key={b.month}>
                <rect x={r1(x)} y={r1(y)} width={r1(bw - 8)} height={r1(Math.max(h, b.cents === 0 ? 0 : 1))} fill={b.cents >= 0 ? "#2563eb" : "#dc2626"}>
                  <title>{`${monthLabel(b.month)}: ${formatMoney(b.cents, locale)}`}</title>
                </rect>
                <text x={r1(x + (bw - 8) / 2)} y={H - pad.b + 14}>
                  {shortMonth(b.month)}
                </text>
                {(i === 0 || b.month.endsWith("-01")) && (
                  <text x={r1(x + (bw - 8) / 2)} y={H - pad.b + 28} fontSize="10" fill="#64748b">
                    {b.month.slice(0, 4)}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      </svg>
    </figure>
  );
}
