/**
 * Writing a rule: the query is checked as the analyst types (a syntax error shown at its position),
 * previewed against the archive of the last days (matches per day, the newest matches with their
 * terms highlighted), then saved. `rules test`, made visual.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/console-api.ts';
import type { Me, Rule, RuleCheck, RulePreview } from '../api/types.ts';
import { DayChart } from '../components/Charts.tsx';
import { Highlighted, termMarks } from '../components/Highlighted.tsx';
import { ErrorNote, Show } from '../components/Status.tsx';
import { useDebounced } from '../components/use-debounced.ts';
import { useLoad } from '../components/use-load.ts';
import { articleHash, routeHash } from '../routing/hash-route.ts';
import { navigate } from '../routing/use-hash-route.ts';
import { formatDateTime, formatDay } from '../text/dates.ts';

/** How long typing must pause before the query is checked. */
const CHECK_DELAY_MS = 300;
/** The API previews at most 90 days back. */
const PREVIEW_DAYS = [7, 30, 90];

type Check =
  | { state: 'empty' }
  | { state: 'checking' }
  | { state: 'checked'; result: RuleCheck }
  | { state: 'failed'; error: Error };

function QueryError({ query, message, position }: { query: string; message: string; position: number }) {
  const at = Math.min(Math.max(0, position), query.length);
  // The rule language's own messages start with the position; it is said once, here.
  const reason = message.replace(/^at position \d+:\s*/, '');
  return (
    <div class="query-error">
      <p class="error">
        Syntax error at position {at}: {reason}
      </p>
      <p class="query-at" aria-hidden="true">
        <code>
          {query.slice(0, at)}
          <mark class="error-at">{query.slice(at, at + 1) || ' '}</mark>
          {query.slice(at + 1)}
        </code>
      </p>
    </div>
  );
}

function PreviewResult({ preview, days }: { preview: RulePreview; days: number }) {
  const total = preview.days.reduce((sum, { count }) => sum + count, 0);
  return (
    <section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">
        {total === 1 ? '1 match' : `${total} matches`} in the last {days} days
      </h2>
      <p class="muted">
        {preview.scanned} archived articles read
        {preview.truncated
          ? '; the preview stopped early (time or size limit), so there may be more matches.'
          : '.'}
      </p>
      <DayChart
        days={preview.days}
        label="Matches"
        summary={`Matches per day: ${preview.days.map(({ date, count }) => `${formatDay(date)} ${count}`).join(', ')}`}
      />
      {preview.articles.length === 0 ? (
        <p>No archived article matches this rule in that time.</p>
      ) : (
        <>
          <h3>Newest matches</h3>
          <ol class="cards" aria-label="Newest matches">
            {preview.articles.map((article) => (
              <li key={article.articleId} class="card">
                <h4 class="card-title">
                  <a href={articleHash(article.articleId)} dir="auto">
                    {article.title}
                  </a>
                </h4>
                <p class="meta">
                  {article.source} ·{' '}
                  <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt)}</time>
                </p>
                <p class="snippet">
                  <Highlighted text={article.snippet} marks={termMarks(article.highlights, 'matched term')} />
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Editor({ api, me, rule, saved }: { api: ConsoleApi; me: Me; rule: Rule | null; saved: boolean }) {
  const [name, setName] = useState(rule?.name ?? '');
  const [query, setQuery] = useState(rule?.query ?? '');
  const [check, setCheck] = useState<Check>({ state: 'empty' });
  const [days, setDays] = useState(7);
  const [preview, setPreview] = useState<
    | { state: 'idle' }
    | { state: 'running' }
    | { state: 'done'; value: RulePreview; days: number }
    | { state: 'failed'; error: Error }
  >({ state: 'idle' });
  const [saveError, setSaveError] = useState<Error | null>(null);
  const settledQuery = useDebounced(query, CHECK_DELAY_MS);
  const editable = rule === null || rule.mine || me.admin;

  useEffect(() => {
    if (settledQuery.trim() === '') {
      setCheck({ state: 'empty' });
      return;
    }
    let current = true;
    setCheck({ state: 'checking' });
    api.checkRule(settledQuery).then(
      (result) => current && setCheck({ state: 'checked', result }),
      (error: Error) => current && setCheck({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [api, settledQuery]);

  const upToDate = settledQuery === query && check.state === 'checked';
  const valid = upToDate && check.state === 'checked' && check.result.valid;
  const invalid = check.state === 'checked' && !check.result.valid ? check.result.error : null;

  const runPreview = async () => {
    setPreview({ state: 'running' });
    try {
      setPreview({ state: 'done', value: await api.previewRule(query, days), days });
    } catch (error) {
      setPreview({ state: 'failed', error: error as Error });
    }
  };
  const save = async (event: Event) => {
    event.preventDefault();
    setSaveError(null);
    try {
      const stored =
        rule === null
          ? await api.createRule({ name, query })
          : await api.updateRule(rule.id, { name, query });
      navigate(routeHash(`/rules/${encodeURIComponent(stored.id)}`, { saved: String(Date.now()) }));
    } catch (error) {
      setSaveError(error as Error);
    }
  };

  return (
    <>
      {saved && rule !== null && (
        <p class="success" role="status">
          Saved.{' '}
          <a href={routeHash('/subscriptions', { kind: 'rule', value: rule.id })}>
            Subscribe to “{rule.name}”
          </a>{' '}
          to get its alerts.
        </p>
      )}
      {!editable && <p class="muted">This rule is {rule?.owner}’s: you can preview it, not change it.</p>}
      <form class="rule-form" onSubmit={save}>
        <label>
          Name
          <input
            value={name}
            required
            maxLength={120}
            readOnly={!editable}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <label>
          Query
          <textarea
            value={query}
            rows={3}
            required
            spellcheck={false}
            readOnly={!editable}
            aria-invalid={invalid !== null}
            aria-describedby="query-help query-status"
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </label>
        <p id="query-help" class="muted small">
          Words, "phrases", prefix*, a NEAR/5 b, AND, OR, NOT or -, ( ), and fields such as pair:PK-US or
          title:islamabad. See docs/rules.md.
        </p>
        <div id="query-status" aria-live="polite">
          {check.state === 'checking' && <p class="muted">Checking…</p>}
          {check.state === 'failed' && <ErrorNote error={check.error} />}
          {valid && <p class="success">The query is valid.</p>}
          {invalid !== null && settledQuery === query && (
            <QueryError query={query} message={invalid.message} position={invalid.position} />
          )}
        </div>
        <div class="row">
          <label>
            Preview over the last
            <select value={days} onChange={(event) => setDays(Number(event.currentTarget.value))}>
              {PREVIEW_DAYS.map((count) => (
                <option key={count} value={count}>
                  {count} days
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!valid || preview.state === 'running'} onClick={runPreview}>
            {preview.state === 'running' ? 'Previewing…' : 'Preview'}
          </button>
          {editable && (
            <button type="submit" class="primary" disabled={!valid || name.trim() === ''}>
              {rule === null ? 'Save rule' : 'Save changes'}
            </button>
          )}
        </div>
        {saveError !== null && <ErrorNote error={saveError} />}
      </form>
      {preview.state === 'failed' && <ErrorNote error={preview.error} />}
      {preview.state === 'done' && <PreviewResult preview={preview.value} days={preview.days} />}
    </>
  );
}

export function RuleEditorPage({
  api,
  me,
  ruleId,
  filters,
}: {
  api: ConsoleApi;
  me: Me;
  ruleId: string | null;
  filters: Record<string, string>;
}) {
  const [rules] = useLoad(() => (ruleId === null ? Promise.resolve(null) : api.listRules()), [ruleId]);
  if (ruleId === null) return <Editor api={api} me={me} rule={null} saved={false} />;
  return (
    <Show loaded={rules} what="the rule">
      {(loaded) => {
        const rule = loaded?.rules.find(({ id }) => id === ruleId);
        if (rule === undefined)
          return (
            <p role="alert">
              There is no rule “{ruleId}”. <a href="#/rules">All rules</a>
            </p>
          );
        return (
          <Editor
            key={`${rule.id}/${filters.saved ?? ''}`}
            api={api}
            me={me}
            rule={rule}
            saved={filters.saved !== undefined}
          />
        );
      }}
    </Show>
  );
}
