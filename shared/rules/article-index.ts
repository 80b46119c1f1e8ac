/**
 * What rules are evaluated against: an article's words looked up by key or by their first letters
 * (for wildcards), its sentences and its labels. Built once per article for every rule of a set.
 *
 * Compounds: where two words may be joined (`counter-terrorism`, `counter terrorism`), the joined
 * form is indexed too, spanning both positions, so a rule's `counterterrorism` finds it. Hyphenated
 * compounds are always indexed; space-separated ones only when some rule of the set asks for that
 * joined key, since indexing every pair of neighbouring words would double the work for nothing.
 */
import { type ArticleLabelInput, type ArticleLabels, articleLabels } from './article-labels.ts';
import { MIN_SPACE_JOIN_LENGTH, type SentenceSpan, tokenise, type WordToken, wordKey } from './normalise.ts';
import type { RuleNode, TextField } from './rule-language.ts';

/** A word or a joined compound of the article; title and text share one numbering of positions. */
export type Occurrence = Omit<WordToken, 'joinsNext'>;

export interface IndexedSentence extends SentenceSpan {
  field: TextField;
}

export interface ArticleIndexOptions {
  /** Keys of rule words: a space-separated compound is indexed only when its key is one of them. */
  compoundKeys: ReadonlySet<string>;
  /**
   * Every leading part a compound of those keys could start with, and a bit for each letter that
   * may follow it (see tailBit): most neighbouring words stop at this check, before any joining.
   */
  compoundHeads: ReadonlyMap<string, number>;
  /** Whether some rule has a wildcard: if not, the article's words are not gathered for wildcards. */
  wildcards: boolean;
}

export interface ArticleText extends ArticleLabelInput {
  title: string;
  text: string;
}

/** The presearcher indexes wildcards by at most this many leading characters. */
export const MAX_PREFIX_LENGTH = 6;

/** One of 32 bits standing for the character at `at`: a–z have their own, the rest share one. */
function tailBit(word: string, at: number): number {
  const letter = word.charCodeAt(at) - 0x61;
  return 1 << (letter >= 0 && letter < 26 ? letter : 31);
}

/** Adds the keys of the rule's words to `keys`; tells whether the rule has a wildcard. */
function collectWordKeys(node: RuleNode, keys: Set<string>): boolean {
  switch (node.type) {
    case 'phrase': {
      for (const word of node.words) {
        if (!word.prefix) keys.add(word.key);
        if (word.joinedKey !== null) keys.add(word.joinedKey);
      }
      return node.words.some((word) => word.prefix);
    }
    case 'near':
      return node.operands.map((operand) => collectWordKeys(operand, keys)).some(Boolean);
    case 'and':
    case 'or':
      return node.children.map((child) => collectWordKeys(child, keys)).some(Boolean);
    case 'not':
      return collectWordKeys(node.child, keys);
    case 'label':
      return false;
  }
}

/** How to index articles for these rules: which compounds their words ask for, whether for wildcards. */
export function articleIndexOptions(rules: readonly RuleNode[]): ArticleIndexOptions {
  const compoundKeys = new Set<string>();
  const wildcards = rules.map((rule) => collectWordKeys(rule, compoundKeys)).some(Boolean);
  const compoundHeads = new Map<string, number>();
  for (const key of compoundKeys) {
    for (let length = MIN_SPACE_JOIN_LENGTH; length < key.length; length += 1) {
      const head = key.slice(0, length);
      compoundHeads.set(head, (compoundHeads.get(head) ?? 0) | tailBit(key, length));
    }
  }
  return { compoundKeys, compoundHeads, wildcards };
}

const NONE: readonly Occurrence[] = [];

export class ArticleIndex {
  readonly title: string;
  readonly text: string;
  /** Occurrences by key, each list in order of first position. */
  readonly byKey = new Map<string, Occurrence[]>();
  /** The keys that occur in the title. */
  readonly titleKeys: ReadonlySet<string>;
  /**
   * Words and hyphenated compounds, what wildcards match, by folded form; gathered only when some
   * rule has a wildcard.
   */
  readonly wildcardable = new Map<string, Occurrence[]>();
  readonly labels: ArticleLabels;
  /** By sentence number. */
  readonly sentences: readonly IndexedSentence[];
  /** Positions from here on are in the text. */
  private readonly textFirstPosition: number;
  /** The wildcardable forms by leadingKey, for each length asked: built when a wildcard is evaluated. */
  private readonly leading = new Map<number, Map<number | string, string[]>>();

  constructor(
    article: ArticleText,
    private readonly options: ArticleIndexOptions,
  ) {
    this.title = article.title;
    this.text = article.text;
    const title = tokenise(article.title);
    // A gap in the numbering, so that no phrase runs from the title into the text.
    this.textFirstPosition = title.tokens.length + 1;
    const text = tokenise(article.text, this.textFirstPosition, title.sentences.length);
    this.indexTokens(title.tokens);
    this.titleKeys = new Set(this.byKey.keys());
    this.indexTokens(text.tokens);
    this.sentences = [
      ...title.sentences.map((sentence) => ({ ...sentence, field: 'title' as const })),
      ...text.sentences.map((sentence) => ({ ...sentence, field: 'text' as const })),
    ];
    this.labels = articleLabels(article);
  }

  fieldOf(occurrence: Occurrence): TextField {
    return occurrence.first < this.textFirstPosition ? 'title' : 'text';
  }

  /** Whether a word or hyphenated compound starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    return this.withPrefix(prefix).length > 0;
  }

  /** Words and hyphenated compounds whose folded form starts with `prefix`, in order of position. */
  withPrefix(prefix: string): readonly Occurrence[] {
    const length = Math.min(prefix.length, MAX_PREFIX_LENGTH);
    const forms = this.byLeading(length).get(leadingKey(prefix, length)) ?? [];
    const found: Occurrence[] = [];
    for (const form of forms) {
      if (prefix.length === length || form.startsWith(prefix))
        found.push(...(this.wildcardable.get(form) ?? NONE));
    }
    return found.length > 1 ? found.sort((a, b) => a.first - b.first) : found;
  }

  /** Built for each length on first use: only rules with wildcards need them. */
  private byLeading(length: number): Map<number | string, string[]> {
    let map = this.leading.get(length);
    if (map === undefined) {
      map = new Map();
      for (const form of this.wildcardable.keys()) {
        if (form.length >= length) append(map, leadingKey(form, length), form);
      }
      this.leading.set(length, map);
    }
    return map;
  }

  private indexTokens(tokens: readonly WordToken[]): void {
    const { compoundHeads, compoundKeys, wildcards } = this.options;
    let previous: WordToken | undefined;
    for (const token of tokens) {
      // The compound goes in before the word so that every list stays ordered by first position.
      const joins = previous?.joinsNext;
      if (
        previous !== undefined &&
        (joins === 'hyphen' ||
          (joins === 'space' && ((compoundHeads.get(previous.folded) ?? 0) & tailBit(token.folded, 0)) !== 0))
      ) {
        const folded = previous.folded + token.folded;
        const key = wordKey(folded);
        if (joins === 'hyphen' || compoundKeys.has(key)) {
          const { start, first, sentence } = previous;
          const compound: Occurrence = {
            folded,
            key,
            start,
            end: token.end,
            first,
            last: token.last,
            sentence,
          };
          append(this.byKey, key, compound);
          if (joins === 'hyphen' && wildcards) append(this.wildcardable, folded, compound);
        }
      }
      append(this.byKey, token.key, token);
      if (wildcards) append(this.wildcardable, token.folded, token);
      previous = token;
    }
  }
}

/**
 * The first `length` characters of a folded word as a number when they are letters a–z:
 * `letter(0) + 27·letter(1) + 27²·letter(2) …` with a = 1, so that "ab" and "aba" differ; as the
 * string itself otherwise. Numbers are looked up without cutting and hashing a string.
 */
export function leadingKey(word: string, length: number): number | string {
  let code = 0;
  for (let at = 0, weight = 1; at < length; at += 1, weight *= 27) {
    const letter = word.charCodeAt(at) - 0x60;
    if (letter < 1 || letter > 26) return word.slice(0, length);
    code += letter * weight;
  }
  return code;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export function indexArticle(article: ArticleText, options: ArticleIndexOptions): ArticleIndex {
  return new ArticleIndex(article, options);
}
