import { describe, expect, it } from 'vitest';
import { makeKpiReport } from '../cs/test-data';
import { barData, barOption, chartHeight, keyAt } from './kpi-figures';

describe('KPI chart data', () => {
  const rows = makeKpiReport().rows;
  const texts = { title: '维修及时率', detail: (r: { num: number; den: number }) => `${r.num}/${r.den}`, noBase: '无数据' };

  it('takes one rate per row, no bar where there is no base', () => {
    const data = barData(rows, 'completionOnTime');
    expect(data.map((d) => [d.label, d.value])).toEqual([
      ['翠湖花园', 90],
      ['锦绣家园', null],
    ]);
  });

  it('draws the rows top-down (ECharts counts a category axis bottom-up) and maps a tap back to the row', () => {
    const data = barData(rows, 'completionOnTime');
    const option = barOption(data, 'completionOnTime', texts);
    expect(option.yAxis.data).toEqual(['锦绣家园', '翠湖花园']);
    expect(option.series[0]!.data).toEqual(['-', 90]);
    expect(option.series[0]!.itemStyle.color).toBe('#07c160');
    expect(keyAt(data, 1)).toBe(rows[0]!.key);
    expect(keyAt(data, 0)).toBe(rows[1]!.key);
    expect(option.tooltip.formatter({ dataIndex: 0 })).toBe('锦绣家园<br/>维修及时率: 无数据（0/0）');
    expect(option.tooltip.formatter({ dataIndex: 1 })).toBe('翠湖花园<br/>维修及时率: 90.00%（9/10）');
  });

  it('draws a rate where more is worse (reopens) in orange', () => {
    expect(barOption(barData(rows, 'reopen'), 'reopen', texts).series[0]!.itemStyle.color).toBe('#ff976a');
  });

  it('sizes the chart to its rows within bounds', () => {
    expect(chartHeight(1)).toBe(160);
    expect(chartHeight(10)).toBe(380);
    expect(chartHeight(500)).toBe(chartHeight(30));
  });
});
