/**
 * The heat map: articles per country pair × topic over a period (an article counts once however often
 * it was processed). Each cell leads to its articles, from the chart or from the table under it,
 * which is also how a keyboard or a screen reader gets at the numbers.
 */
import type { ConsoleApi } from '../api/console-api.ts';
import type { HeatMap } from '../api/types.ts';
import { HeatMapChart } from '../components/Charts.tsx';
import { PeriodForm } from '../components/PeriodForm.tsx';
import { Show } from '../components/Status.tsx';
import { useLoad } from '../components/use-load.ts';
import { routeHash } from '../routing/hash-route.ts';
import { navigate } from '../routing/use-hash-route.ts';
import { formatDay } from '../text/dates.ts';

const cellHash = (heatMap: HeatMap, pair: string, topic: string) =>
  routeHash('/articles', {
    pair,
    topic,
    since: heatMap.since.slice(0, 10),
    until: heatMap.until.slice(0, 10),
  });

function HeatMapView({ heatMap }: { heatMap: HeatMap }) {
  const counts = new Map(heatMap.cells.map(({ pair, topic, count }) => [`${pair} ${topic}`, count]));
  if (heatMap.pairs.length === 0) return <p>No article in this period has a country pair and a topic.</p>;
  const total = heatMap.cells.reduce((sum, { count }) => sum + count, 0);
  return (
    <>
      <p class="muted">
        {formatDay(heatMap.since.slice(0, 10))} to {formatDay(heatMap.until.slice(0, 10))}:{' '}
        {heatMap.pairs.length} pairs, {heatMap.topics.length} topics. Choose a cell to see its articles, or a
        pair for its timeline.
      </p>
      <HeatMapChart
        heatMap={heatMap}
        summary={`Heat map of ${total} article labels over ${heatMap.pairs.length} pairs and ${heatMap.topics.length} topics; the table below lists the same counts.`}
        onPick={({ pair, topic }) => navigate(cellHash(heatMap, pair, topic))}
      />
      <div class="table-scroll">
        <table class="heatmap-table">
          <caption>Articles per pair and topic</caption>
          <thead>
            <tr>
              <th scope="col">Pair</th>
              {heatMap.topics.map((topic) => (
                <th key={topic} scope="col">
                  {topic}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatMap.pairs.map((pair) => (
              <tr key={pair}>
                <th scope="row">
                  <a href={routeHash(`/trends/${encodeURIComponent(pair)}`)} aria-label={`${pair} timeline`}>
                    {pair}
                  </a>
                </th>
                {heatMap.topics.map((topic) => {
                  const count = counts.get(`${pair} ${topic}`) ?? 0;
                  return (
                    <td key={topic} class="count">
                      {count === 0 ? (
                        <span class="muted">0</span>
                      ) : (
                        <a
                          href={cellHash(heatMap, pair, topic)}
                          aria-label={`${count} ${pair} ${topic} articles`}
                        >
                          {count}
                        </a>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function TrendsPage({ api, filters }: { api: ConsoleApi; filters: Record<string, string> }) {
  const [heatMap] = useLoad(
    () => api.heatMap({ since: filters.since, until: filters.until }),
    [filters.since, filters.until],
  );
  return (
    <>
      <PeriodForm
        since={filters.since ?? ''}
        until={filters.until ?? ''}
        onChange={(period) => navigate(routeHash('/trends', period))}
      />
      <Show loaded={heatMap} what="the heat map">
        {(value) => <HeatMapView heatMap={value} />}
      </Show>
    </>
  );
}
