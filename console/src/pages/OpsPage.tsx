/** For admins: each feed's state, last error and next poll, and how many messages wait in dead-letter queues. */
import type { ConsoleApi } from '../api/console-api.ts';
import { Show } from '../components/Status.tsx';
import { useLoad } from '../components/use-load.ts';
import { formatDateTime } from '../text/dates.ts';

export function OpsPage({ api }: { api: ConsoleApi }) {
  const [feeds] = useLoad(() => api.feeds(), []);
  const [deadLetters] = useLoad(() => api.deadLetters(), []);
  return (
    <>
      <h2>Dead-letter queues</h2>
      <Show loaded={deadLetters} what="queue depths">
        {({ queues }) => (
          <table>
            <caption class="visually-hidden">Messages in each dead-letter queue</caption>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Messages</th>
              </tr>
            </thead>
            <tbody>
              {queues.map(({ queue, depth }) => (
                <tr key={queue} class={depth > 0 ? 'attention' : undefined}>
                  <th scope="row">{queue}</th>
                  <td class="count">{depth}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
      <h2>Feeds</h2>
      <Show loaded={feeds} what="feeds">
        {({ feeds: list }) => (
          <table>
            <caption class="visually-hidden">Feeds</caption>
            <thead>
              <tr>
                <th scope="col">Feed</th>
                <th scope="col">State</th>
                <th scope="col">Last error</th>
                <th scope="col">Next poll</th>
              </tr>
            </thead>
            <tbody>
              {list.map((feed) => (
                <tr key={feed.feedId} class={feed.state === 'broken' ? 'attention' : undefined}>
                  <th scope="row">
                    {feed.title ?? feed.url}
                    <div class="muted small">{feed.url}</div>
                  </th>
                  <td>
                    {feed.state === 'broken' ? 'Broken' : 'Active'}
                    {feed.consecutiveErrors > 0 && (
                      <div class="muted small">{feed.consecutiveErrors} failed polls in a row</div>
                    )}
                  </td>
                  <td>
                    {feed.lastError === null ? (
                      '—'
                    ) : (
                      <>
                        <code>{feed.lastError.code}</code> {feed.lastError.message}
                        <div class="muted small">{formatDateTime(feed.lastError.at)}</div>
                      </>
                    )}
                  </td>
                  <td>{formatDateTime(feed.nextPollAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
    </>
  );
}
