/**
 * Whether a re-classified article would change its catalogue entry. DynamoDB does not promise the
 * order of an item's attributes (nor of a map's keys), so entries are compared as the JSON values they
 * are stored as, never as serialised text: objects key by key in any order, arrays element by element
 * in order, and a key holding `undefined` counts as absent, as it is once stored.
 */
import type { ArticleRecord } from './article-record.ts';

/** True when `a` and `b` differ at most in when they were classified and in their revision. */
export function sameCatalogEntry(a: ArticleRecord, b: ArticleRecord): boolean {
  const { revision: _a, classifiedAt: _ca, ...left } = a;
  const { revision: _b, classifiedAt: _cb, ...right } = b;
  return sameJsonValue(left, right);
}

function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameJsonValue(item, b[index]))
    );
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = definedKeys(a);
  return keys.length === definedKeys(b).length && keys.every((key) => sameJsonValue(a[key], b[key]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function definedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}
