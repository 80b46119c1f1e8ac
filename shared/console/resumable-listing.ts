/**
 * A label or alert listing read newest first and resumed after the last item a caller consumed. The
 * position is that item's sort key, `<time>#<id>` (the listing's gsi1sk), so a console cursor carries
 * keys the server checks, never a raw DynamoDB start key: the listing is queried again with that key
 * as its upper bound (see ListingRange.until), and the item at the key itself is skipped.
 */
import type { ListingPage, ListingRange } from '../ports/article-listings.ts';
import { ConsoleRefusal } from './console-refusal.ts';
import type { Period } from './period.ts';

const SORT_KEY = /^(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)#([A-Za-z0-9_-]{1,64})$/;

/** `<time>#<id>`: listings are in descending order of it. */
export const sortKey = (time: string, id: string) => `${time}#${id}`;

/** The time of a sort key from a cursor; throws ConsoleRefusal when it is not one. */
export function sortKeyTime(key: string): string {
  const match = SORT_KEY.exec(key);
  if (match === null) throw new ConsoleRefusal('invalid', 'the cursor is not one this API gave');
  return match[1] as string;
}

export class ResumableListing<T> {
  #buffer: T[] = [];
  #cursor: string | null = null;
  #started = false;
  #reads = 0;
  /** The key of the last item handed out; null before the first. */
  consumedKey: string | null;

  constructor(
    private readonly list: (range: ListingRange) => Promise<ListingPage<T>>,
    private readonly keyOf: (item: T) => string,
    private readonly period: Period,
    after: string | null,
    private readonly pageSize: number,
    /** Called with each page as it arrives, e.g. to start the reads its items need. */
    private readonly onPage: (items: readonly T[]) => void = () => {},
  ) {
    this.consumedKey = after;
    if (after !== null) sortKeyTime(after);
  }

  /** Listing queries made so far. */
  get reads(): number {
    return this.#reads;
  }

  /** Whether the next item is at hand without another query. */
  get buffered(): boolean {
    return this.#buffer.length > 0;
  }

  /** Whether every item was handed out. */
  get exhausted(): boolean {
    return this.#started && this.#cursor === null && this.#buffer.length === 0;
  }

  /** The next item without consuming it; null when the listing is exhausted. */
  async peek(): Promise<T | null> {
    while (this.#buffer.length === 0 && (!this.#started || this.#cursor !== null)) await this.#read();
    return this.#buffer[0] ?? null;
  }

  async next(): Promise<T | null> {
    const item = await this.peek();
    if (item !== null) {
      this.#buffer.shift();
      this.consumedKey = this.keyOf(item);
    }
    return item;
  }

  async #read(): Promise<void> {
    const resumeAt = this.#started || this.consumedKey === null ? null : this.consumedKey;
    // A sort key as the upper bound resumes at that very item, however many share its time.
    const until = resumeAt !== null && resumeAt < `${this.period.until}$` ? resumeAt : this.period.until;
    const page = await this.list({
      since: this.period.since,
      until,
      limit: this.pageSize,
      cursor: this.#cursor,
    });
    this.#started = true;
    this.#reads += 1;
    this.#cursor = page.cursor;
    const fresh = page.items.filter(
      (item) => this.consumedKey === null || this.keyOf(item) < this.consumedKey,
    );
    this.onPage(fresh);
    this.#buffer.push(...fresh);
  }
}
