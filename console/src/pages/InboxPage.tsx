/** The analyst's alerts: the matches of their subscriptions, newest first, filtered by rule, pair, topic, source. */
import { useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/console-api.ts';
import type { Alert } from '../api/types.ts';
import { Highlighted, termMarks } from '../components/Highlighted.tsx';
import { Labels } from '../components/Labels.tsx';
import { ErrorNote, Show } from '../components/Status.tsx';
import { useLoad } from '../components/use-load.ts';
import { articleHash, routeHash } from '../routing/hash-route.ts';
import { navigate } from '../routing/use-hash-route.ts';
import { formatDateTime } from '../text/dates.ts';

const FILTERS = ['rule', 'pair', 'topic', 'source'] as const;

export function AlertItem({ alert }: { alert: Alert }) {
  return (
    <li class="card alert">
      <h2 class="card-title">
        <a href={articleHash(alert.articleId)} dir="auto">
          {alert.title}
        </a>
      </h2>
      <p class="meta">
        <span>{alert.source ?? 'Unknown source'}</span> · <span>rule “{alert.ruleName}”</span> ·{' '}
        <time dateTime={alert.matchedAt}>{formatDateTime(alert.matchedAt)}</time>
      </p>
      <p class="snippet">
        <Highlighted text={alert.snippet} marks={termMarks(alert.highlights, alert.ruleName)} />
      </p>
      <Labels pairs={alert.pairs} topics={alert.topics} />
    </li>
  );
}

export function InboxPage({ api, filters }: { api: ConsoleApi; filters: Record<string, string> }) {
  const [rules] = useLoad(() => api.listRules(), []);
  const [draft, setDraft] = useState<Record<string, string>>(filters);
  const [first] = useLoad(() => api.listAlerts(filters), [JSON.stringify(filters)]);
  const [more, setMore] = useState<{ alerts: Alert[]; nextCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<Error | null>(null);

  const apply = (event: Event) => {
    event.preventDefault();
    navigate(routeHash('/inbox', draft));
  };
  const loadMore = async (cursor: string) => {
    try {
      const page = await api.listAlerts({ ...filters, cursor });
      setMore((previous) => ({
        alerts: [...(previous?.alerts ?? []), ...page.alerts],
        nextCursor: page.nextCursor,
      }));
    } catch (error) {
      setMoreError(error as Error);
    }
  };

  return (
    <>
      <form class="filters" onSubmit={apply} aria-label="Filter alerts">
        {FILTERS.map((name) =>
          name === 'rule' ? (
            <label key={name}>
              Rule
              <select
                value={draft.rule ?? ''}
                onChange={(event) => setDraft({ ...draft, rule: event.currentTarget.value })}
              >
                <option value="">Any rule</option>
                {rules.state === 'done' &&
                  rules.value.rules.map((rule) => (
                    <option key={rule.id} value={rule.id}>
                      {rule.name}
                    </option>
                  ))}
              </select>
            </label>
          ) : (
            <label key={name}>
              {name[0]?.toUpperCase()}
              {name.slice(1)}
              <input
                value={draft[name] ?? ''}
                placeholder={{ pair: 'PK-US', topic: 'security', source: 'Loopback Ledger' }[name]}
                onInput={(event) => setDraft({ ...draft, [name]: event.currentTarget.value })}
              />
            </label>
          ),
        )}
        <button type="submit">Filter</button>
      </form>
      <Show loaded={first} what="alerts">
        {(page) => {
          const alerts = [...page.alerts, ...(more?.alerts ?? [])];
          const cursor = more === null ? page.nextCursor : more.nextCursor;
          return (
            <>
              {alerts.length === 0 ? (
                <p>
                  No alerts{Object.values(filters).some(Boolean) ? ' match these filters' : ' yet'}. Alerts
                  appear here when an article matches a rule, pair or topic you{' '}
                  <a href="#/subscriptions">subscribe to</a>.
                </p>
              ) : (
                <ol class="cards" aria-label="Alerts">
                  {alerts.map((alert) => (
                    <AlertItem key={`${alert.ruleId}/${alert.articleId}`} alert={alert} />
                  ))}
                </ol>
              )}
              {moreError !== null && <ErrorNote error={moreError} />}
              {cursor !== null && (
                <button type="button" onClick={() => loadMore(cursor)}>
                  More alerts
                </button>
              )}
            </>
          );
        }}
      </Show>
    </>
  );
}
