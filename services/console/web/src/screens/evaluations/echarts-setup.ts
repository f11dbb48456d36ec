import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import langVI from 'echarts/lib/i18n/langVI.js';
import { CanvasRenderer } from 'echarts/renderers';

// The canvas renderer draws through the canvas API: the console's CSP allows no inline style attributes, which the SVG renderer writes.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, AriaComponent, CanvasRenderer]);
echarts.registerLocale('VI', langVI);

export { echarts };
