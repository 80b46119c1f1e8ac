/**
 * `wirewatch match --rules RULES.json [--jsonl] [FILE|-]`: matches {"id"?, "title", "text"} documents
 * against analysts' rules (`[{"id","query"}]`, see docs/rules.md) and prints one
 * `{"id","matches":[{"rule","highlights","snippet"}]}` per document. Documents are classified first,
 * so `country:`, `pair:` and `topic:` rules work on plain text input; `source` and `lang` come from
 * the document when it has them.
 */
import { createClassifier } from '../../shared/classification/classifier.ts';
import { pairRelationLabels } from '../../shared/rules/article-labels.ts';
import { duplicateRuleIds } from '../../shared/rules/rule-identity.ts';
import { RuleSyntaxError } from '../../shared/rules/rule-language.ts';
import { compileRuleSet, type RuleDefinition, type RuleSet } from '../../shared/rules/rule-set.ts';
import { checkRuleSetSize, RuleSetLimitError } from '../../shared/rules/rule-set-limits.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { readDocuments, readFileOrFail, writeJsonLine } from '../input.ts';

const USAGE = 'usage: wirewatch match --rules RULES.json [--jsonl] [FILE|-]';

const RULE_FIELDS = new Set(['id', 'name', 'query']);

function toRuleDefinitions(value: unknown, path: string): RuleDefinition[] {
  if (!Array.isArray(value)) throw new CliError(`${path}: expected a JSON array of {"id","query"}`);
  const definitions = value.map((rule: unknown, at): RuleDefinition => {
    const record = (typeof rule === 'object' && rule !== null ? rule : {}) as Record<string, unknown>;
    const { id, query, name } = record;
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof query !== 'string') {
      throw new CliError(`${path}: rule ${at + 1}: expected {"id": string, "query": string}`);
    }
    // A misspelt field ("qeury", "nmae") would otherwise be dropped without a word.
    const unknown = Object.keys(record).filter((key) => !RULE_FIELDS.has(key));
    if (unknown.length > 0) {
      throw new CliError(
        `${path}: rule ${at + 1}: unknown field ${unknown.map((key) => JSON.stringify(key)).join(', ')}; known: id, name, query`,
      );
    }
    return typeof name === 'string' ? { id: String(id), name, query } : { id: String(id), query };
  });
  const duplicates = duplicateRuleIds(definitions);
  if (duplicates.length > 0) {
    throw new CliError(`${path}: each rule needs its own id; repeated: ${duplicates.join(', ')}`);
  }
  return definitions;
}

async function loadRules(path: string): Promise<RuleSet> {
  let rules: unknown;
  try {
    rules = JSON.parse(await readFileOrFail(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path}: invalid JSON (${(error as Error).message})`);
  }
  try {
    const definitions = toRuleDefinitions(rules, path);
    checkRuleSetSize(definitions);
    return compileRuleSet(definitions, {
      onWorkLimit: (id, _article, error) =>
        console.error(
          `rule "${id}" did not match a document: ${error.message} (the limit per rule and document)`,
        ),
    });
  } catch (error) {
    if (error instanceof RuleSyntaxError || error instanceof RuleSetLimitError)
      throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { rules: { type: 'string' }, jsonl: { type: 'boolean' } },
    USAGE,
    true,
  );
  if (values.rules === undefined) throw new CliError(`expected --rules RULES.json\n${USAGE}`);
  if (positionals.length > 1) throw new CliError(`expected at most one input file\n${USAGE}`);
  const rules = await loadRules(values.rules);
  const classifier = createClassifier();
  for await (const document of readDocuments(positionals[0], values.jsonl === true)) {
    const { countries, pairs, topics } = classifier.classify(document);
    const matches = rules.match({
      title: document.title,
      text: document.text,
      source: optionalString(document.source),
      lang: optionalString(document.lang),
      countries: countries.map(({ code }) => code),
      pairs: pairs.map(({ pair }) => pair),
      topics: topics.map(({ id }) => id),
      relations: pairRelationLabels(pairs),
    });
    await writeJsonLine({
      id: document.id ?? null,
      matches: matches.map(({ ruleId, highlights, snippet }) => ({ rule: ruleId, highlights, snippet })),
    });
  }
  return 0;
}
