/**
 * The `Expect:` lines of feedparser's test suite are Python expressions over feedparser's result.
 * This module takes such an expression and an environment of values, and gives its truth: a small
 * parser and evaluator for the subset of Python used there (and/or/not, ==, !=, in, not in, <, >, +,
 * subscripts, attributes, calls of len/ord/.get/.keys, u''/b'' strings, numbers, tuples, lists,
 * dicts, True/False/None). Names the environment does not map raise NotApplicable, so callers can
 * tell "wirewatch does not produce this" from "wirewatch got this wrong".
 */

/** An expectation about something wirewatch does not produce. */
export class NotApplicable extends Error {
  constructor(what: string) {
    super(`not applicable: ${what}`);
    this.name = 'NotApplicable';
  }
}

/** A Python KeyError/IndexError/TypeError: the expectation fails. */
export class ExpectationError extends Error {}

/** A dict-like value: `mapped` keys exist in wirewatch's model (absent → KeyError), others are not applicable. */
export class MappedDict {
  constructor(
    readonly values: Record<string, unknown>,
    readonly mapped: ReadonlySet<string> = new Set(Object.keys(values)),
  ) {}

  get(key: string): unknown {
    if (Object.hasOwn(this.values, key) && this.values[key] !== undefined) return this.values[key];
    if (this.mapped.has(key)) throw new ExpectationError(`KeyError: ${key}`);
    throw new NotApplicable(key);
  }

  has(key: string): boolean {
    if (Object.hasOwn(this.values, key) && this.values[key] !== undefined) return true;
    if (this.mapped.has(key)) return false;
    throw new NotApplicable(key);
  }
}

/** A value that compares equal by its own rule (e.g. charsets equal when they decode alike). */
export interface CustomEquality {
  equals(other: unknown): boolean;
}

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'name'; name: string }
  | { kind: 'tuple' | 'list'; items: Node[] }
  | { kind: 'dict'; entries: [Node, Node][] }
  | { kind: 'not'; operand: Node }
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'compare'; op: string; left: Node; right: Node }
  | { kind: 'subscript'; target: Node; index: Node }
  | { kind: 'attribute'; target: Node; name: string }
  | { kind: 'call'; callee: Node; args: Node[] }
  | { kind: 'plus'; left: Node; right: Node };

type Token = { type: 'string' | 'number' | 'name' | 'op'; value: string };

const PUNCTUATION = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', '{', '}', ',', '.', ':', '-', '+'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at] ?? '';
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    const stringStart = /^[uUbBrR]{0,2}(['"])/.exec(source.slice(at, at + 3));
    if (stringStart !== null && (stringStart[0].length > 1 || char === "'" || char === '"')) {
      const raw = /r/i.test(stringStart[0].slice(0, -1));
      const quote = stringStart[1] ?? "'";
      const triple = source.startsWith(quote.repeat(3), at + stringStart[0].length - 1);
      const delimiter = triple ? quote.repeat(3) : quote;
      let index = at + stringStart[0].length - 1 + delimiter.length;
      let value = '';
      while (index < source.length && !source.startsWith(delimiter, index)) {
        if (source[index] === '\\' && !raw) {
          const [text, length] = readEscape(source, index);
          value += text;
          index += length;
        } else {
          value += source[index];
          index++;
        }
      }
      if (index >= source.length) throw new SyntaxError('unterminated string');
      tokens.push({ type: 'string', value });
      at = index + delimiter.length;
      continue;
    }
    const number = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[lL]?/.exec(source.slice(at));
    if (number !== null) {
      tokens.push({ type: 'number', value: number[0].replace(/[lL]$/, '') });
      at += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(source.slice(at));
    if (name !== null) {
      tokens.push({ type: 'name', value: name[0] });
      at += name[0].length;
      continue;
    }
    const op = PUNCTUATION.find((candidate) => source.startsWith(candidate, at));
    if (op === undefined) throw new SyntaxError(`unexpected "${char}"`);
    tokens.push({ type: 'op', value: op });
    at += op.length;
  }
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

function readEscape(source: string, index: number): [string, number] {
  const next = source[index + 1] ?? '';
  const hex = (length: number) =>
    String.fromCodePoint(Number.parseInt(source.slice(index + 2, index + 2 + length), 16));
  if (next === 'x') return [hex(2), 4];
  if (next === 'u') return [hex(4), 6];
  if (next === 'U') return [hex(8), 10];
  if (next === '\n') return ['', 2];
  const simple = SIMPLE_ESCAPES[next];
  return simple === undefined ? [`\\${next}`, 2] : [simple, 2];
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    if (this.at !== this.tokens.length) throw new SyntaxError(`unexpected "${this.peek()?.value}"`);
    return node;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  private accept(value: string): boolean {
    const token = this.peek();
    if (token !== undefined && token.value === value && token.type !== 'string') {
      this.at++;
      return true;
    }
    return false;
  }

  private expect(value: string): void {
    if (!this.accept(value)) throw new SyntaxError(`expected "${value}"`);
  }

  private or(): Node {
    let left = this.and();
    while (this.accept('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.accept('and')) left = { kind: 'and', left, right: this.not() };
    return left;
  }

  private not(): Node {
    if (this.accept('not')) return { kind: 'not', operand: this.not() };
    return this.comparison();
  }

  private comparison(): Node {
    const chain = this.chain();
    return chain.kind === 'compare-chain' ? chain.node : chain;
  }

  private chain(): Node | { kind: 'compare-chain'; node: Node; last: Node } {
    let left: Node | { kind: 'compare-chain'; node: Node; last: Node } = this.sum();
    for (;;) {
      const token = this.peek();
      if (token === undefined || token.type === 'string') return left;
      let op: string | null = null;
      if (['==', '!=', '<', '>', '<=', '>=', 'in'].includes(token.value)) op = token.value;
      else if (token.value === 'not' && this.peek(1)?.value === 'in') op = 'not in';
      else if (token.value === 'is') op = this.peek(1)?.value === 'not' ? 'is not' : 'is';
      if (op === null) return left;
      this.at += op.split(' ').length;
      const right = this.sum();
      // Python chains comparisons: a == b == c means a == b and b == c.
      const link: Node = {
        kind: 'compare',
        op,
        left: left.kind === 'compare-chain' ? left.last : left,
        right,
      };
      left = left.kind === 'compare-chain' ? { kind: 'and', left: left.node, right: link } : link;
      left = { kind: 'compare-chain', node: left, last: right };
    }
  }

  /** `a + b + …`: the suite concatenates strings to keep `--` out of its XML comments. */
  private sum(): Node {
    let left = this.postfix();
    while (this.accept('+')) left = { kind: 'plus', left, right: this.postfix() };
    return left;
  }

  private postfix(): Node {
    let node = this.atom();
    for (;;) {
      if (this.accept('[')) {
        const index = this.or();
        this.expect(']');
        node = { kind: 'subscript', target: node, index };
      } else if (this.accept('.')) {
        const name = this.peek();
        if (name?.type !== 'name') throw new SyntaxError('expected an attribute name');
        this.at++;
        node = { kind: 'attribute', target: node, name: name.value };
      } else if (this.accept('(')) {
        node = { kind: 'call', callee: node, args: this.sequence(')') };
      } else {
        return node;
      }
    }
  }

  private sequence(close: string): Node[] {
    const items: Node[] = [];
    while (!this.accept(close)) {
      items.push(this.or());
      if (!this.accept(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  private atom(): Node {
    const token = this.peek();
    if (token === undefined) throw new SyntaxError('unexpected end');
    this.at++;
    if (token.type === 'string') {
      let value = token.value;
      // Adjacent string literals concatenate, as in Python.
      while (this.peek()?.type === 'string') value += this.tokens[this.at++]?.value ?? '';
      return { kind: 'literal', value };
    }
    if (token.type === 'number') return { kind: 'literal', value: Number(token.value) };
    if (token.value === '-') {
      const operand = this.atom();
      if (operand.kind !== 'literal' || typeof operand.value !== 'number')
        throw new SyntaxError('bad negation');
      return { kind: 'literal', value: -operand.value };
    }
    if (token.type === 'name') {
      if (token.value === 'True') return { kind: 'literal', value: true };
      if (token.value === 'False') return { kind: 'literal', value: false };
      if (token.value === 'None') return { kind: 'literal', value: null };
      return { kind: 'name', name: token.value };
    }
    if (token.value === '(') {
      const items = this.sequence(')');
      const single = items[0];
      // (x) is x; (x,) and (x, y) are tuples.
      if (items.length === 1 && single !== undefined && this.tokens[this.at - 2]?.value !== ',')
        return single;
      return { kind: 'tuple', items };
    }
    if (token.value === '[') return { kind: 'list', items: this.sequence(']') };
    if (token.value === '{') {
      const entries: [Node, Node][] = [];
      while (!this.accept('}')) {
        const key = this.or();
        this.expect(':');
        entries.push([key, this.or()]);
        if (!this.accept(',')) {
          this.expect('}');
          break;
        }
      }
      return { kind: 'dict', entries };
    }
    throw new SyntaxError(`unexpected "${token.value}"`);
  }
}

export function parseExpectation(source: string): Node {
  return new Parser(tokenize(source)).parse();
}

/** The top-level `and` terms of an expression, each a check of its own. */
export function splitConjuncts(node: Node): Node[] {
  return node.kind === 'and' ? [...splitConjuncts(node.left), ...splitConjuncts(node.right)] : [node];
}

/** `not bozo` on its own: the check that the input reads without error, in nearly every Expect: line. */
export function isBareNotBozo(node: Node): boolean {
  return node.kind === 'not' && node.operand.kind === 'name' && node.operand.name === 'bozo';
}

/** Whether a check reads the result at all: `1` or `'a' == 'a'` test no field of it. */
export function readsResult(node: Node): boolean {
  switch (node.kind) {
    case 'literal':
      return false;
    case 'name':
      return true;
    case 'tuple':
    case 'list':
      return node.items.some(readsResult);
    case 'dict':
      return node.entries.some(([key, value]) => readsResult(key) || readsResult(value));
    case 'not':
      return readsResult(node.operand);
    case 'and':
    case 'or':
    case 'compare':
    case 'plus':
      return readsResult(node.left) || readsResult(node.right);
    case 'subscript':
      return readsResult(node.target) || readsResult(node.index);
    case 'attribute':
      return readsResult(node.target);
    case 'call': {
      // len(…) and ord(…) are Python's built-ins, not fields of the result.
      const builtIn = node.callee.kind === 'name' && BUILT_INS.has(node.callee.name);
      return (!builtIn && readsResult(node.callee)) || node.args.some(readsResult);
    }
  }
}

const BUILT_INS = new Set(['len', 'ord']);

export type Environment = Record<string, unknown>;

export function evaluate(node: Node, environment: Environment): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name': {
      if (!Object.hasOwn(environment, node.name)) throw new NotApplicable(node.name);
      return environment[node.name];
    }
    case 'tuple':
    case 'list':
      return node.items.map((item) => evaluate(item, environment));
    case 'dict':
      return new MappedDict(
        Object.fromEntries(
          node.entries.map(([key, value]) => [
            String(evaluate(key, environment)),
            evaluate(value, environment),
          ]),
        ),
      );
    case 'not':
      return !truthy(evaluate(node.operand, environment));
    case 'and': {
      const left = evaluate(node.left, environment);
      return truthy(left) ? evaluate(node.right, environment) : left;
    }
    case 'or': {
      const left = evaluate(node.left, environment);
      return truthy(left) ? left : evaluate(node.right, environment);
    }
    case 'compare':
      return compare(node.op, evaluate(node.left, environment), evaluate(node.right, environment));
    case 'subscript':
      return subscript(evaluate(node.target, environment), evaluate(node.index, environment));
    case 'attribute': {
      const target = evaluate(node.target, environment);
      if (target instanceof MappedDict) {
        if (node.name === 'get' || node.name === 'keys') return { method: node.name, target };
        return target.get(node.name);
      }
      throw new NotApplicable(`attribute ${node.name}`);
    }
    case 'call':
      return call(node, environment);
    case 'plus':
      return plus(evaluate(node.left, environment), evaluate(node.right, environment));
  }
}

function plus(left: unknown, right: unknown): unknown {
  if (typeof left === 'string' && typeof right === 'string') return left + right;
  if (typeof left === 'number' && typeof right === 'number') return left + right;
  if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  throw new ExpectationError('TypeError: +');
}

function call(node: Extract<Node, { kind: 'call' }>, environment: Environment): unknown {
  const args = node.args.map((arg) => evaluate(arg, environment));
  if (node.callee.kind === 'name' && node.callee.name === 'len') {
    const [value] = args;
    if (typeof value === 'string' || Array.isArray(value)) return [...(value as string | unknown[])].length;
    if (value instanceof MappedDict) return Object.keys(value.values).length;
    throw new ExpectationError('TypeError: len()');
  }
  if (node.callee.kind === 'name' && node.callee.name === 'ord') {
    const [value] = args;
    if (typeof value !== 'string' || [...value].length !== 1) throw new ExpectationError('TypeError: ord()');
    return value.codePointAt(0);
  }
  const callee = evaluate(node.callee, environment);
  if (typeof callee === 'object' && callee !== null && 'method' in callee && 'target' in callee) {
    const { method, target } = callee as { method: string; target: MappedDict };
    if (method === 'keys')
      return Object.keys(target.values).filter((key) => target.values[key] !== undefined);
    const key = String(args[0]);
    return target.has(key) ? target.get(key) : (args[1] ?? null);
  }
  throw new NotApplicable('call');
}

function subscript(target: unknown, index: unknown): unknown {
  if (target instanceof MappedDict) return target.get(String(index));
  if (Array.isArray(target) || typeof target === 'string') {
    if (typeof index !== 'number') throw new ExpectationError('TypeError: index');
    const items = typeof target === 'string' ? [...target] : target;
    const item = items[index < 0 ? items.length + index : index];
    if (item === undefined) throw new ExpectationError('IndexError');
    return item;
  }
  throw new ExpectationError('TypeError: not subscriptable');
}

function compare(op: string, left: unknown, right: unknown): boolean {
  switch (op) {
    case '==':
    case 'is':
      return equal(left, right);
    case '!=':
    case 'is not':
      return !equal(left, right);
    case 'in':
      return contains(right, left);
    case 'not in':
      return !contains(right, left);
    default: {
      if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) {
        throw new ExpectationError('TypeError: ordering');
      }
      const a = left as number | string;
      const b = right as number | string;
      return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    }
  }
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (Array.isArray(container)) return container.some((element) => equal(element, item));
  if (container instanceof MappedDict) return container.has(String(item));
  throw new ExpectationError('TypeError: in');
}

export function equal(left: unknown, right: unknown): boolean {
  if (isCustom(left)) return left.equals(right);
  if (isCustom(right)) return right.equals(left);
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => equal(item, right[index]));
  }
  if (left instanceof MappedDict && right instanceof MappedDict) {
    const keys = (dict: MappedDict) =>
      Object.keys(dict.values).filter((key) => dict.values[key] !== undefined);
    const leftKeys = keys(left);
    return (
      leftKeys.length === keys(right).length &&
      leftKeys.every((key) => right.has(key) && equal(left.get(key), right.get(key)))
    );
  }
  // Python: True == 1 and False == 0.
  if (typeof left === 'boolean' && typeof right === 'number') return Number(left) === right;
  if (typeof left === 'number' && typeof right === 'boolean') return left === Number(right);
  return left === right;
}

function isCustom(value: unknown): value is CustomEquality {
  return (
    typeof value === 'object' && value !== null && typeof (value as CustomEquality).equals === 'function'
  );
}

export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof MappedDict) return Object.values(value.values).some((item) => item !== undefined);
  return true;
}
