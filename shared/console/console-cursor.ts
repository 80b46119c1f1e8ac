/**
 * The cursors the console API hands out: base64url JSON of a position the server checks when it
 * comes back (sort keys, see resumable-listing.ts), opaque to the page.
 */
import { ConsoleRefusal } from './console-refusal.ts';

export const encodeCursor = (position: unknown): string =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

/** The position in a cursor, checked by `read`; throws ConsoleRefusal for anything else. */
export function decodeCursor<T>(cursor: string, read: (value: unknown) => T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ConsoleRefusal('invalid', 'the cursor is not one this API gave');
  }
  return read(value);
}
