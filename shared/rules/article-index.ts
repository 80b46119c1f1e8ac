/**
 * What rules are evaluated against: an article's words looked up by key, by folded prefix (for
 * wildcards) and its labels. Built once per article and shared by every rule of a set.
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
  /** Every leading part of those keys a compound could start with: most word pairs stop at this check. */
  compoundHeads: ReadonlySet<string>;
  /**
   * Lengths of the rules' wildcard prefixes as the presearcher indexes them (at most
   * MAX_PREFIX_LENGTH), in ascending order; empty when no rule has a wildcard, and then the
   * article's words are not indexed for wildcards at all.
   */
  prefixLengths: readonly number[];
}

export interface ArticleText extends ArticleLabelInput {
  title: string;
  text: string;
}

/** The presearcher indexes wildcards by at most this many leading characters. */
export const MAX_PREFIX_LENGTH = 4;

function collectWordKeys(node: RuleNode, keys: Set<string>, prefixLengths: Set<number>): void {
  switch (node.type) {
    case 'phrase':
      for (const word of node.words) {
        if (word.prefix) prefixLengths.add(Math.min(word.folded.length, MAX_PREFIX_LENGTH));
        else keys.add(word.key);
        if (word.joinedKey !== null) keys.add(word.joinedKey);
      }
      return;
    case 'near':
      for (const operand of node.operands) collectWordKeys(operand, keys, prefixLengths);
      return;
    case 'and':
    case 'or':
      for (const child of node.children) collectWordKeys(child, keys, prefixLengths);
      return;
    case 'not':
      collectWordKeys(node.child, keys, prefixLengths);
      return;
    case 'label':
      return;
  }
}

/** How to index articles for these rules: which compounds their words ask for, which wildcard prefixes. */
export function articleIndexOptions(rules: readonly RuleNode[]): ArticleIndexOptions {
  const compoundKeys = new Set<string>();
  const prefixLengths = new Set<number>();
  for (const rule of rules) collectWordKeys(rule, compoundKeys, prefixLengths);
  const compoundHeads = new Set<string>();
  for (const key of compoundKeys) {
    for (let length = MIN_SPACE_JOIN_LENGTH; length < key.length; length += 1)
      compoundHeads.add(key.slice(0, length));
  }
  return { compoundKeys, compoundHeads, prefixLengths: [...prefixLengths].sort((a, b) => a - b) };
}

const NONE: readonly Occurrence[] = [];

export class ArticleIndex {
  /** Occurrences by key, each list in order of first position. */
  readonly byKey = new Map<string, Occurrence[]>();
  /** The keys that occur in the title. */
  readonly titleKeys: ReadonlySet<string>;
  readonly labels: ArticleLabels;
  /** By sentence number. */
  readonly sentences: readonly IndexedSentence[];
  /** Positions from here on are in the text. */
  private readonly textFirstPosition: number;
  /** Words and hyphenated compounds by folded form: what wildcards match. */
  private readonly byForm = new Map<string, Occurrence[]>();
  /** Those forms by their leading characters, of each length the rules' wildcards use. */
  private byPrefix: Map<string, string[]> | undefined;

  constructor(
    article: ArticleText,
    private readonly options: ArticleIndexOptions,
  ) {
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
    this.title = article.title;
    this.text = article.text;
  }

  readonly title: string;
  readonly text: string;

  fieldOf(occurrence: Occurrence): TextField {
    return occurrence.first < this.textFirstPosition ? 'title' : 'text';
  }

  /** The leading characters, of each length the rules' wildcards use, of the article's words. */
  prefixKeys(): Iterable<string> {
    return this.formsByPrefix().keys();
  }

  /** Whether a word or hyphenated compound starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    return this.formsStartingWith(prefix).length > 0;
  }

  /** Words and hyphenated compounds whose folded form starts with `prefix`, in order of position. */
  withPrefix(prefix: string): readonly Occurrence[] {
    const forms = this.formsStartingWith(prefix);
    if (forms.length === 1) return this.byForm.get(forms[0] as string) ?? NONE;
    return forms.flatMap((form) => this.byForm.get(form) ?? NONE).sort((a, b) => a.first - b.first);
  }

  private formsStartingWith(prefix: string): readonly string[] {
    const leading = prefix.slice(0, MAX_PREFIX_LENGTH);
    // The rules' wildcards always have an indexed length; any other prefix is checked against every form.
    const indexed = this.options.prefixLengths.includes(leading.length);
    const forms = indexed ? (this.formsByPrefix().get(leading) ?? []) : [...this.byForm.keys()];
    return indexed && prefix === leading ? forms : forms.filter((form) => form.startsWith(prefix));
  }

  /** Built on first use: only rule sets with wildcards need it. */
  private formsByPrefix(): Map<string, string[]> {
    if (this.byPrefix === undefined) {
      this.byPrefix = new Map();
      for (const form of this.byForm.keys()) {
        for (const length of this.options.prefixLengths) {
          if (form.length < length) break;
          const leading = form.slice(0, length);
          const forms = this.byPrefix.get(leading);
          if (forms === undefined) this.byPrefix.set(leading, [form]);
          else forms.push(form);
        }
      }
    }
    return this.byPrefix;
  }

  private indexTokens(tokens: readonly WordToken[]): void {
    const { compoundHeads, compoundKeys, prefixLengths } = this.options;
    let previous: WordToken | undefined;
    for (const token of tokens) {
      // The compound goes in before the word so that every list stays ordered by first position.
      const joins = previous?.joinsNext;
      if (
        previous !== undefined &&
        (joins === 'hyphen' || (joins === 'space' && compoundHeads.has(previous.folded)))
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
          if (joins === 'hyphen' && prefixLengths.length > 0) append(this.byForm, folded, compound);
        }
      }
      append(this.byKey, token.key, token);
      if (prefixLengths.length > 0) append(this.byForm, token.folded, token);
      previous = token;
    }
  }
}

function append(map: Map<string, Occurrence[]>, key: string, occurrence: Occurrence): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [occurrence]);
  else list.push(occurrence);
}

export function indexArticle(article: ArticleText, options: ArticleIndexOptions): ArticleIndex {
  return new ArticleIndex(article, options);
}
