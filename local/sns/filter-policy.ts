/**
 * SNS subscription filter policies: parsing with AWS's validation rules and error reasons, and
 * evaluation against a message's attributes or its JSON body, as the Amazon SNS developer guide
 * specifies (https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html):
 * AND across keys, OR within a key's array and through `$or`, exact / prefix / suffix /
 * equals-ignore-case / anything-but / numeric / exists / cidr conditions, and nested keys for
 * the MessageBody scope. Pure: no I/O, no SNS error types.
 */
import { BlockList, isIP } from 'node:net';
import type { DeliveredAttributes } from './message-attributes.ts';

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

export const FILTER_POLICY_SCOPES: readonly FilterPolicyScope[] = ['MessageAttributes', 'MessageBody'];

/** A policy SNS would refuse; the message is AWS's reason, e.g. `FilterPolicy: Empty arrays are not allowed`. */
export class FilterPolicyError extends Error {
  override name = 'FilterPolicyError';
}

type Scalar = string | number | boolean | null;

type NumericOperator = '=' | '<' | '<=' | '>' | '>=';

interface NumericComparison {
  readonly operator: NumericOperator;
  readonly operand: number;
}

type Condition =
  | { readonly kind: 'equals'; readonly value: Scalar }
  | { readonly kind: 'prefix' | 'suffix' | 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'anything-but'; readonly values: readonly Scalar[] }
  | { readonly kind: 'anything-but-prefix' | 'anything-but-suffix'; readonly value: string }
  | { readonly kind: 'numeric'; readonly comparisons: readonly NumericComparison[] }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'cidr'; readonly subnet: BlockList };

/** One way to satisfy the policy: every key path must match one of its conditions. */
type Branch = ReadonlyMap<string, readonly Condition[]>;

export interface FilterPolicy {
  readonly scope: FilterPolicyScope;
  /** The alternatives `$or` creates; the policy accepts a message when any branch does. Empty for `{}`. */
  readonly branches: readonly Branch[];
}

export interface FilterableMessage {
  readonly attributes: DeliveredAttributes;
  /** The message text the subscription would receive; parsed as JSON for the MessageBody scope. */
  readonly body: string;
}

// Limits from https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
const MAX_TOP_LEVEL_KEYS = 5;
const MAX_COMBINATIONS = 150;

const NUMERIC_OPERATORS: readonly string[] = ['=', '<', '<=', '>', '>='];

export function parseFilterPolicy(json: string, scope: FilterPolicyScope): FilterPolicy {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw new FilterPolicyError('FilterPolicy: failed to parse JSON.');
  }
  if (!isPlainObject(document)) {
    throw new FilterPolicyError('FilterPolicy: Filter policy must be a JSON object');
  }
  const keyCount = Object.keys(document).length;
  if (keyCount > MAX_TOP_LEVEL_KEYS) {
    throw new FilterPolicyError('FilterPolicy: Filter policy can not have more than 5 keys');
  }
  if (keyCount === 0) return { scope, branches: [] };

  const parsed = parseProperties(
    document,
    { parentPath: '', scope, depth: 1 },
    { branches: [new Map()], combinations: 1 },
  );
  if (parsed.combinations > MAX_COMBINATIONS) {
    throw new FilterPolicyError('FilterPolicy: Filter policy is too complex');
  }
  return { scope, branches: parsed.branches };
}

export function matchesFilterPolicy(policy: FilterPolicy, message: FilterableMessage): boolean {
  if (policy.branches.length === 0) return true;
  const valuesAt =
    policy.scope === 'MessageAttributes' ? attributeValues(message.attributes) : bodyValues(message.body);
  if (!valuesAt) return false;
  return policy.branches.some((branch) =>
    [...branch].every(([path, conditions]) => {
      const values = valuesAt(path);
      return conditions.some((condition) => matchesCondition(condition, values));
    }),
  );
}

interface Position {
  readonly parentPath: string;
  readonly scope: FilterPolicyScope;
  /** Nesting level, which AWS multiplies into the policy's complexity. */
  readonly depth: number;
}

interface Expansion {
  readonly branches: readonly Map<string, readonly Condition[]>[];
  readonly combinations: number;
}

function parseProperties(
  properties: Record<string, unknown>,
  position: Position,
  expansion: Expansion,
): Expansion {
  let current = expansion;
  for (const [key, value] of Object.entries(properties)) {
    if (isOrOperator(key, value)) {
      const alternatives = value.map((alternative) => parseProperties(alternative, position, current));
      current = {
        branches: alternatives.flatMap((alternative) => alternative.branches),
        combinations: alternatives.reduce((sum, alternative) => sum + alternative.combinations, 0),
      };
      continue;
    }
    const path = position.parentPath ? `${position.parentPath}.${key}` : key;
    if (isPlainObject(value)) {
      if (position.scope === 'MessageAttributes') {
        throw new FilterPolicyError(
          'Filter policy scope MessageAttributes does not support nested filter policy',
        );
      }
      current = parseProperties(value, { ...position, parentPath: path, depth: position.depth + 1 }, current);
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new FilterPolicyError('FilterPolicy: Empty arrays are not allowed');
      const conditions = value.map(parseCondition);
      current = {
        branches: current.branches.map((branch) => new Map(branch).set(path, conditions)),
        combinations: current.combinations * value.length * position.depth,
      };
    } else {
      throw new FilterPolicyError(`FilterPolicy: "${key}" must be an object or an array`);
    }
  }
  return current;
}

/** SNS only treats `$or` as the operator when it holds several objects; otherwise it is a plain key name. */
function isOrOperator(key: string, value: unknown): value is Record<string, unknown>[] {
  return key === '$or' && Array.isArray(value) && value.length > 1 && value.every(isPlainObject);
}

function parseCondition(rule: unknown): Condition {
  if (isScalar(rule)) return { kind: 'equals', value: rule };
  if (!isPlainObject(rule)) {
    throw new FilterPolicyError('FilterPolicy: Match value must be String, number, true, false, or null');
  }
  const [operation, ...others] = Object.entries(rule);
  if (!operation || others.length > 0) {
    throw new FilterPolicyError('FilterPolicy: Only one key allowed in match expression');
  }
  const [operator, operand] = operation;
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return { kind: operator, value: requireString(operator, operand) };
    case 'anything-but':
      return parseAnythingBut(operand);
    case 'numeric':
      return { kind: 'numeric', comparisons: parseNumeric(operand) };
    case 'exists':
      if (typeof operand !== 'boolean') {
        throw new FilterPolicyError('FilterPolicy: exists match pattern must be either true or false.');
      }
      return { kind: 'exists', value: operand };
    case 'cidr':
      return { kind: 'cidr', subnet: parseCidr(operand) };
    default:
      throw new FilterPolicyError(`FilterPolicy: Unrecognized match type ${operator}`);
  }
}

function parseAnythingBut(operand: unknown): Condition {
  if (isScalar(operand)) return { kind: 'anything-but', values: [operand] };
  if (Array.isArray(operand)) {
    if (!operand.every(isScalar)) {
      throw new FilterPolicyError('FilterPolicy: Match value must be String, number, true, false, or null');
    }
    return { kind: 'anything-but', values: operand };
  }
  if (isPlainObject(operand)) {
    const [operation, ...others] = Object.entries(operand);
    if (!operation || others.length > 0) {
      throw new FilterPolicyError('FilterPolicy: Only one key allowed in match expression');
    }
    const [operator, value] = operation;
    if (operator === 'prefix') return { kind: 'anything-but-prefix', value: requireString(operator, value) };
    if (operator === 'suffix') return { kind: 'anything-but-suffix', value: requireString(operator, value) };
    throw new FilterPolicyError(`FilterPolicy: Unsupported anything-but pattern: ${operator}`);
  }
  throw new FilterPolicyError('FilterPolicy: Match value must be String, number, true, false, or null');
}

/** `["=", 5]`, `["<", 5]`, or a range `[">", 0, "<=", 150]` whose lower operator comes first. */
function parseNumeric(operand: unknown): NumericComparison[] {
  if (!Array.isArray(operand) || operand.length === 0) {
    throw new FilterPolicyError('FilterPolicy: Invalid member in numeric match: ]');
  }
  const [firstOperator, firstOperand, secondOperator, secondOperand, ...rest] = operand as unknown[];
  const first = parseComparison(firstOperator, firstOperand);
  if (operand.length <= 2) return [first];
  if (first.operator !== '>' && first.operator !== '>=') {
    throw new FilterPolicyError('FilterPolicy: Too many elements in numeric expression');
  }
  if (typeof secondOperator !== 'string') {
    throw new FilterPolicyError(`FilterPolicy: Bad value in numeric range: ${String(secondOperator)}`);
  }
  if (secondOperator !== '<' && secondOperator !== '<=') {
    throw new FilterPolicyError(`FilterPolicy: Bad numeric range operator: ${secondOperator}`);
  }
  if (typeof secondOperand !== 'number') {
    throw new FilterPolicyError(`FilterPolicy: Value of ${secondOperator} must be numeric`);
  }
  if (secondOperand <= first.operand) {
    throw new FilterPolicyError('FilterPolicy: Bottom must be less than top');
  }
  if (rest.length > 0) {
    throw new FilterPolicyError('FilterPolicy: Too many terms in numeric range expression');
  }
  return [first, { operator: secondOperator, operand: secondOperand }];
}

function parseComparison(operator: unknown, operand: unknown): NumericComparison {
  if (typeof operator !== 'string') {
    throw new FilterPolicyError(`FilterPolicy: Invalid member in numeric match: ${String(operator)}`);
  }
  if (!isNumericOperator(operator)) {
    throw new FilterPolicyError(`FilterPolicy: Unrecognized numeric range operator: ${operator}`);
  }
  if (typeof operand !== 'number') {
    throw new FilterPolicyError(
      `FilterPolicy: Value of ${operator === '=' ? 'equals' : operator} must be numeric`,
    );
  }
  return { operator, operand };
}

function isNumericOperator(operator: string): operator is NumericOperator {
  return NUMERIC_OPERATORS.includes(operator);
}

function parseCidr(operand: unknown): BlockList {
  const cidr = requireString('cidr', operand);
  const parts = cidr.split('/');
  if (parts.length !== 2) throw new FilterPolicyError("FilterPolicy: Malformed CIDR, one '/' required");
  const [address = '', maskText = ''] = parts;
  if (!/^\d+$/.test(maskText)) {
    throw new FilterPolicyError('FilterPolicy: Malformed CIDR, mask bits must be an integer');
  }
  const family = isIP(address);
  const maskBits = Number(maskText);
  if (family === 0 || maskBits > (family === 4 ? 32 : 128)) {
    throw new FilterPolicyError(`FilterPolicy: Nonstandard IP address: ${address}`);
  }
  const subnet = new BlockList();
  subnet.addSubnet(address, maskBits, family === 4 ? 'ipv4' : 'ipv6');
  return subnet;
}

function requireString(operator: string, operand: unknown): string {
  if (typeof operand !== 'string') {
    throw new FilterPolicyError(`FilterPolicy: ${operator} match pattern must be a string`);
  }
  return operand;
}

/**
 * Values of message attributes by name. String.Array (and the docs' Number.Array) contribute each
 * element; Number attributes compare as numbers; Binary attributes are ignored, as SNS ignores them.
 * A message without attributes matches no policy: the docs note that even `"exists": false` needs at
 * least one attribute to be present.
 */
function attributeValues(attributes: DeliveredAttributes): ((name: string) => Scalar[]) | undefined {
  if (Object.keys(attributes).length === 0) return undefined;
  return (name) => {
    const attribute = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    if (!attribute || attribute.Type.startsWith('Binary')) return [];
    if (attribute.Type.endsWith('.Array')) return parseArrayAttribute(attribute.Value);
    if (attribute.Type.startsWith('Number')) return [Number(attribute.Value)];
    return [attribute.Value];
  };
}

function parseArrayAttribute(text: string): Scalar[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isScalar) : [];
  } catch {
    return [];
  }
}

/**
 * Values of a JSON body by dotted path. Arrays contribute each element, nested objects extend the
 * path; like SNS, `{"a.b": 1}` and `{"a": {"b": 1}}` both answer path `a.b`. A body that is not a
 * JSON object matches no policy.
 */
function bodyValues(body: string): ((path: string) => Scalar[]) | undefined {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isPlainObject(document)) return undefined;
  const valuesByPath = new Map<string, Scalar[]>();
  collectLeaves(document, '', valuesByPath);
  return (path) => valuesByPath.get(path) ?? [];
}

function collectLeaves(node: unknown, path: string, valuesByPath: Map<string, Scalar[]>): void {
  if (Array.isArray(node)) {
    for (const element of node) collectLeaves(element, path, valuesByPath);
  } else if (isPlainObject(node)) {
    for (const [key, value] of Object.entries(node))
      collectLeaves(value, path ? `${path}.${key}` : key, valuesByPath);
  } else if (isScalar(node)) {
    const values = valuesByPath.get(path) ?? [];
    values.push(node);
    valuesByPath.set(path, values);
  }
}

function matchesCondition(condition: Condition, values: readonly Scalar[]): boolean {
  // `exists` asks whether the key carries a non-null value; every other condition needs a value that matches.
  if (condition.kind === 'exists') return condition.value === values.some((value) => value !== null);
  return values.some((value) => matchesValue(condition, value));
}

function matchesValue(condition: Exclude<Condition, { kind: 'exists' }>, value: Scalar): boolean {
  switch (condition.kind) {
    case 'equals':
      return value === condition.value;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(condition.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(condition.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === condition.value.toLowerCase();
    case 'anything-but':
      return !condition.values.includes(value);
    case 'anything-but-prefix':
      return typeof value === 'string' && !value.startsWith(condition.value);
    case 'anything-but-suffix':
      return typeof value === 'string' && !value.endsWith(condition.value);
    case 'numeric':
      return (
        typeof value === 'number' && condition.comparisons.every((comparison) => compare(value, comparison))
      );
    case 'cidr': {
      if (typeof value !== 'string') return false;
      const family = isIP(value);
      return family !== 0 && condition.subnet.check(value, family === 4 ? 'ipv4' : 'ipv6');
    }
  }
}

function compare(value: number, { operator, operand }: NumericComparison): boolean {
  switch (operator) {
    case '=':
      return value === operand;
    case '<':
      return value < operand;
    case '<=':
      return value <= operand;
    case '>':
      return value > operand;
    case '>=':
      return value >= operand;
  }
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
