/**
 * The presearcher, as in Lucene Monitor: each rule is indexed under keys of which at least one
 * must occur in any article it matches (an AND by its rarest parts, an OR by every branch, a
 * wildcard by its leading characters, a label rule by its label), so that an article only
 * evaluates the rules its keys point to. Rules with no such key (`NOT x`, `-x`) are evaluated
 * for every article.
 */
import { type ArticleIndex, MAX_PREFIX_LENGTH } from './article-index.ts';
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
  const kind = field === 'title' ? 'title-word' : 'word';
  const keys: PresearchKey[] = [{ kind, value: word.key }];
  let rarity = wordRarity(word.key);
  for (const joined of [words[at - 1]?.joinedKey ?? null, word.joinedKey]) {
    if (joined === null) continue;
    keys.push({ kind, value: joined });
    rarity = Math.min(rarity, wordRarity(joined));
  }
  return { keys, rarity };
}

/** The rarest clauses of those that all hold. */
function rarest(clauses: Clause[]): Requirement {
  if (clauses.length === 0) return null;
  if (clauses.length > 1) clauses.sort((a, b) => b.rarity - a.rarity);
  if (clauses.length > CLAUSES) clauses.length = CLAUSES;
  return clauses;
}

function allOf(requirements: readonly Requirement[]): Requirement {
  const clauses: Clause[] = [];
  for (const requirement of requirements) if (requirement !== null) clauses.push(...requirement);
  return rarest(clauses);
}

/** Each branch implies each of its clauses, so the i-th clauses of all branches, joined, hold too. */
function anyOf(branches: readonly Requirement[]): Requirement {
  let count = 0;
  for (const branch of branches) {
    if (branch === null) return null;
    count = Math.max(count, branch.length);
  }
  const present = branches as Clause[][];
  const joined: Clause[] = [];
  for (let at = 0; at < count; at += 1) {
    const keys: PresearchKey[] = [];
    let rarity = Number.POSITIVE_INFINITY;
    for (const branch of present) {
      const clause = branch[Math.min(at, branch.length - 1)] as Clause;
      keys.push(...clause.keys);
      rarity = Math.min(rarity, clause.rarity);
    }
    joined.push({ keys, rarity });
  }
  return joined;
}

/** What an article must contain for the rule to have a chance; null when nothing is required. */
export function requirementOf(node: RuleNode): Requirement {
  switch (node.type) {
    case 'phrase': {
      const clauses: Clause[] = [];
      for (let at = 0; at < node.words.length; at += 1)
        clauses.push(wordAlternatives(node.words, at, node.field));
      return rarest(clauses);
    }
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

/** One letter per key kind, as stored in PresearchTables.keyKinds. */
const KIND_LETTERS: Record<KeyKind, string> = { word: 'w', 'title-word': 't', prefix: 'p', label: 'l' };
const KINDS_BY_LETTER = new Map(
  Object.entries(KIND_LETTERS).map(([kind, letter]) => [letter, kind as KeyKind]),
);

/**
 * What the presearcher knows of a rule set, as plain data: worked out from the rules' syntax trees
 * once (presearchTables), then kept, e.g. in a precompiled rule set, and loaded without parsing a
 * rule. Keys are numbered in order of first use.
 */
export interface PresearchTables {
  /** The kind of each key, one letter per key: w(ord), t(itle word), p(refix), l(abel). */
  keyKinds: string;
  /** The value of each key. */
  keyValues: string[];
  /** By rule: where its clauses start in `clauses`, or -1 for a rule evaluated for every article. */
  clausesAt: Int32Array;
  /** For each rule with clauses: their count, then for each its key count and key numbers, rarest first. */
  clauses: Int32Array;
}

/** The presearch tables of these rules. */
export function presearchTables(rules: readonly RuleNode[]): PresearchTables {
  const keyIds = new Map<string, number>();
  let keyKinds = '';
  const keyValues: string[] = [];
  const keyId = ({ kind, value }: PresearchKey): number => {
    const lookup = `${KIND_LETTERS[kind]}${value}`;
    let id = keyIds.get(lookup);
    if (id === undefined) {
      id = keyValues.length;
      keyIds.set(lookup, id);
      keyKinds += KIND_LETTERS[kind];
      keyValues.push(value);
    }
    return id;
  };
  const clauses: number[] = [];
  const clausesAt = new Int32Array(rules.length).fill(-1);
  for (let rule = 0; rule < rules.length; rule += 1) {
    const requirement = requirementOf(rules[rule] as RuleNode);
    if (requirement === null) continue;
    clausesAt[rule] = clauses.length;
    clauses.push(requirement.length);
    for (const clause of requirement) {
      clauses.push(clause.keys.length);
      for (const key of clause.keys) clauses.push(keyId(key));
    }
  }
  return { keyKinds, keyValues, clausesAt, clauses: Int32Array.from(clauses) };
}

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
  /** By rule: where its clauses start in `clauses`, or -1 for a rule evaluated for every article. */
  private readonly clausesAt: Int32Array;
  /** For each rule with clauses: their count, then for each its key count and key numbers, rarest first. */
  private readonly clauses: Int32Array;
  /** By rule: which of its clauses it is indexed by. */
  private readonly indexedClause: Uint8Array;
  /**
   * By key number, from postingStarts[key] to postingStarts[key + 1]: the rules indexed by a clause
   * with that key, each as its rule number, the count of its other clauses, then for each of those
   * its key count and key numbers. One array for all keys: built in two passes, without garbage.
   */
  private postings: Int32Array = new Int32Array(0);
  private postingStarts: Int32Array = new Int32Array(1);
  private readonly alwaysEvaluated: number[] = [];
  /** present[key] === round: the article being matched has the key. */
  private readonly present: Uint32Array;
  /** listed[rule] === round: the rule is already a candidate for the article being matched. */
  private readonly listed: Uint32Array;
  /** By key number: in how many of the articles seen so far it occurred. */
  private readonly articlesWithKey: Uint32Array;
  private round = 0;
  private nextAdaptation: number;

  constructor(tables: PresearchTables, firstAdaptation = FIRST_ADAPTATION) {
    this.nextAdaptation = firstAdaptation;
    const { keyKinds, keyValues, clausesAt, clauses } = tables;
    for (let key = 0; key < keyValues.length; key += 1) {
      const kind = KINDS_BY_LETTER.get(keyKinds[key] as string);
      if (kind === undefined) throw new Error(`Presearch key ${key} has no known kind: ${keyKinds[key]}`);
      this.keyIds[kind].set(keyValues[key] as string, key);
    }
    this.clausesAt = clausesAt;
    this.clauses = clauses;
    for (let rule = 0; rule < clausesAt.length; rule += 1) {
      if (clausesAt[rule] === -1) this.alwaysEvaluated.push(rule);
    }
    this.indexedClause = new Uint8Array(clausesAt.length);
    this.present = new Uint32Array(keyValues.length);
    this.listed = new Uint32Array(clausesAt.length);
    this.articlesWithKey = new Uint32Array(keyValues.length);
    this.buildPostings();
  }

  /** A presearcher for these rules. */
  static forRules(rules: readonly RuleNode[], firstAdaptation = FIRST_ADAPTATION): Presearcher {
    return new Presearcher(presearchTables(rules), firstAdaptation);
  }

  private buildPostings(): void {
    const { clauses, clausesAt, indexedClause } = this;
    const starts = new Int32Array(this.present.length + 1);
    // First the length of each key's postings, then each key's start, then the postings themselves.
    this.forEachPosting((_rule, key, entryLength) => {
      starts[key + 1] = (starts[key + 1] as number) + entryLength;
    });
    for (let key = 1; key < starts.length; key += 1)
      starts[key] = (starts[key] as number) + (starts[key - 1] as number);
    const postings = new Int32Array(starts[starts.length - 1] as number);
    const filled = starts.slice(0, -1);
    this.forEachPosting((rule, key) => {
      let at = filled[key] as number;
      const start = clausesAt[rule] as number;
      const count = clauses[start] as number;
      const chosen = indexedClause[rule] as number;
      postings[at++] = rule;
      postings[at++] = count - 1;
      for (let clause = 0, from = start + 1; clause < count; clause += 1) {
        const keys = clauses[from] as number;
        if (clause !== chosen) {
          postings.set(clauses.subarray(from, from + keys + 1), at);
          at += keys + 1;
        }
        from += keys + 1;
      }
      filled[key] = at;
    });
    this.postings = postings;
    this.postingStarts = starts;
  }

  /**
   * Calls `visit` for each rule with clauses and each distinct key of the clause it is indexed by,
   * with the length of the rule's posting entry.
   */
  private forEachPosting(visit: (rule: number, key: number, entryLength: number) => void): void {
    const { clauses, clausesAt, indexedClause } = this;
    for (let rule = 0; rule < clausesAt.length; rule += 1) {
      const start = clausesAt[rule] as number;
      if (start < 0) continue;
      const count = clauses[start] as number;
      const chosen = indexedClause[rule] as number;
      let entryLength = 2;
      let indexedFrom = 0;
      let indexedKeys = 0;
      for (let clause = 0, from = start + 1; clause < count; clause += 1) {
        const keys = clauses[from] as number;
        if (clause === chosen) {
          indexedFrom = from + 1;
          indexedKeys = keys;
        } else entryLength += keys + 1;
        from += keys + 1;
      }
      for (let at = indexedFrom; at < indexedFrom + indexedKeys; at += 1) {
        const key = clauses[at] as number;
        // A key written twice in the clause (`iran OR iran`) files the rule once.
        let repeated = false;
        for (let before = indexedFrom; before < at && !repeated; before += 1)
          repeated = clauses[before] === key;
        if (!repeated) visit(rule, key, entryLength);
      }
    }
  }

  /** Re-indexes each rule by the clause the articles seen so far satisfied least often. */
  private adapt(): void {
    const { clauses, clausesAt, articlesWithKey, indexedClause } = this;
    for (let rule = 0; rule < clausesAt.length; rule += 1) {
      const start = clausesAt[rule] as number;
      if (start < 0) continue;
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
    }
    this.buildPostings();
  }

  /** Marks the key as present in the article being matched, once. */
  private mark(id: number | undefined, round: number, found: number[]): void {
    if (id === undefined || this.present[id] === round) return;
    this.present[id] = round;
    this.articlesWithKey[id] = (this.articlesWithKey[id] as number) + 1;
    found.push(id);
  }

  /** Marks the leading characters (see MAX_PREFIX_LENGTH) of the rules' wildcards the article has. */
  private markPresentPrefixes(index: ArticleIndex, round: number, found: number[]): void {
    const { prefix } = this.keyIds;
    for (const folded of index.byPrefix.keys()) {
      this.mark(
        prefix.get(folded.length > MAX_PREFIX_LENGTH ? folded.slice(0, MAX_PREFIX_LENGTH) : folded),
        round,
        found,
      );
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

  /**
   * Rules (by position in the set, ascending) that the article may match. The index must be built
   * with articleIndexOptions of the same rules: it holds only the words and wildcards they name.
   */
  candidates(index: ArticleIndex): number[] {
    this.round += 1;
    const round = this.round;
    const { present, listed, postings, postingStarts } = this;
    const found: number[] = [...this.alwaysEvaluated];
    for (const key of this.markPresentKeys(index, round)) {
      let at = postingStarts[key] as number;
      const end = postingStarts[key + 1] as number;
      while (at < end) {
        const rule = postings[at] as number;
        const clauses = postings[at + 1] as number;
        at += 2;
        let holds = true;
        for (let clause = 0; clause < clauses; clause += 1) {
          const keys = postings[at] as number;
          if (holds) {
            let satisfied = false;
            for (let next = at + 1; next <= at + keys && !satisfied; next += 1) {
              satisfied = present[postings[next] as number] === round;
            }
            holds = satisfied;
          }
          at += keys + 1;
        }
        // A rule reached through two keys of its indexed clause is listed once.
        if (holds && listed[rule] !== round) {
          listed[rule] = round;
          found.push(rule);
        }
      }
    }
    if (round === this.nextAdaptation) {
      this.adapt();
      this.nextAdaptation *= ADAPTATION_GROWTH;
    }
    return found.sort((a, b) => a - b);
  }
}
