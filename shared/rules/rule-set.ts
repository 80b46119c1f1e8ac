/**
 * A compiled set of analysts' rules. Compiling parses every rule once and indexes them in a
 * presearcher; matching an article indexes its words once, asks the presearcher which rules could
 * match, and evaluates only those, returning for each match its highlights and a snippet.
 * A match's highlights and snippet are built only when read: with hundreds of matching rules per
 * article they are a large share of matching time, and most callers deliver or print only some
 * matches (replay, backtest and benchmarks read rule ids only).
 */
import { articleIndexOptions, indexArticle } from './article-index.ts';
import type { ArticleLabelInput } from './article-labels.ts';
import { WorkBudget, WorkLimitExceeded } from './match-budget.ts';
import { type Highlight, type HighlightSource, snippetFor, toHighlights } from './match-highlights.ts';
import { Presearcher } from './presearcher.ts';
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

/**
 * Compiles the rules; throws RuleSyntaxError, its message naming the rule, for the first bad one
 * (unless `onInvalidRule` is given, which then receives each bad rule instead).
 */
export function compileRuleSet(rules: readonly RuleDefinition[], options: RuleSetOptions = {}): RuleSet {
  const ids: string[] = [];
  const nodes: RuleNode[] = [];
  for (const rule of rules) {
    try {
      nodes.push(parseDefinition(rule));
      ids.push(rule.id);
    } catch (error) {
      if (!(error instanceof RuleSyntaxError) || options.onInvalidRule === undefined) throw error;
      options.onInvalidRule(rule.id, error);
    }
  }
  const indexOptions = articleIndexOptions(nodes);
  const presearcher = options.presearch === false ? null : new Presearcher(nodes);
  const everyRule = nodes.map((_, rule) => rule);

  return {
    size: nodes.length,
    match(article: MatchableArticle): RuleMatch[] {
      const index = indexArticle(article, indexOptions);
      const source: HighlightSource = { title: index.title, text: index.text, sentences: index.sentences };
      const matches: RuleMatch[] = [];
      for (const rule of presearcher === null ? everyRule : presearcher.candidates(index)) {
        const node = nodes[rule] as RuleNode;
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
