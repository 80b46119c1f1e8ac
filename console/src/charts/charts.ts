/**
 * The console's two charts, drawn by Chart.js (the matrix controller for the heat map). Loaded only
 * by the pages that show a chart, so the first load stays small. Animations are off: a chart that
 * moves tells an analyst nothing more, and a screenshot of it is the same every time.
 */
import {
  type ActiveElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartEvent,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import type { DayCount, HeatMap } from '../api/types.ts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  MatrixController,
  MatrixElement,
);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.color = '#1f2933';

export interface DrawnChart {
  destroy(): void;
}

/** Calls back with the index of the data point clicked, if any. */
const onPoint =
  (pick: (index: number) => void) =>
  (_event: ChartEvent, elements: ActiveElement[]): void => {
    const first = elements[0];
    if (first !== undefined) pick(first.index);
  };

/** Articles (or matches) per day as bars; clicking a bar picks its day, when something is to be done with it. */
export function drawDayChart(
  canvas: HTMLCanvasElement,
  days: readonly DayCount[],
  label: string,
  pick?: (day: DayCount) => void,
): DrawnChart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: days.map(({ date }) => date.slice(5)),
      datasets: [{ label, data: days.map(({ count }) => count), backgroundColor: '#1d4ed8' }],
    },
    options: {
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      onClick: onPoint((index) => {
        const day = days[index];
        if (day !== undefined) pick?.(day);
      }),
    },
  });
}

/** Pair × topic counts as a matrix, darker for more; clicking a cell picks it. */
export function drawHeatMap(
  canvas: HTMLCanvasElement,
  heatMap: HeatMap,
  pick: (cell: { pair: string; topic: string }) => void,
): DrawnChart {
  const cells = heatMap.cells.filter(({ count }) => count > 0);
  const most = Math.max(1, ...cells.map(({ count }) => count));
  return new Chart(canvas, {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: 'Articles',
          data: cells.map(({ pair, topic, count }) => ({ x: topic, y: pair, v: count })),
          // Never fainter than 25 %, so a single article is still seen against the page.
          backgroundColor: (context) => {
            const count = cells[context.dataIndex]?.count ?? 0;
            return `rgba(29, 78, 216, ${0.25 + (0.75 * count) / most})`;
          },
          borderColor: '#ffffff',
          borderWidth: 1,
          width: ({ chart }) => (chart.chartArea?.width ?? 0) / Math.max(1, heatMap.topics.length) - 2,
          height: ({ chart }) => (chart.chartArea?.height ?? 0) / Math.max(1, heatMap.pairs.length) - 2,
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      plugins: {
        tooltip: {
          callbacks: {
            title: () => '',
            label: (context) => {
              const cell = cells[context.dataIndex];
              return cell === undefined ? '' : `${cell.pair} · ${cell.topic}: ${cell.count}`;
            },
          },
        },
      },
      scales: {
        x: { type: 'category', labels: heatMap.topics, offset: true, grid: { display: false } },
        // The first (busiest) pair on top, as in the table under the chart.
        y: { type: 'category', labels: heatMap.pairs, offset: true, reverse: true, grid: { display: false } },
      },
      onClick: onPoint((index) => {
        const cell = cells[index];
        if (cell !== undefined) pick(cell);
      }),
    },
  });
}
