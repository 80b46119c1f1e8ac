/**
 * What rules are evaluated against: an article's words looked up by key or by the wildcard prefix
 * they start with, its sentences and its labels. Built once per article for every rule of a set,
 * and only for what the set's rules can ask: a word no rule names is not indexed at all.
 *
 * Compounds: where two words may be joined (`counter-terrorism`, `counter terrorism`), the joined
 * form is indexed too, spanning both positions, so a rule's `counterterrorism` finds it, when some
 * rule of the set asks for that joined key (or, for a hyphenated compound, a wildcard it starts
 * with): indexing every pair of neighbouring words would double the work for nothing.
 *
 * What the set makes of a word (is its key a rule's, which wildcards does it start with, which
 * compounds may it begin) is worked out the first time an article has it and kept with the word's
 * form (see normalise.ts), so that news, which repeats its words, is mostly looked up once per word.
 */
import { type ArticleLabelInput, type ArticleLabels, articleLabels } from './article-labels.ts';
import {
  MIN_SPACE_JOIN_LENGTH,
  type SentenceSpan,
  tokenise,
  type WordForm,
  type WordToken,
  wordKey,
} from './normalise.ts';
import type { RuleNode, TextField } from './rule-language.ts';

/** A word or a joined compound of the article; title and text share one numbering of positions. */
export type Occurrence = Omit<WordToken, 'joinsNext' | 'form'>;

export interface IndexedSentence extends SentenceSpan {
  field: TextField;
}

export interface ArticleIndexOptions {
  /**
   * Keys of rule words, and of the compounds they may be part of: only these are indexed (no rule
   * looks up any other), and a space-separated compound only when its key is one of them.
   */
  compoundKeys: ReadonlySet<string>;
  /**
   * For a leading part a compound of those keys could start with, a bit for each letter that may
   * follow it (see tailBit), else 0: most neighbouring words stop at this check, before any joining.
   */
  compoundHeads: (folded: string) => number;
  /** The folded forms rules' wildcards start with (`terror` for `terror*`). */
  wildcardPrefixes: ReadonlySet<string>;
  /** The lengths of those prefixes, shortest first. */
  wildcardLengths: readonly number[];
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

/** Adds the keys of the rule's words to `keys` and the folded forms of its wildcards to `prefixes`. */
function collectWordKeys(node: RuleNode, keys: Set<string>, prefixes: Set<string>): void {
  switch (node.type) {
    case 'phrase':
      for (const word of node.words) {
        if (word.prefix) prefixes.add(word.folded);
        else keys.add(word.key);
        if (word.joinedKey !== null) keys.add(word.joinedKey);
      }
      return;
    case 'near':
      for (const operand of node.operands) collectWordKeys(operand, keys, prefixes);
      return;
    case 'and':
    case 'or':
      for (const child of node.children) collectWordKeys(child, keys, prefixes);
      return;
    case 'not':
      collectWordKeys(node.child, keys, prefixes);
      return;
    case 'label':
      return;
  }
}

/** The words a set of rules looks for, as plain data: what articleIndexOptions is built from. */
export interface RuleWords {
  /** Keys of the rules' words and of the compounds they may be part of. */
  compoundKeys: string[];
  /** The folded forms the rules' wildcards start with. */
  wildcardPrefixes: string[];
}

/** The words these rules look for; the keys sorted, as compoundHeads searches them. */
export function ruleWords(rules: readonly RuleNode[]): RuleWords {
  const compoundKeys = new Set<string>();
  const wildcardPrefixes = new Set<string>();
  for (const rule of rules) collectWordKeys(rule, compoundKeys, wildcardPrefixes);
  return { compoundKeys: [...compoundKeys].sort(), wildcardPrefixes: [...wildcardPrefixes] };
}

/** The first position in `sorted` whose string is not below `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How to index articles for rules that look for these words: which keys and compounds, which
 * wildcards. Compound heads are searched in the sorted keys rather than tabulated up front: each
 * word form asks once per rule set (see factsOf), and a table of every head of 40,000 keys took
 * longer to build than a day of articles takes to ask.
 */
export function articleIndexOptions(words: RuleWords): ArticleIndexOptions {
  const sortedKeys = words.compoundKeys;
  for (let at = 1; at < sortedKeys.length; at += 1) {
    if ((sortedKeys[at - 1] as string) >= (sortedKeys[at] as string)) {
      throw new Error('articleIndexOptions: compound keys must be sorted and distinct (see ruleWords)');
    }
  }
  const compoundHeads = (folded: string): number => {
    if (folded.length < MIN_SPACE_JOIN_LENGTH) return 0;
    let heads = 0;
    for (let at = lowerBound(sortedKeys, folded); at < sortedKeys.length; at += 1) {
      const key = sortedKeys[at] as string;
      if (!key.startsWith(folded)) break;
      if (key.length > folded.length) heads |= tailBit(key, folded.length);
    }
    return heads;
  };
  const wildcardLengths = [...new Set(words.wildcardPrefixes.map((prefix) => prefix.length))].sort(
    (a, b) => a - b,
  );
  return {
    compoundKeys: new Set(sortedKeys),
    compoundHeads,
    wildcardPrefixes: new Set(words.wildcardPrefixes),
    wildcardLengths,
  };
}

/** What a set of rules makes of one folded word; worked out once per word form, not per article. */
interface FormFacts {
  /** Whether some rule word has this key. */
  keyUsed: boolean;
  /** compoundHeads of the folded form: which letters may follow it in a compound some rule has. */
  heads: number;
  /** The wildcard prefixes the folded form starts with. */
  prefixes: readonly string[];
}

const NO_PREFIXES: readonly string[] = [];

function formFacts(folded: string, key: string, options: ArticleIndexOptions): FormFacts {
  const prefixes: string[] = [];
  for (const length of options.wildcardLengths) {
    if (length > folded.length) break;
    const prefix = folded.slice(0, length);
    if (options.wildcardPrefixes.has(prefix)) prefixes.push(prefix);
  }
  return {
    keyUsed: options.compoundKeys.has(key),
    heads: options.compoundHeads(folded),
    prefixes: prefixes.length > 0 ? prefixes : NO_PREFIXES,
  };
}

function factsOf(form: WordForm, options: ArticleIndexOptions): FormFacts {
  if (form.factsOwner !== options) {
    form.facts = formFacts(form.folded, form.key, options);
    form.factsOwner = options;
  }
  return form.facts as FormFacts;
}

const NONE: readonly Occurrence[] = [];

export class ArticleIndex {
  readonly title: string;
  readonly text: string;
  /** Occurrences by key, each list in order of first position; only keys some rule word has. */
  readonly byKey = new Map<string, Occurrence[]>();
  /** The keys of byKey that occur in the title. */
  readonly titleKeys: ReadonlySet<string>;
  /**
   * Words and hyphenated compounds, what wildcards match, by the rules' wildcard prefixes they
   * start with, each list in order of first position.
   */
  readonly byPrefix = new Map<string, Occurrence[]>();
  readonly labels: ArticleLabels;
  /** By sentence number. */
  readonly sentences: readonly IndexedSentence[];
  /** Positions from here on are in the text. */
  private readonly textFirstPosition: number;

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

  /** Whether a word or hyphenated compound starts with `prefix`, one of the rules' wildcard prefixes. */
  hasPrefix(prefix: string): boolean {
    return this.byPrefix.has(prefix);
  }

  /** Words and hyphenated compounds starting with `prefix`, one of the rules' wildcard prefixes. */
  withPrefix(prefix: string): readonly Occurrence[] {
    return this.byPrefix.get(prefix) ?? NONE;
  }

  private indexTokens(tokens: readonly WordToken[]): void {
    const { options, byKey, byPrefix } = this;
    let previous: WordToken | undefined;
    let previousFacts: FormFacts | undefined;
    for (const token of tokens) {
      const facts = factsOf(token.form, options);
      // The compound goes in before the word so that every list stays ordered by first position.
      const joins = previous?.joinsNext;
      if (
        previous !== undefined &&
        previousFacts !== undefined &&
        (joins === 'hyphen' || (joins === 'space' && (previousFacts.heads & tailBit(token.folded, 0)) !== 0))
      ) {
        this.indexCompound(previous, token, joins === 'hyphen');
      }
      if (facts.keyUsed) append(byKey, token.key, token);
      for (const prefix of facts.prefixes) append(byPrefix, prefix, token);
      if (token.form.withoutClitic !== null) this.indexWithoutClitic(token, token.form.withoutClitic);
      previous = token;
      previousFacts = facts;
    }
  }

  /** Indexes an Arabic word by its form without a clitic too (`والبحر` as `البحر`), at the same position. */
  private indexWithoutClitic(token: WordToken, form: WordForm): void {
    const facts = factsOf(form, this.options);
    if (!facts.keyUsed && facts.prefixes.length === 0) return;
    const { start, end, first, last, sentence } = token;
    const occurrence: Occurrence = { folded: form.folded, key: form.key, start, end, first, last, sentence };
    if (facts.keyUsed) append(this.byKey, form.key, occurrence);
    for (const prefix of facts.prefixes) append(this.byPrefix, prefix, occurrence);
  }

  /** Indexes two neighbouring words joined into one, when some rule can find the compound. */
  private indexCompound(previous: WordToken, token: WordToken, hyphenated: boolean): void {
    const folded = previous.folded + token.folded;
    const key = wordKey(folded);
    const keyUsed = this.options.compoundKeys.has(key);
    // Wildcards match hyphenated compounds, never words written apart.
    const prefixes = hyphenated ? formFacts(folded, key, this.options).prefixes : NO_PREFIXES;
    if (!keyUsed && prefixes.length === 0) return;
    const { start, first, sentence } = previous;
    const compound: Occurrence = { folded, key, start, end: token.end, first, last: token.last, sentence };
    if (keyUsed) append(this.byKey, key, compound);
    for (const prefix of prefixes) append(this.byPrefix, prefix, compound);
  }
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export function indexArticle(article: ArticleText, options: ArticleIndexOptions): ArticleIndex {
  return new ArticleIndex(article, options);
}
