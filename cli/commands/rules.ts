import { DynamoDbArticleCatalog } from '../../adapters/dynamodb/article-catalog.dynamodb.ts';
import { DynamoDbRuleStore } from '../../adapters/dynamodb/rule-store.dynamodb.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { type BacktestResult, backtestRule } from '../../shared/pipeline/backtest-rule.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import type { StoredRule } from '../../shared/ports/rule-store.ts';
import { RULE_ID, ruleNameProblem } from '../../shared/rules/rule-identity.ts';
import { parseRule, RuleSyntaxError } from '../../shared/rules/rule-language.ts';
import { checkQueryLength, MAX_RULES, RuleSetLimitError } from '../../shared/rules/rule-set-limits.ts';
import { terminalLine } from '../../shared/text/terminal-text.ts';
import { onlyArgument, parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { alignColumns } from '../columns.ts';
import { parseTimeRange } from '../duration.ts';
import { withTarget } from '../target.ts';

const USAGE = `Usage: wirewatch rules add --id ID [--name NAME] QUERY [--state DIR]
       wirewatch rules list [--state DIR]
       wirewatch rules show ID [--state DIR]
       wirewatch rules remove ID [--state DIR]
       wirewatch rules test QUERY|ID [--since 30d] [--until TIME] [--state DIR]

  QUERY is one argument in the rule language (docs/rules.md); quote it for the shell, and keep the
  double quotes of a phrase inside: wirewatch rules add --id ct-dialogue '"counterterrorism dialogue"'
  test reads the articles archived in the range (whole days, UTC) and prints how many the rule matches
  per day, with up to 5 samples. Without --state, the table is WIREWATCH_TABLE_NAME (and for test, the
  archive WIREWATCH_BUCKET_NAME).`;

const SAMPLE_SIZE = 5;

/** Characters of the query shown before and after the place it stopped, for a query too long for one line. */
const SHOWN_BEFORE = 60;
const SHOWN_AFTER = 20;

/** The parser's message, the query (around that place, when long), and a caret under the place it stopped. */
export function describeSyntaxError(query: string, error: RuleSyntaxError): string {
  const characters = [...query.replace(/[\r\n\t]/g, ' ')];
  const at = [...query.slice(0, error.position)].length;
  const from = Math.max(0, at - SHOWN_BEFORE);
  const to = Math.min(characters.length, at + SHOWN_AFTER);
  const lead = from > 0 ? '…' : '';
  const shown = `${lead}${characters.slice(from, to).join('')}${to < characters.length ? '…' : ''}`;
  return [
    `the query does not parse: ${error.message}`,
    `  ${shown}`,
    `  ${' '.repeat(lead.length + at - from)}^`,
  ].join('\n');
}

export function checkQuery(query: string): void {
  if (query.trim() === '') throw new CliError(`give the rule's query\n\n${USAGE}`);
  try {
    checkQueryLength(query);
    parseRule(query);
  } catch (error) {
    if (error instanceof RuleSyntaxError) throw new CliError(describeSyntaxError(query, error));
    if (error instanceof RuleSetLimitError) throw new CliError(error.message);
    throw error;
  }
}

export function formatBacktest(
  query: string,
  range: { since: string; until: string },
  result: BacktestResult,
) {
  const lines = [
    `Rule ${terminalLine(query)}`,
    `${result.matched} of ${result.articles} archived article${result.articles === 1 ? '' : 's'} matched, ${range.since.slice(0, 10)} to ${range.until.slice(0, 10)}`,
  ];
  if (result.uncatalogued > 0) {
    lines.push(
      `(${result.uncatalogued} not classified yet: matched on their text only, as if they had no labels)`,
    );
  }
  if (result.days.length > 0) {
    lines.push(
      '',
      alignColumns(
        ['day', 'articles', 'matched'],
        result.days.map(({ day, articles, matched }) => [day, String(articles), String(matched)]),
      ),
    );
  }
  if (result.samples.length > 0) {
    lines.push('', 'Samples:');
    for (const sample of result.samples) {
      lines.push(
        `  ${sample.day}  ${terminalLine(sample.title)}`,
        `              ${terminalLine(sample.snippet)}`,
        `              ${terminalLine(sample.url)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function parse(args: string[]) {
  return parseCommandArgs(
    args,
    {
      id: { type: 'string' },
      name: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      state: { type: 'string' },
    },
    USAGE,
    true,
  );
}

export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action, ...rest] = positionals;
  if (action === undefined) {
    console.log(USAGE);
    return 2;
  }
  switch (action) {
    case 'add': {
      const id = values.id;
      if (id === undefined || !RULE_ID.test(id)) {
        throw new CliError(
          '--id is required: letters, digits, ".", "_" or "-", at most 64 (it is what subscriptions filter on)',
        );
      }
      const nameProblem = values.name === undefined ? null : ruleNameProblem(values.name);
      if (nameProblem !== null) throw new CliError(`--name: ${nameProblem}`);
      // The shell splits an unquoted query into words; joined again they read as the same rule.
      const query = rest.join(' ');
      checkQuery(query);
      return withRules(values.state, async (store) => {
        const stored = await store.listRules();
        const previous = stored.find((rule) => rule.id === id);
        if (previous === undefined && stored.length >= MAX_RULES) {
          throw new CliError(
            `there are already ${stored.length} rules, the most wirewatch takes: remove one first`,
          );
        }
        await store.putRule({
          id,
          name: values.name ?? previous?.name ?? id,
          query,
          createdAt: previous?.createdAt ?? systemClock.now().toISOString(),
          // A console rule replaced from the CLI stays its analyst's.
          ...(previous?.owner === undefined ? {} : { owner: previous.owner }),
        });
        console.log(
          previous === undefined
            ? `Added rule ${id}: ${terminalLine(query)}`
            : `Replaced rule ${id}: ${terminalLine(query)} (was: ${terminalLine(previous.query)})`,
        );
        console.log('classify-article picks it up within a minute; alerts go to subscriptions on this rule.');
      });
    }
    case 'list':
      return withRules(values.state, async (store) => {
        const rules = await store.listRules();
        if (rules.length === 0) {
          console.log('No rules yet: add one with `wirewatch rules add --id ID QUERY`.');
          return;
        }
        console.log(
          alignColumns(
            ['id', 'name', 'query'],
            rules.map((rule) => [rule.id, rule.name, rule.query]),
          ),
        );
      });
    case 'show':
      return showRule(onlyArgument(rest, 'rule id', USAGE), values.state);
    case 'remove': {
      const id = onlyArgument(rest, 'rule id', USAGE);
      return withRules(values.state, async (store) => {
        if (!(await store.removeRule(id)))
          throw new CliError(`there is no rule ${id} (see \`wirewatch rules list\`)`);
        console.log(`Removed rule ${id}. Its past alerts stay in the table.`);
        console.log(
          `Subscriptions filtered on {"rule": ["${id}"]} receive nothing more: remove them with \`wirewatch unsubscribe\`.`,
        );
      });
    }
    case 'test':
      return testRule(rest.join(' '), values);
    default:
      throw new CliError(`unknown action "${action}": add, list, show, remove or test\n\n${USAGE}`);
  }
}

async function withRules(state: string | undefined, use: (store: DynamoDbRuleStore) => Promise<void>) {
  return withTarget({ state, needs: ['table'] }, async (target) => {
    await use(new DynamoDbRuleStore(target.table));
    return 0;
  });
}

async function showRule(id: string, state: string | undefined): Promise<number> {
  return withTarget({ state, needs: ['table'] }, async (target) => {
    const rule = (await new DynamoDbRuleStore(target.table).listRules()).find((each) => each.id === id);
    if (rule === undefined) throw new CliError(`there is no rule ${id} (see \`wirewatch rules list\`)`);
    console.log(
      `id       ${rule.id}\nname     ${terminalLine(rule.name)}\nquery    ${terminalLine(rule.query)}\ncreated  ${rule.createdAt}`,
    );
    const reader = createReader(target.table);
    const { items } = await reader.alertsForRule(id, { limit: SAMPLE_SIZE });
    if (items.length === 0) {
      console.log('\nNo alerts yet.');
      return 0;
    }
    console.log(`\nLatest alerts:`);
    const titles = await Promise.all(
      items.map(async (alert) => (await reader.getArticle(alert.articleId))?.title),
    );
    console.log(
      alignColumns(
        ['matched', 'status', 'article'],
        items.map((alert, index) => [
          alert.matchedAt.slice(0, 16).replace('T', ' '),
          alert.status,
          titles[index] ?? alert.articleId,
        ]),
      ),
    );
    return 0;
  });
}

/** A stored rule's id names its query; anything else is a query. */
async function testRule(
  queryOrId: string,
  values: { since?: string | undefined; until?: string | undefined; state?: string | undefined },
): Promise<number> {
  if (queryOrId.trim() === '') throw new CliError(`give a query or a rule id to test\n\n${USAGE}`);
  const range = parseTimeRange(values, systemClock.now(), '30d');
  return withTarget({ state: values.state, needs: ['table', 'archive'] }, async (target) => {
    const stored: StoredRule | undefined = RULE_ID.test(queryOrId)
      ? (await new DynamoDbRuleStore(target.table).listRules()).find((rule) => rule.id === queryOrId)
      : undefined;
    const query = stored?.query ?? queryOrId;
    checkQuery(query);
    const result = await backtestRule(
      { query, ...range, sampleSize: SAMPLE_SIZE },
      { archive: target.archive.store, catalog: new DynamoDbArticleCatalog(target.table) },
    );
    process.stdout.write(
      formatBacktest(stored === undefined ? query : `${stored.id}: ${query}`, range, result),
    );
    return 0;
  });
}
