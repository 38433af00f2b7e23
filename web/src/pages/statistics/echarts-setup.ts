import { BarChart, FunnelChart, LineChart, MapChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

// Only the parts the dashboards use (keeps the console's chunk small): bar, line, pie, funnel and map.
echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  MapChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type EChartsOption = Parameters<echarts.ECharts["setOption"]>[0];
