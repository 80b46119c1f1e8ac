/** The articles behind a heat-map cell or a timeline day: one pair's and/or one topic's, in a period. */
import { useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/console-api.ts';
import type { ArticleSummary } from '../api/types.ts';
import { Labels } from '../components/Labels.tsx';
import { ErrorNote, Show } from '../components/Status.tsx';
import { useLoad } from '../components/use-load.ts';
import { articleHash } from '../routing/hash-route.ts';
import { formatDateTime, formatDay } from '../text/dates.ts';

/** What the list is of, in words: "PK-US · security · Tue 24 Nov 2026". */
export function listingTitle(filters: Record<string, string>): string {
  const period = filters.date
    ? formatDay(filters.date)
    : [filters.since && `from ${formatDay(filters.since)}`, filters.until && `to ${formatDay(filters.until)}`]
        .filter(Boolean)
        .join(' ');
  return [filters.pair, filters.topic, period].filter(Boolean).join(' · ');
}

export function ArticlesPage({ api, filters }: { api: ConsoleApi; filters: Record<string, string> }) {
  const query = {
    pair: filters.pair,
    topic: filters.topic,
    date: filters.date,
    since: filters.since,
    until: filters.until,
  };
  const [first] = useLoad(() => api.listArticles(query), [JSON.stringify(query)]);
  const [more, setMore] = useState<{ articles: ArticleSummary[]; nextCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<Error | null>(null);
  const loadMore = async (cursor: string) => {
    try {
      const page = await api.listArticles({ ...query, cursor });
      setMore((previous) => ({
        articles: [...(previous?.articles ?? []), ...page.articles],
        nextCursor: page.nextCursor,
      }));
    } catch (error) {
      setMoreError(error as Error);
    }
  };
  return (
    <>
      <p class="lead">{listingTitle(filters)}</p>
      <Show loaded={first} what="articles">
        {(page) => {
          const articles = [...page.articles, ...(more?.articles ?? [])];
          const cursor = more === null ? page.nextCursor : more.nextCursor;
          return (
            <>
              {articles.length === 0 ? (
                <p>No articles.</p>
              ) : (
                <ol class="cards" aria-label="Articles">
                  {articles.map((article) => (
                    <li key={article.articleId} class="card">
                      <h2 class="card-title">
                        <a href={articleHash(article.articleId)} dir="auto">
                          {article.title}
                        </a>
                      </h2>
                      <p class="meta">
                        {article.source ?? 'Unknown source'} ·{' '}
                        <time dateTime={article.publishedAt ?? undefined}>
                          {formatDateTime(article.publishedAt)}
                        </time>
                      </p>
                      <Labels pairs={article.pairs ?? []} topics={article.topics ?? []} />
                    </li>
                  ))}
                </ol>
              )}
              {moreError !== null && <ErrorNote error={moreError} />}
              {cursor !== null && (
                <button type="button" onClick={() => loadMore(cursor)}>
                  More articles
                </button>
              )}
            </>
          );
        }}
      </Show>
    </>
  );
}
