/**
 * ECharts, tree-shaken to what the KPI dashboard draws: bar charts with a grid and tooltips, rendered as SVG
 * (crisp on phones, no canvas needed, and the smaller renderer). Imported only with `import('./echarts')`
 * from the chart component, so the library stays out of every chunk but the KPI route's own.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type { EChartsType } from 'echarts/core';
