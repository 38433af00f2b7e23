import { useEffect, useRef } from "react";
import { type EChartsOption, echarts } from "./echarts-setup";

/** One ECharts canvas that follows its box's size; `onClick` gets the clicked item's name and data. */
export function EChart(props: {
  option: EChartsOption;
  height: number | string;
  theme?: "dark";
  onClick?: (p: { name: string; data: unknown; dataIndex: number }) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(props.onClick);
  click.current = props.onClick;
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, props.theme);
    chart.current = c;
    c.on("click", (p) => click.current?.(p as never));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
    };
  }, [props.theme]);
  useEffect(() => {
    chart.current?.setOption(props.option, true);
  }, [props.option]);
  return <div ref={box} style={{ width: "100%", height: props.height }} data-testid={props.testId} />;
}

/** Registers a map (GeoJSON of sub-regions) once under `name`. */
export function registerMap(name: string, geo: unknown) {
  echarts.registerMap(name, geo as never);
}
