/**
 * 工单指标 as .xlsx, in the billing reports' format (one writer: services/billing/reports/export.ts): a row per
 * estate / technician / category and a bold 合计 row; each rate as its percentage and its two counts, so finance
 * and the office can check every figure by hand.
 */
import type { KpiRate } from '@pm/domain';
import type { StaffContext } from '../../lib/context';
import { type Column, workbook, type XlsxFile } from '../billing/reports/export';
import { type KpiInput, type KpiMetric, workOrderKpiReport } from './kpis';

const RATES: [KpiMetric, string][] = [
  ['responseOnTime', '响应及时率'],
  ['completionOnTime', '维修及时率'],
  ['followUp', '回访率'],
  ['satisfaction', '满意率'],
  ['complaintSatisfaction', '投诉满意率'],
  ['reopen', '返修率'],
];
const GROUP_LABEL = { estate: '项目', technician: '维修工', category: '分类' } as const;

export async function exportWorkOrderKpis({ ctx, input }: { ctx: StaffContext; input: KpiInput }): Promise<XlsxFile> {
  const report = await workOrderKpiReport({ ctx, input });
  const columns: Column[] = [
    { header: GROUP_LABEL[report.groupBy], width: 18 },
    { header: '工单数', width: 10, kind: 'int' },
    ...RATES.flatMap(([, name]): Column[] => [
      { header: name, width: 12, kind: 'percent' },
      { header: `${name}·达标`, width: 10, kind: 'int' },
      { header: `${name}·基数`, width: 10, kind: 'int' },
    ]),
    { header: '无回应', width: 10, kind: 'int' },
    { header: '平均响应(分钟)', width: 14 },
    { header: '平均完成(分钟)', width: 14 },
  ];
  type Figures = Omit<(typeof report.rows)[number], 'key' | 'label'>;
  const line = (label: string, k: Figures) => [
    label,
    k.submitted,
    ...RATES.flatMap(([m]) => {
      const r = k[m] as KpiRate;
      return [r.rate, r.count, r.base];
    }),
    k.noResponse,
    k.averageResponseMinutes,
    k.averageCompletionMinutes,
  ];
  const bytes = await workbook(
    '工单指标',
    columns,
    report.rows.map((r) => line(r.label, r)),
    line('合计', report.total),
  );
  const scope = report.nodeName ?? '全部';
  return {
    bytes,
    filename: `工单指标-${scope}-${report.from}至${report.to}.xlsx`,
    asciiFilename: `work-order-kpis-${report.from}-${report.to}.xlsx`,
  };
}
