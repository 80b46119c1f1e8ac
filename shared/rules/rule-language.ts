/**
 * The rule language analysts write alerts in, parsed into a tree whose words are already
 * normalised (see normalise.ts), so matching compares keys and never re-reads the query.
 *
 *   counterterrorism "counterterrorism dialogue" "sanctions iran"~5 sanctions NEAR/5 iran terror*
 *   a AND b, a OR b, NOT a, -a, (a OR b) c, title: text: source: lang: country: pair: topic: relation:
 *
 * Precedence, tightest first: NEAR, NOT / -, AND (or nothing), OR. The grammar is in docs/rules.md.
 */
import { LABEL_FIELDS, type LabelField, normaliseLabelValue, RELATION_VALUES } from './article-labels.ts';
import { tokenise, wordKey } from './normalise.ts';

export type TextField = 'title' | 'text';

export interface RuleWord {
  /** The word as the analyst wrote it. */
  raw: string;
  folded: string;
  key: string;
  /** `terror*`: matches every word whose folded form starts with `folded`. */
  prefix: boolean;
  /** The key of this word and the next written as one compound, when they may be joined. */
  joinedKey: string | null;
}

/** One word, or several that must follow each other in one sentence. */
export interface PhraseNode {
  type: 'phrase';
  /** null: the title or the text. */
  field: TextField | null;
  words: RuleWord[];
}

/** Operands in one sentence, in any order, with at most `distance` word positions between them in all. */
export interface NearNode {
  type: 'near';
  distance: number;
  operands: PositionalNode[];
}

export interface LabelNode {
  type: 'label';
  field: LabelField;
  value: string;
  prefix: boolean;
}

export interface AndNode {
  type: 'and';
  children: RuleNode[];
}

export interface OrNode {
  type: 'or';
  children: RuleNode[];
}

export interface NotNode {
  type: 'not';
  child: RuleNode;
}

export type PositionalNode = PhraseNode | NearNode;
export type RuleNode = PhraseNode | NearNode | LabelNode | AndNode | OrNode | NotNode;

export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly expected: string,
  ) {
    super(message);
    this.name = 'RuleSyntaxError';
  }
}

type Field = TextField | LabelField;
const FIELDS: readonly Field[] = ['title', 'text', ...LABEL_FIELDS];

type Lexeme =
  | { kind: 'open' | 'close' | 'and' | 'or' | 'not' | 'minus' | 'end'; at: number }
  | { kind: 'word'; at: number; text: string }
  | { kind: 'quote'; at: number; text: string; textAt: number; proximity: number | null }
  | { kind: 'near'; at: number; distance: number }
  | { kind: 'field'; at: number; field: Field };

const OPENING_QUOTES = '"“”„';
const CLOSING_QUOTES = '"“”';
const SPACE = /\s/u;
const FIELD_PREFIX = /^([A-Za-z]+):/;
const NEAR = /^NEAR\/(\d+)$/;

function fail(query: string, at: number, expected: string): never {
  const before = query.slice(0, at).trimEnd();
  const context = before.length > 40 ? `…${before.slice(-40)}` : before;
  const where = context === '' ? '' : ` after "${context}"`;
  throw new RuleSyntaxError(`at position ${at}: expected ${expected}${where}`, at, expected);
}

/** `/\s/u` for one character, without a regular expression for ASCII. */
function isSpace(character: string): boolean {
  const code = character.charCodeAt(0);
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return SPACE.test(character);
}

/** Whether the character can follow a `-` or a field name's colon: anything but white space and ")". */
function startsOperand(character: string): boolean {
  return character !== ')' && !isSpace(character);
}

function isWordStop(character: string): boolean {
  return (
    character === '(' ||
    character === ')' ||
    character === '"' ||
    character === '“' ||
    character === '”' ||
    character === '„' ||
    isSpace(character)
  );
}

function lex(query: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let at = 0;
  while (at < query.length) {
    const character = query[at] ?? '';
    if (isSpace(character)) {
      at += 1;
    } else if (character === '(' || character === ')') {
      lexemes.push({ kind: character === '(' ? 'open' : 'close', at });
      at += 1;
    } else if (OPENING_QUOTES.includes(character)) {
      at = lexQuote(query, at, lexemes);
    } else if (character === '-' && startsOperand(query[at + 1] ?? ' ')) {
      lexemes.push({ kind: 'minus', at });
      at += 1;
    } else {
      at = lexWord(query, at, lexemes);
    }
  }
  lexemes.push({ kind: 'end', at: query.length });
  return lexemes;
}

function lexQuote(query: string, at: number, lexemes: Lexeme[]): number {
  let close = at + 1;
  while (close < query.length && !CLOSING_QUOTES.includes(query[close] ?? '')) close += 1;
  if (close >= query.length) fail(query, query.length, 'a closing quote');
  let next = close + 1;
  let proximity: number | null = null;
  if (query[next] === '~') {
    const digits = /^\d+/.exec(query.slice(next + 1))?.[0];
    if (digits === undefined) fail(query, next + 1, 'a number of words after "~"');
    proximity = Number(digits);
    next += 1 + digits.length;
  }
  lexemes.push({ kind: 'quote', at, text: query.slice(at + 1, close), textAt: at + 1, proximity });
  return next;
}

function lexWord(query: string, at: number, lexemes: Lexeme[]): number {
  let end = at;
  while (end < query.length && !isWordStop(query[end] ?? ' ')) end += 1;
  const text = query.slice(at, end);
  const previous = lexemes.at(-1);
  const isFieldValue = previous?.kind === 'field' && query[at - 1] === ':';
  const fieldName = isFieldValue ? undefined : FIELD_PREFIX.exec(text)?.[1];
  const valueFollows = fieldName !== undefined && startsOperand(query[at + fieldName.length + 1] ?? ' ');
  const field = FIELDS.find((name) => name === fieldName?.toLowerCase());
  if (field !== undefined && !valueFollows) fail(query, at + text.length, `a value after "${field}:"`);
  if (fieldName !== undefined && valueFollows) {
    if (field === undefined) fail(query, at, `a field name (${FIELDS.join(', ')}) before ":"`);
    lexemes.push({ kind: 'field', at, field });
    return at + fieldName.length + 1;
  }
  if (text === 'AND' || text === '&&') lexemes.push({ kind: 'and', at });
  else if (text === 'OR' || text === '||') lexemes.push({ kind: 'or', at });
  else if (text === 'NOT') lexemes.push({ kind: 'not', at });
  else if (text === 'NEAR' || text.startsWith('NEAR/')) {
    const distance = NEAR.exec(text)?.[1];
    if (distance === undefined) fail(query, at + 4, 'a distance, as in NEAR/5');
    lexemes.push({ kind: 'near', at, distance: Number(distance) });
  } else lexemes.push({ kind: 'word', at, text });
  return end;
}

/**
 * How deep a rule may nest: parentheses, NOT / `-` and chained NEARs each open a level. Real rules
 * use a handful; the limit keeps parsing and evaluating, which recurse, far from the stack's end.
 */
export const MAX_RULE_DEPTH = 100;

const NESTING = `at most ${MAX_RULE_DEPTH} levels of nesting (parentheses, NOT, "-" and NEAR each open one)`;

class Parser {
  private next = 0;
  /** Levels open where the parser is: parentheses and NOTs around it. */
  private depth = 0;
  /** How many chained NEARs each NEAR node stands on, itself included. */
  private readonly nearHeights = new WeakMap<RuleNode, number>();

  constructor(
    private readonly query: string,
    private readonly lexemes: readonly Lexeme[],
  ) {}

  parse(): RuleNode {
    const node = this.parseOr(null);
    const after = this.peek();
    if (after.kind !== 'end') {
      fail(this.query, after.at, 'AND, OR or the end of the rule');
    }
    return node;
  }

  private peek(): Lexeme {
    return this.lexemes[this.next] ?? { kind: 'end', at: this.query.length };
  }

  private take(): Lexeme {
    const lexeme = this.peek();
    this.next += 1;
    return lexeme;
  }

  private parseOr(field: Field | null): RuleNode {
    const children = [this.parseAnd(field)];
    while (this.peek().kind === 'or') {
      this.take();
      children.push(this.parseAnd(field));
    }
    return children.length === 1 && children[0] !== undefined ? children[0] : { type: 'or', children };
  }

  private parseAnd(field: Field | null): RuleNode {
    const children = [this.parseUnary(field)];
    for (;;) {
      const kind = this.peek().kind;
      if (kind === 'and') this.take();
      else if (kind === 'end' || kind === 'or' || kind === 'close') break;
      children.push(this.parseUnary(field));
    }
    return children.length === 1 && children[0] !== undefined ? children[0] : { type: 'and', children };
  }

  private parseUnary(field: Field | null): RuleNode {
    const kind = this.peek().kind;
    if (kind === 'not' || kind === 'minus') {
      this.enter(this.take().at);
      const child = this.parseUnary(field);
      this.depth -= 1;
      return { type: 'not', child };
    }
    return this.parseNear(field);
  }

  private parseNear(field: Field | null): RuleNode {
    let left = this.parsePrimary(field);
    for (let near = this.peek(); near.kind === 'near'; near = this.peek()) {
      this.take();
      const right = this.parsePrimary(field);
      if (!isPositional(left) || !isPositional(right)) {
        fail(this.query, near.at, 'words or phrases on both sides of NEAR');
      }
      const height = 1 + Math.max(this.nearHeights.get(left) ?? 0, this.nearHeights.get(right) ?? 0);
      if (this.depth + height > MAX_RULE_DEPTH) fail(this.query, near.at, NESTING);
      left = { type: 'near', distance: near.distance, operands: [left, right] };
      this.nearHeights.set(left, height);
    }
    return left;
  }

  /** Opens a level of nesting at `at`, failing there past MAX_RULE_DEPTH. */
  private enter(at: number): void {
    this.depth += 1;
    if (this.depth > MAX_RULE_DEPTH) fail(this.query, at, NESTING);
  }

  private parsePrimary(field: Field | null): RuleNode {
    const lexeme = this.take();
    switch (lexeme.kind) {
      case 'open': {
        this.enter(lexeme.at);
        const node = this.parseOr(field);
        if (this.peek().kind !== 'close') fail(this.query, this.peek().at, '")"');
        this.take();
        this.depth -= 1;
        return node;
      }
      case 'field': {
        const value = this.peek().kind;
        if (value !== 'word' && value !== 'quote' && value !== 'open') {
          fail(this.query, this.peek().at, `a value after "${lexeme.field}:"`);
        }
        return this.parsePrimary(lexeme.field);
      }
      case 'quote':
        return this.parseQuote(lexeme, field);
      case 'word':
        return isLabelField(field)
          ? this.label(field, lexeme.text, lexeme.at)
          : this.phrase(lexeme.text, lexeme.at, field);
      default:
        return fail(this.query, lexeme.at, 'a word, a "phrase", a field or "("');
    }
  }

  private parseQuote(quote: Extract<Lexeme, { kind: 'quote' }>, field: Field | null): RuleNode {
    if (isLabelField(field)) {
      if (quote.proximity !== null) fail(this.query, quote.at, `a ${field} value without "~"`);
      return this.label(field, quote.text, quote.textAt);
    }
    if (quote.proximity === null) return this.phrase(quote.text, quote.textAt, field);
    const operands: PositionalNode[] = [];
    for (const chunk of quote.text.matchAll(/\S+/gu)) {
      operands.push(this.phrase(chunk[0], quote.textAt + chunk.index, field));
    }
    const [only] = operands;
    if (only === undefined) return fail(this.query, quote.textAt, 'a word inside the quotes');
    return operands.length === 1 ? only : { type: 'near', distance: quote.proximity, operands };
  }

  private label(field: LabelField, text: string, at: number): LabelNode {
    const star = text.indexOf('*');
    if (star >= 0 && star !== text.length - 1) fail(this.query, at + star, '"*" only at the end of a value');
    const value = normaliseLabelValue(field, star >= 0 ? text.slice(0, -1) : text);
    // `country:*` asks for any country at all; a bare `country:` asks for nothing.
    if (value === '' && star < 0) fail(this.query, at, `a ${field} value`);
    if (field === 'relation' && !isRelationValue(value, star >= 0)) {
      fail(
        this.query,
        at,
        `a relation (${RELATION_VALUES.join(', ')}), alone or after a pair as in PK-US/conflict`,
      );
    }
    return { type: 'label', field, value, prefix: star >= 0 };
  }

  private phrase(text: string, at: number, field: TextField | null): PhraseNode {
    const { tokens } = tokenise(text);
    const star = text.indexOf('*');
    for (let index = star; index >= 0; index = text.indexOf('*', index + 1)) {
      const endsWord = tokens.some((token) => token.end === index);
      if (!endsWord) fail(this.query, at + index, 'letters or digits before "*"');
      if (/\S/u.test(text[index + 1] ?? ' ')) fail(this.query, at + index, '"*" only at the end of a word');
    }
    if (tokens.length === 0) fail(this.query, at, 'a word with letters or digits');
    const words = tokens.map((token, index): RuleWord => {
      const next = tokens[index + 1];
      const prefix = text[token.end] === '*';
      const joins = next !== undefined && token.joinsNext !== null && !prefix && text[next.end] !== '*';
      return {
        raw: text.slice(token.start, token.end),
        folded: token.folded,
        key: token.key,
        prefix,
        joinedKey: joins ? wordKey(token.folded + next.folded) : null,
      };
    });
    return { type: 'phrase', field, words };
  }
}

/** A normalised relation value: a known one (or the start of one, for a wildcard), alone or after a pair. */
function isRelationValue(value: string, prefix: boolean): boolean {
  const slash = value.lastIndexOf('/');
  if (slash >= 0 && !/^[A-Z]{2}-[A-Z]{2}$/.test(value.slice(0, slash))) return false;
  const type = value.slice(slash + 1);
  return RELATION_VALUES.some((known) => (prefix ? known.startsWith(type) : known === type));
}

function isLabelField(field: Field | null): field is LabelField {
  return field !== null && field !== 'title' && field !== 'text';
}

function isPositional(node: RuleNode): node is PositionalNode {
  return node.type === 'phrase' || node.type === 'near';
}

/** Parses one rule; throws RuleSyntaxError naming the position and what was expected there. */
export function parseRule(query: string): RuleNode {
  return new Parser(query, lex(query)).parse();
}
