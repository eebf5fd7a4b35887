import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent, AriaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

/** A chart drawn on canvas; `label` names it for screen readers (a data table accompanies each chart). */
export function EChart({ option, label, height = 280 }: { option: echarts.EChartsCoreOption; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    // Without a description ECharts writes its own aria-label over the container's (generated English,
    // first values only): give it the label, so the chart is named in the display language.
    const aria = (option.aria ?? {}) as Record<string, unknown>;
    chart.setOption({ ...option, aria: { enabled: true, ...aria, label: { ...(aria.label as object | undefined), description: label } } });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
