/**
 * A compiled set of analysts' rules. Compiling parses every rule once and indexes them in a
 * presearcher; matching an article indexes its words once, asks the presearcher which rules could
 * match, and evaluates only those, returning for each match its highlights and a snippet.
 * A match's highlights and snippet are built only when read: with hundreds of matching rules per
 * article they are a large share of matching time, and most callers deliver or print only some
 * matches (replay, backtest and benchmarks read rule ids only).
 */
import {
  type ArticleIndexOptions,
  articleIndexOptions,
  indexArticle,
  type RuleWords,
  ruleWords,
} from './article-index.ts';
import type { ArticleLabelInput } from './article-labels.ts';
import { WorkBudget, WorkLimitExceeded } from './match-budget.ts';
import { type Highlight, type HighlightSource, snippetFor, toHighlights } from './match-highlights.ts';
import { Presearcher, presearchTables } from './presearcher.ts';
import { collectMatchedPieces, holds, type MatchedPiece } from './rule-evaluation.ts';
import { parseRule, type RuleNode, RuleSyntaxError } from './rule-language.ts';

export { MAX_RULE_STEPS, WorkLimitExceeded } from './match-budget.ts';
export type { Highlight } from './match-highlights.ts';

export interface RuleDefinition {
  id: string;
  name?: string;
  query: string;
}

export interface MatchableArticle {
  title: string;
  text: string;
  source?: string | null;
  lang?: string | null;
  countries?: readonly string[];
  pairs?: readonly string[];
  topics?: readonly string[];
  relations?: ArticleLabelInput['relations'];
}

/**
 * `highlights` and `snippet` are worked out the first time either is read, then kept; they are
 * enumerable getters, so a match compares, spreads and serialises as a plain object does.
 */
export interface RuleMatch {
  readonly ruleId: string;
  readonly highlights: Highlight[];
  readonly snippet: string;
}

export interface RuleSet {
  readonly size: number;
  match(article: MatchableArticle): RuleMatch[];
}

export interface RuleSetOptions {
  /** false: evaluate every rule for every article (the brute-force peer the presearcher is checked against). */
  presearch?: boolean;
  /**
   * Leaves out a rule that does not parse and reports it here, instead of throwing: one analyst's
   * broken rule must not silence everybody else's.
   */
  onInvalidRule?: (ruleId: string, error: RuleSyntaxError) => void;
  /**
   * Receives each rule that ran out of its work budget on an article (see match-budget.ts); such a
   * rule does not match that article. Without this option the rule is left out silently.
   */
  onWorkLimit?: (ruleId: string, article: MatchableArticle, error: WorkLimitExceeded) => void;
  /** Steps one rule may take on one article; MAX_RULE_STEPS unless given. */
  maxRuleSteps?: number;
}

/** What matching does with a rule that runs out of work on an article. */
export type MatchingOptions = Pick<RuleSetOptions, 'onWorkLimit' | 'maxRuleSteps'>;

function parseDefinition(rule: RuleDefinition): RuleNode {
  try {
    return parseRule(rule.query);
  } catch (error) {
    if (!(error instanceof RuleSyntaxError)) throw error;
    throw new RuleSyntaxError(`rule "${rule.id}": ${error.message}`, error.position, error.expected);
  }
}

interface Explanation {
  highlights: Highlight[];
  snippet: string;
}

/**
 * A match whose highlights and snippet are built when first read, from the stretches the rule
 * matched (found while matching) and the article's title, text and sentences. It does not keep the
 * article's index: matches that did (to find the stretches lazily too) measured slower, with 40 MB
 * more RSS, in `bench match` at 100k rules; finding the stretches is the smaller part anyway.
 */
function lazyMatch(ruleId: string, pieces: readonly MatchedPiece[], source: HighlightSource): RuleMatch {
  let explanation: Explanation | undefined;
  const explain = (): Explanation => {
    explanation ??= { highlights: toHighlights(pieces, source), snippet: snippetFor(pieces, source) };
    return explanation;
  };
  return {
    ruleId,
    get highlights() {
      return explain().highlights;
    },
    get snippet() {
      return explain().snippet;
    },
  };
}

/** The rules that parse, with their syntax trees; the others are reported or thrown (see compileRuleSet). */
function parseDefinitions<R extends RuleDefinition>(
  rules: readonly R[],
  options: RuleSetOptions,
): { rules: R[]; nodes: RuleNode[] } {
  const parsed: R[] = [];
  const nodes: RuleNode[] = [];
  for (const rule of rules) {
    try {
      nodes.push(parseDefinition(rule));
      parsed.push(rule);
    } catch (error) {
      if (!(error instanceof RuleSyntaxError) || options.onInvalidRule === undefined) throw error;
      options.onInvalidRule(rule.id, error);
    }
  }
  return { rules: parsed, nodes };
}

/** A rule set matching with the rules' syntax trees, got by position through `nodeAt`. */
function ruleSetOf(
  ids: readonly string[],
  nodeAt: (rule: number) => RuleNode,
  indexOptions: ArticleIndexOptions,
  presearcher: Presearcher | null,
  options: MatchingOptions,
): RuleSet {
  const everyRule = ids.map((_, rule) => rule);
  return {
    size: ids.length,
    match(article: MatchableArticle): RuleMatch[] {
      const index = indexArticle(article, indexOptions);
      const source: HighlightSource = { title: index.title, text: index.text, sentences: index.sentences };
      const matches: RuleMatch[] = [];
      for (const rule of presearcher === null ? everyRule : presearcher.candidates(index)) {
        const node = nodeAt(rule);
        const ruleId = ids[rule] as string;
        const budget = new WorkBudget(options.maxRuleSteps);
        const pieces: MatchedPiece[] = [];
        try {
          if (!holds(node, index, budget)) continue;
          collectMatchedPieces(node, index, pieces, budget);
        } catch (error) {
          if (!(error instanceof WorkLimitExceeded)) throw error;
          options.onWorkLimit?.(ruleId, article, error);
          continue;
        }
        matches.push(lazyMatch(ruleId, pieces, source));
      }
      return matches;
    },
  };
}

/**
 * Compiles the rules; throws RuleSyntaxError, its message naming the rule, for the first bad one
 * (unless `onInvalidRule` is given, which then receives each bad rule instead).
 */
export function compileRuleSet(rules: readonly RuleDefinition[], options: RuleSetOptions = {}): RuleSet {
  const parsed = parseDefinitions(rules, options);
  const nodes = parsed.nodes;
  return ruleSetOf(
    parsed.rules.map(({ id }) => id),
    (rule) => nodes[rule] as RuleNode,
    articleIndexOptions(ruleWords(nodes)),
    options.presearch === false ? null : Presearcher.forRules(nodes),
    options,
  );
}

/** Names the layout of PrecompiledRuleSet; a loader refuses any other. */
export const PRECOMPILED_RULE_SET_FORMAT = 'wirewatch-precompiled-rules/1';

/**
 * A rule set compiled ahead of time, as JSON-ready data, so that a process holding many rules does
 * not parse them all when it starts: loading it builds the presearcher from its tables and parses
 * a rule only when an article first makes it a candidate. `rules` holds the rules that parse, in
 * the order the tables number them, with whatever else the caller keeps with each (names, dates).
 */
export interface PrecompiledRuleSet<R extends RuleDefinition = RuleDefinition> {
  format: typeof PRECOMPILED_RULE_SET_FORMAT;
  rules: R[];
  words: RuleWords;
  /** PresearchTables, the integer tables as base64 of little-endian 32-bit integers. */
  presearch: { keyKinds: string; keyValues: string[]; clausesAt: string; clauses: string };
}

/** Base64 of the integers, little-endian: decoding that beats parsing a JSON array of a million numbers. */
function encodeIntegers(values: Int32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let at = 0; at < values.length; at += 1) bytes.writeInt32LE(values[at] as number, at * 4);
  return bytes.toString('base64');
}

function decodeIntegers(base64: string): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % 4 !== 0)
    throw new Error('Precompiled rule set is damaged: an integer table is cut short');
  const values = new Int32Array(bytes.length / 4);
  for (let at = 0; at < values.length; at += 1) values[at] = bytes.readInt32LE(at * 4);
  return values;
}

/** Compiles the rules ahead of time; bad rules as in compileRuleSet. */
export function precompileRuleSet<R extends RuleDefinition>(
  rules: readonly R[],
  options: Pick<RuleSetOptions, 'onInvalidRule'> = {},
): PrecompiledRuleSet<R> {
  const parsed = parseDefinitions(rules, options);
  const tables = presearchTables(parsed.nodes);
  return {
    format: PRECOMPILED_RULE_SET_FORMAT,
    rules: parsed.rules,
    words: ruleWords(parsed.nodes),
    presearch: {
      keyKinds: tables.keyKinds,
      keyValues: tables.keyValues,
      clausesAt: encodeIntegers(tables.clausesAt),
      clauses: encodeIntegers(tables.clauses),
    },
  };
}

/**
 * The rule set a precompiled one describes, ready to match. Each rule is parsed when an article first
 * makes it a candidate; a rule that no longer parses (the rule language changed since) throws then,
 * naming the rule.
 */
export function loadRuleSet(precompiled: PrecompiledRuleSet, options: MatchingOptions = {}): RuleSet {
  if (precompiled.format !== PRECOMPILED_RULE_SET_FORMAT) {
    throw new Error(
      `Not a precompiled rule set of this version: format ${JSON.stringify(precompiled.format)}, expected ${PRECOMPILED_RULE_SET_FORMAT}`,
    );
  }
  const { rules, presearch } = precompiled;
  const clausesAt = decodeIntegers(presearch.clausesAt);
  if (clausesAt.length !== rules.length) {
    throw new Error(
      `Precompiled rule set is damaged: ${rules.length} rules, ${clausesAt.length} in its tables`,
    );
  }
  const nodes: (RuleNode | undefined)[] = new Array(rules.length);
  return ruleSetOf(
    rules.map(({ id }) => id),
    (rule) => {
      nodes[rule] ??= parseDefinition(rules[rule] as RuleDefinition);
      return nodes[rule];
    },
    articleIndexOptions(precompiled.words),
    new Presearcher({
      keyKinds: presearch.keyKinds,
      keyValues: presearch.keyValues,
      clausesAt,
      clauses: decodeIntegers(presearch.clauses),
    }),
    options,
  );
}
