/**
 * One article: its extracted text with the evidence for each label highlighted — the sentences that
 * made each country, pair (and its relation) and topic, and the terms of each rule that matched. The
 * analyst can show one label's evidence at a time; the text keeps its own direction (dir="auto").
 */
import { useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/console-api.ts';
import type { ArticleView, FieldSpan } from '../api/types.ts';
import { Highlighted } from '../components/Highlighted.tsx';
import { Show } from '../components/Status.tsx';
import { useLoad } from '../components/use-load.ts';
import { routeHash } from '../routing/hash-route.ts';
import { formatDateTime } from '../text/dates.ts';
import type { Mark } from '../text/highlight-segments.ts';

type EvidenceKind = 'country' | 'pair' | 'relation' | 'topic' | 'rule';

interface LabelEvidence {
  key: string;
  kind: EvidenceKind;
  label: string;
  spans: FieldSpan[];
}

/** Every label of the article with its evidence, in the order the page lists them. */
export function labelEvidence(article: ArticleView): LabelEvidence[] {
  return [
    ...article.rules.map(({ ruleId, ruleName, highlights }) => ({
      key: `rule:${ruleId}`,
      kind: 'rule' as const,
      label: `Rule “${ruleName}”`,
      spans: highlights,
    })),
    ...article.pairs.flatMap(({ pair, relation, evidence }) => [
      { key: `pair:${pair}`, kind: 'pair' as const, label: `Pair ${pair}`, spans: evidence },
      ...(relation === null
        ? []
        : [
            {
              key: `relation:${pair}`,
              kind: 'relation' as const,
              label: `${pair} relation: ${relation.type}`,
              spans: relation.evidence === null ? [] : [relation.evidence],
            },
          ]),
    ]),
    ...article.countries.map(({ code, name, evidence }) => ({
      key: `country:${code}`,
      kind: 'country' as const,
      label: `Country ${name} (${code})`,
      spans: evidence,
    })),
    ...article.topics.map(({ id, evidence }) => ({
      key: `topic:${id}`,
      kind: 'topic' as const,
      label: `Topic ${id}`,
      spans: evidence,
    })),
  ];
}

function marksIn(field: FieldSpan['field'], shown: readonly LabelEvidence[]): Mark[] {
  return shown.flatMap(({ kind, label, spans }) =>
    spans.filter((span) => span.field === field).map(({ start, end }) => ({ start, end, kind, label })),
  );
}

function ArticleBody({ article }: { article: ArticleView }) {
  const evidence = labelEvidence(article);
  const [only, setOnly] = useState<string | null>(null);
  const shown = only === null ? evidence : evidence.filter(({ key }) => key === only);
  return (
    <article>
      <h2 class="article-title">
        <Highlighted text={article.title} marks={marksIn('title', shown)} lang={article.lang} />
      </h2>
      <p class="meta">
        <span>{article.source ?? 'Unknown source'}</span>
        {article.byline !== null && article.byline !== '' && (
          <>
            {' · '}
            <span dir="auto">{article.byline}</span>
          </>
        )}
        {' · '}
        <time dateTime={article.publishedAt ?? undefined}>{formatDateTime(article.publishedAt)}</time>
        {' · '}
        <a href={article.url} rel="noopener noreferrer" target="_blank">
          Original article
        </a>
      </p>
      <section class="evidence" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">Why it is labelled so</h2>
        <p class="muted">Choose a label to highlight only its evidence.</p>
        <ul class="evidence-list">
          <li>
            <button type="button" aria-pressed={only === null} onClick={() => setOnly(null)}>
              All evidence
            </button>
          </li>
          {evidence.map(({ key, kind, label, spans }) => (
            <li key={key}>
              <button
                type="button"
                class={`evidence-${kind}`}
                aria-pressed={only === key}
                onClick={() => setOnly(only === key ? null : key)}
              >
                <span class={`swatch mark-${kind}`} aria-hidden="true" />
                {label}
                <span class="muted">
                  {' '}
                  (
                  {spans.length === 0
                    ? 'no passage found'
                    : spans.length === 1
                      ? '1 passage'
                      : `${spans.length} passages`}
                  )
                </span>
              </button>
              {kind === 'pair' && (
                <a class="small" href={routeHash(`/trends/${encodeURIComponent(key.slice(5))}`)}>
                  timeline
                </a>
              )}
            </li>
          ))}
        </ul>
      </section>
      <div class="article-text">
        <Highlighted text={article.text} marks={marksIn('text', shown)} lang={article.lang} />
      </div>
    </article>
  );
}

export function ArticlePage({ api, articleId }: { api: ConsoleApi; articleId: string }) {
  const [article] = useLoad(() => api.article(articleId), [articleId]);
  return (
    <Show loaded={article} what="the article">
      {(value) => <ArticleBody article={value} />}
    </Show>
  );
}
