/**
 * Reads awsQuery request parameters: the form-encoded `Name=value` pairs that
 * `@aws-sdk/client-sns` sends, including its indexed conventions for lists
 * (`X.member.N.Field`) and maps (`X.entry.N.key` / `.value`).
 */
import { missingMember } from './sns-error.ts';

export type QueryParams = ReadonlyMap<string, string>;

export function parseQueryBody(body: string): QueryParams {
  return new Map(new URLSearchParams(body));
}

/** Reads a required parameter; `memberPath` is how AWS names it in validation errors (e.g. `topicArn`). */
export function requireParam(params: QueryParams, name: string, memberPath: string): string {
  const value = params.get(name);
  if (value === undefined) throw missingMember(memberPath);
  return value;
}

/**
 * The items of an indexed list such as `PublishBatchRequestEntries.member`, each as its own
 * parameter map with the `prefix.N.` part removed, in index order.
 */
export function readIndexedItems(params: QueryParams, prefix: string): QueryParams[] {
  const itemsByIndex = new Map<number, Map<string, string>>();
  const pattern = new RegExp(`^${escapeRegExp(prefix)}\\.(\\d+)\\.(.+)$`);
  for (const [name, value] of params) {
    const match = pattern.exec(name);
    if (!match?.[1] || !match[2]) continue;
    const index = Number(match[1]);
    const item = itemsByIndex.get(index) ?? new Map<string, string>();
    item.set(match[2], value);
    itemsByIndex.set(index, item);
  }
  return [...itemsByIndex.entries()].sort(([left], [right]) => left - right).map(([, item]) => item);
}

/** A string map sent as `prefix.N.key` / `prefix.N.value`, e.g. `Attributes.entry`. */
export function readStringMap(params: QueryParams, prefix: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of readIndexedItems(params, prefix)) {
    const key = item.get('key');
    if (key !== undefined) map.set(key, item.get('value') ?? '');
  }
  return map;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
