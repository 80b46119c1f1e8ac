/**
 * The presearcher, as in Lucene Monitor: each rule is indexed under keys of which at least one
 * must occur in any article it matches (an AND by its rarest parts, an OR by every branch, a
 * wildcard by its leading characters, a label rule by its label), so that an article only
 * evaluates the rules its keys point to. Rules with no such key (`NOT x`, `-x`) are evaluated
 * for every article.
 */
import { type ArticleIndex, leadingKey, MAX_PREFIX_LENGTH } from './article-index.ts';
import { LABEL_FIELDS } from './article-labels.ts';
import type { PhraseNode, RuleNode, RuleWord } from './rule-language.ts';
import { labelRarity, prefixRarity, wordRarity } from './term-rarity.ts';

interface PresearchKey {
  /** title-word: a word the rule looks for in the title only. */
  kind: 'word' | 'title-word' | 'prefix' | 'label';
  value: string;
}

/** Keys one of which any matching article has, and how rare the rarest of them is likely to be. */
interface Clause {
  keys: PresearchKey[];
  rarity: number;
}

/**
 * Clauses all of which a matching article satisfies, rarest first; null when nothing is required.
 * Several clauses rather than one (Lucene Monitor's multipass presearcher): a rule naming "Imran Khan"
 * is then only evaluated for articles with both names, however common either is on its own.
 */
type Requirement = Clause[] | null;

const CLAUSES = 3;

function wordAlternatives(words: readonly RuleWord[], at: number, field: PhraseNode['field']): Clause {
  const word = words[at] as RuleWord;
  if (word.prefix) {
    const value = word.folded.slice(0, MAX_PREFIX_LENGTH);
    return { keys: [{ kind: 'prefix', value }], rarity: prefixRarity(word.folded) };
  }
  // The word may also occur inside a compound with either neighbour.
  const values = [word.key, words[at - 1]?.joinedKey ?? null, word.joinedKey].filter(
    (value) => value !== null,
  );
  return {
    keys: values.map((value) => ({ kind: field === 'title' ? 'title-word' : 'word', value })),
    rarity: Math.min(...values.map(wordRarity)),
  };
}

/** The rarest clauses of those that all hold. */
function rarest(clauses: Clause[]): Requirement {
  if (clauses.length === 0) return null;
  return clauses.sort((a, b) => b.rarity - a.rarity).slice(0, CLAUSES);
}

function allOf(requirements: readonly Requirement[]): Requirement {
  return rarest(requirements.flatMap((requirement) => requirement ?? []));
}

/** Each branch implies each of its clauses, so the i-th clauses of all branches, joined, hold too. */
function anyOf(branches: readonly Requirement[]): Requirement {
  if (branches.some((branch) => branch === null)) return null;
  const present = branches as Clause[][];
  const count = Math.max(...present.map((branch) => branch.length));
  return Array.from({ length: count }, (_, at) => {
    const chosen = present.map((branch) => branch[Math.min(at, branch.length - 1)] as Clause);
    return {
      keys: chosen.flatMap((clause) => clause.keys),
      rarity: Math.min(...chosen.map((clause) => clause.rarity)),
    };
  });
}

/** What an article must contain for the rule to have a chance; null when nothing is required. */
export function requirementOf(node: RuleNode): Requirement {
  switch (node.type) {
    case 'phrase':
      return rarest(node.words.map((_, at) => wordAlternatives(node.words, at, node.field)));
    case 'near':
      return allOf(node.operands.map(requirementOf));
    case 'and':
      return allOf(node.children.map(requirementOf));
    case 'or':
      return anyOf(node.children.map(requirementOf));
    case 'label':
      return [
        {
          keys: [{ kind: 'label', value: node.prefix ? node.field : `${node.field}:${node.value}` }],
          rarity: labelRarity(node.field, node.prefix),
        },
      ];
    case 'not':
      return null;
  }
}

type KeyKind = PresearchKey['kind'];

const PREFIX_FILTER_SIZE = 1 << 20;
const PREFIX_FILTER_MASK = PREFIX_FILTER_SIZE - 1;

/** After this many articles, and after each multiple of it by ADAPTATION_GROWTH, postings are re-chosen. */
const FIRST_ADAPTATION = 256;
const ADAPTATION_GROWTH = 16;

/**
 * Rules are found through the keys of one clause (at first the one that looks rarest), then kept
 * only if the article also has a key of each of their other clauses. Keys are numbered once, when
 * the set is compiled, so that for an article each of its keys is looked up once and every check
 * after that is an array read; and each posting carries its rule's other clauses inline, so that
 * checking them reads memory in order instead of jumping about tables as large as the rule set.
 *
 * How rare a word looks is a guess; how often it occurs is counted. After FIRST_ADAPTATION
 * articles the presearcher re-indexes each rule by the clause its articles satisfied least often,
 * then again at longer intervals: a feed about Pakistan is full of "counterterrorism", however
 * long the word. Which clause is indexed never changes which rules match, only how fast.
 */
export class Presearcher {
  /** Key numbers by kind and key. */
  private readonly keyIds: Record<KeyKind, Map<string, number>> = {
    word: new Map(),
    'title-word': new Map(),
    prefix: new Map(),
    label: new Map(),
  };
  /** Key numbers of the prefixes of letters a–z by their leadingKey number: no string to cut and hash. */
  private readonly prefixIds = new Map<number, number>();
  /** A bit per leadingKey number modulo PREFIX_FILTER_SIZE, set for the rules' prefixes: most lookups stop here. */
  private readonly prefixCodeBits = new Uint8Array(PREFIX_FILTER_SIZE / 8);
  /** Which prefix lengths the rules use, by length. */
  private readonly prefixLengthUsed = new Uint8Array(MAX_PREFIX_LENGTH + 1);
  /** By rule: where its clauses start in `clauses`, or -1 for a rule evaluated for every article. */
  private readonly clausesAt: Int32Array;
  /** For each rule with clauses: their count, then for each its key count and key numbers, rarest first. */
  private readonly clauses: Int32Array;
  /** By rule: which of its clauses it is indexed by. */
  private readonly indexedClause: Uint8Array;
  /**
   * By key number: the rules indexed by a clause with that key, each as its rule number, the count
   * of its other clauses, then for each of those its key count and key numbers.
   */
  private postings: Int32Array[] = [];
  private readonly alwaysEvaluated: number[] = [];
  /** present[key] === round: the article being matched has the key. */
  private readonly present: Uint32Array;
  /** By key number: in how many of the articles seen so far it occurred. */
  private readonly articlesWithKey: Uint32Array;
  private round = 0;
  private nextAdaptation: number;

  constructor(rules: readonly RuleNode[], firstAdaptation = FIRST_ADAPTATION) {
    this.nextAdaptation = firstAdaptation;
    let keyCount = 0;
    const idOf = ({ kind, value }: PresearchKey): number => {
      const ids = this.keyIds[kind];
      let id = ids.get(value);
      if (id === undefined) {
        id = keyCount++;
        ids.set(value, id);
        if (kind === 'prefix') {
          this.prefixLengthUsed[value.length] = 1;
          const code = leadingKey(value, value.length);
          if (typeof code === 'number') {
            this.prefixIds.set(code, id);
            const bit = code & PREFIX_FILTER_MASK;
            this.prefixCodeBits[bit >> 3] = (this.prefixCodeBits[bit >> 3] as number) | (1 << (bit & 7));
          }
        }
      }
      return id;
    };
    const clauses: number[] = [];
    this.clausesAt = new Int32Array(rules.length).fill(-1);
    rules.forEach((node, rule) => {
      const requirement = requirementOf(node);
      if (requirement === null) {
        this.alwaysEvaluated.push(rule);
        return;
      }
      this.clausesAt[rule] = clauses.length;
      clauses.push(requirement.length);
      for (const clause of requirement) clauses.push(clause.keys.length, ...clause.keys.map(idOf));
    });
    this.clauses = Int32Array.from(clauses);
    this.indexedClause = new Uint8Array(rules.length);
    this.present = new Uint32Array(keyCount);
    this.articlesWithKey = new Uint32Array(keyCount);
    this.buildPostings();
  }

  private buildPostings(): void {
    const { clauses, clausesAt, indexedClause } = this;
    const postings: number[][] = Array.from({ length: this.present.length }, () => []);
    clausesAt.forEach((start, rule) => {
      if (start < 0) return;
      const count = clauses[start] as number;
      const chosen = indexedClause[rule] as number;
      const entry = [rule, count - 1];
      let indexedKeys: Int32Array = new Int32Array(0);
      for (let clause = 0, at = start + 1; clause < count; clause += 1) {
        const keys = clauses.subarray(at + 1, at + 1 + (clauses[at] as number));
        if (clause === chosen) indexedKeys = keys;
        else entry.push(keys.length, ...keys);
        at += keys.length + 1;
      }
      for (const key of new Set(indexedKeys)) postings[key]?.push(...entry);
    });
    this.postings = postings.map((list) => Int32Array.from(list));
  }

  /** Re-indexes each rule by the clause the articles seen so far satisfied least often. */
  private adapt(): void {
    const { clauses, clausesAt, articlesWithKey, indexedClause } = this;
    clausesAt.forEach((start, rule) => {
      if (start < 0) return;
      let best = 0;
      let bestCount = Number.POSITIVE_INFINITY;
      for (let clause = 0, at = start + 1; clause < (clauses[start] as number); clause += 1) {
        const keys = clauses[at] as number;
        let count = 0;
        for (let key = at + 1; key <= at + keys; key += 1)
          count += articlesWithKey[clauses[key] as number] as number;
        if (count < bestCount) {
          best = clause;
          bestCount = count;
        }
        at += keys + 1;
      }
      indexedClause[rule] = best;
    });
    this.buildPostings();
  }

  /** Marks the key as present in the article being matched, once. */
  private mark(id: number | undefined, round: number, found: number[]): void {
    if (id === undefined || this.present[id] === round) return;
    this.present[id] = round;
    this.articlesWithKey[id] = (this.articlesWithKey[id] as number) + 1;
    found.push(id);
  }

  /** Marks the leading characters of the article's words that some rule's wildcard has. */
  private markPresentPrefixes(index: ArticleIndex, round: number, found: number[]): void {
    const { prefixIds, prefixCodeBits, prefixLengthUsed } = this;
    for (const folded of index.wildcardable.keys()) {
      const longest = Math.min(folded.length, MAX_PREFIX_LENGTH);
      // leadingKey for each length, one character at a time.
      let code = 0;
      let lettersOnly = true;
      for (let at = 0, weight = 1; at < longest; at += 1, weight *= 27) {
        const letter = folded.charCodeAt(at) - 0x60;
        if (letter < 1 || letter > 26) lettersOnly = false;
        code += letter * weight;
        if (prefixLengthUsed[at + 1] === 0) continue;
        if (!lettersOnly) {
          // Prefixes with other characters than a–z are rare enough for string lookups.
          this.mark(this.keyIds.prefix.get(folded.slice(0, at + 1)), round, found);
        } else if (((prefixCodeBits[(code & PREFIX_FILTER_MASK) >> 3] as number) & (1 << (code & 7))) !== 0) {
          this.mark(prefixIds.get(code), round, found);
        }
      }
    }
  }

  /** Marks the keys of the article that some rule has; returns their numbers. */
  private markPresentKeys(index: ArticleIndex, round: number): number[] {
    const found: number[] = [];
    const { word, 'title-word': titleWord, label } = this.keyIds;
    for (const key of index.byKey.keys()) this.mark(word.get(key), round, found);
    if (titleWord.size > 0) for (const key of index.titleKeys) this.mark(titleWord.get(key), round, found);
    if (this.keyIds.prefix.size > 0) this.markPresentPrefixes(index, round, found);
    if (label.size > 0) {
      for (const field of LABEL_FIELDS) {
        const values = index.labels[field];
        if (values.size === 0) continue;
        this.mark(label.get(field), round, found);
        for (const value of values) this.mark(label.get(`${field}:${value}`), round, found);
      }
    }
    return found;
  }

  /** Rules (by position in the set, ascending) that the article may match. */
  candidates(index: ArticleIndex): number[] {
    this.round += 1;
    const round = this.round;
    const { present } = this;
    const found: number[] = [...this.alwaysEvaluated];
    for (const key of this.markPresentKeys(index, round)) {
      const entries = this.postings[key] as Int32Array;
      let at = 0;
      while (at < entries.length) {
        const rule = entries[at] as number;
        const clauses = entries[at + 1] as number;
        at += 2;
        let holds = true;
        for (let clause = 0; clause < clauses; clause += 1) {
          const keys = entries[at] as number;
          let satisfied = false;
          for (let next = at + 1; next <= at + keys; next += 1) {
            if (present[entries[next] as number] === round) satisfied = true;
          }
          holds &&= satisfied;
          at += keys + 1;
        }
        if (holds) found.push(rule);
      }
    }
    if (round === this.nextAdaptation) {
      this.adapt();
      this.nextAdaptation *= ADAPTATION_GROWTH;
    }
    // A rule reached through two keys of its indexed clause is listed twice: keep one.
    found.sort((a, b) => a - b);
    return found.filter((rule, at) => at === 0 || found[at - 1] !== rule);
  }
}
