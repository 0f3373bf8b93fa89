/**
 * The KPI dashboard's figures and chart, as data: which rates there are (the domain's `workOrderKpis`
 * definitions, as the API computes them), which way is good (a high reopen rate is bad), what the two sides
 * of each rate are called for the drill-down (hit = counted in the numerator, miss = in the base only), and
 * the ECharts option of one rate across the rows. Rates stay the API's strings ("72.73"); the chart gets
 * them as numbers only to draw the bar lengths.
 */
import type { KpiMetric, KpiRate, KpiRow } from '../../../api/work-orders';

/** Rates where more is worse (the bar is drawn in orange). */
export const LOWER_IS_BETTER: readonly KpiMetric[] = ['reopen'];

/** The service standards the company promises (the issue's bar): a line on the card. */
export const TARGETS: Partial<Record<KpiMetric, string>> = { completionOnTime: '95', complaintSatisfaction: '90' };

export interface BarDatum {
  key: string;
  label: string;
  /** null: no base, no bar. */
  value: number | null;
  rate: KpiRate;
}

/** One rate per row, in the API's order; the chart lists them top-down. */
export function barData(rows: readonly KpiRow[], metric: KpiMetric): BarDatum[] {
  return rows.map((r) => {
    const rate = r[metric];
    return { key: r.key, label: r.label, value: rate.pct === null ? null : Number(rate.pct), rate };
  });
}

export interface BarTexts {
  title: string;
  /** "{num}/{den}" in words, for the tooltip. */
  detail: (rate: KpiRate) => string;
  noBase: string;
}

const GOOD = '#07c160';
const BAD = '#ff976a';

/**
 * The ECharts option: horizontal bars (row labels are long Chinese names, easier to read down the side of
 * a phone), 0–100 %, a bar per row, the percentage at the end of each bar; no bar where there is no base.
 */
export function barOption(data: readonly BarDatum[], metric: KpiMetric, texts: BarTexts) {
  const shown = [...data].reverse(); // ECharts draws a category y-axis bottom-up
  return {
    animation: false,
    // The grid keeps the axis labels inside the box (ECharts 6's form of the old `containLabel`).
    grid: { left: 8, right: 48, top: 8, bottom: 8, outerBoundsMode: 'same' as const, outerBoundsContain: 'axisLabel' as const },
    tooltip: {
      trigger: 'item' as const,
      confine: true,
      formatter: (p: { dataIndex: number }) => {
        const d = shown[p.dataIndex];
        if (!d) return '';
        return `${d.label}<br/>${texts.title}: ${d.rate.pct === null ? texts.noBase : `${d.rate.pct}%`}（${texts.detail(d.rate)}）`;
      },
    },
    xAxis: { type: 'value' as const, min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category' as const,
      data: shown.map((d) => d.label),
      axisLabel: { width: 96, overflow: 'truncate' as const },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar' as const,
        name: texts.title,
        barMaxWidth: 18,
        data: shown.map((d) => (d.value === null ? '-' : d.value)),
        itemStyle: { color: LOWER_IS_BETTER.includes(metric) ? BAD : GOOD, borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right' as const, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value}%` : '') },
      },
    ],
  };
}

/** The chart's height for `n` rows: enough for each label, never cramped, never a page long on a phone. */
export const chartHeight = (n: number) => Math.max(160, Math.min(n, 30) * 34 + 40);

/** The key of a bar the user tapped (ECharts gives the index in draw order, which is reversed). */
export function keyAt(data: readonly BarDatum[], dataIndex: number): string | null {
  return data[data.length - 1 - dataIndex]?.key ?? null;
}
