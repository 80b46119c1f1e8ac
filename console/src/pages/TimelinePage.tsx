/** Articles per day for one country pair; each day leads to its articles. */
import type { ConsoleApi } from '../api/console-api.ts';
import { DayChart } from '../components/Charts.tsx';
import { PeriodForm } from '../components/PeriodForm.tsx';
import { Show } from '../components/Status.tsx';
import { useLoad } from '../components/use-load.ts';
import { routeHash } from '../routing/hash-route.ts';
import { navigate } from '../routing/use-hash-route.ts';
import { formatDay } from '../text/dates.ts';

export function TimelinePage({
  api,
  pair,
  filters,
}: {
  api: ConsoleApi;
  pair: string;
  filters: Record<string, string>;
}) {
  const [timeline] = useLoad(
    () => api.timeline({ pair, since: filters.since, until: filters.until }),
    [pair, filters.since, filters.until],
  );
  const dayHash = (date: string) => routeHash('/articles', { pair, date });
  return (
    <>
      <p>
        <a href="#/trends">Back to the heat map</a>
      </p>
      <PeriodForm
        since={filters.since ?? ''}
        until={filters.until ?? ''}
        onChange={(period) => navigate(routeHash(`/trends/${encodeURIComponent(pair)}`, period))}
      />
      <Show loaded={timeline} what="the timeline">
        {({ days }) => (
          <>
            <DayChart
              days={days}
              label={`${pair} articles`}
              summary={`${pair} articles per day: ${days.map(({ date, count }) => `${formatDay(date)} ${count}`).join(', ')}`}
              onPick={({ date }) => navigate(dayHash(date))}
            />
            {days.some(({ count }) => count > 0) ? (
              <table>
                <caption>Days with {pair} articles (every other day of the period has none)</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Articles</th>
                  </tr>
                </thead>
                <tbody>
                  {days
                    .filter(({ count }) => count > 0)
                    .map(({ date, count }) => (
                      <tr key={date}>
                        <th scope="row">{formatDay(date)}</th>
                        <td class="count">
                          <a
                            href={dayHash(date)}
                            aria-label={`${count} ${pair} articles on ${formatDay(date)}`}
                          >
                            {count}
                          </a>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            ) : (
              <p>No {pair} articles in this period.</p>
            )}
          </>
        )}
      </Show>
    </>
  );
}
