/**
 * A compiled set of analysts' rules. Compiling parses every rule once and indexes them in a
 * presearcher; matching an article indexes its words once, asks the presearcher which rules could
 * match, and evaluates only those, returning for each match its highlights and a snippet.
 */
import { articleIndexOptions, indexArticle } from './article-index.ts';
import type { ArticleLabelInput } from './article-labels.ts';
import { type Highlight, snippetFor, toHighlights } from './match-highlights.ts';
import { Presearcher } from './presearcher.ts';
import { collectMatchedPieces, holds, type MatchedPiece } from './rule-evaluation.ts';
import { parseRule, type RuleNode, RuleSyntaxError } from './rule-language.ts';

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

export interface RuleMatch {
  ruleId: string;
  highlights: Highlight[];
  snippet: string;
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
}

function parseDefinition(rule: RuleDefinition): RuleNode {
  try {
    return parseRule(rule.query);
  } catch (error) {
    if (!(error instanceof RuleSyntaxError)) throw error;
    throw new RuleSyntaxError(`rule "${rule.id}": ${error.message}`, error.position, error.expected);
  }
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
      const matches: RuleMatch[] = [];
      for (const rule of presearcher === null ? everyRule : presearcher.candidates(index)) {
        const node = nodes[rule] as RuleNode;
        if (!holds(node, index)) continue;
        const pieces: MatchedPiece[] = [];
        collectMatchedPieces(node, index, pieces);
        matches.push({
          ruleId: ids[rule] as string,
          highlights: toHighlights(pieces, index),
          snippet: snippetFor(pieces, index),
        });
      }
      return matches;
    },
  };
}
