/**
 * The port that remembers which feed entries were already handed to article fetching, and in which
 * version (a hash of what the feed said), so an unchanged entry is never fetched twice and a changed
 * one is fetched again.
 */
export interface SeenEntry {
  /** Article id derived from the entry's canonical link. */
  articleId: string;
  entryHash: string;
}

export interface SeenEntryStore {
  /** The entry hash recorded for each article id that was seen before. */
  findSeenEntries(articleIds: readonly string[]): Promise<Map<string, string>>;
  markEntriesSeen(entries: readonly SeenEntry[], at: string): Promise<void>;
}
