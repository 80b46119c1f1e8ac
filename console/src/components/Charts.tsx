/**
 * Chart canvases. The drawing code is fetched when a chart is first shown (see charts/charts.ts).
 * A canvas says nothing to a screen reader or a keyboard, so each chart is an image with a summary,
 * and every page that shows one also lists its numbers as a table of links.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { DayCount, HeatMap } from '../api/types.ts';
import type { DrawnChart } from '../charts/charts.ts';

function useChart(
  draw: (canvas: HTMLCanvasElement, charts: typeof import('../charts/charts.ts')) => DrawnChart,
  inputs: readonly unknown[],
) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let drawn: DrawnChart | null = null;
    let current = true;
    import('../charts/charts.ts').then((charts) => {
      if (current && canvas.current !== null) drawn = draw(canvas.current, charts);
    });
    return () => {
      current = false;
      drawn?.destroy();
    };
  }, inputs);
  return canvas;
}

export function DayChart({
  days,
  label,
  summary,
  onPick,
}: {
  days: readonly DayCount[];
  label: string;
  summary: string;
  /** What clicking a day's bar does; nothing when left out. */
  onPick?: (day: DayCount) => void;
}) {
  const canvas = useChart((element, charts) => charts.drawDayChart(element, days, label, onPick), [days]);
  return (
    <div class="chart chart-days">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}

export function HeatMapChart({
  heatMap,
  summary,
  onPick,
}: {
  heatMap: HeatMap;
  summary: string;
  onPick: (cell: { pair: string; topic: string }) => void;
}) {
  const canvas = useChart((element, charts) => charts.drawHeatMap(element, heatMap, onPick), [heatMap]);
  // Tall enough for every pair's row to be read.
  const height = Math.max(200, 40 + heatMap.pairs.length * 28);
  return (
    <div class="chart chart-heatmap" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
