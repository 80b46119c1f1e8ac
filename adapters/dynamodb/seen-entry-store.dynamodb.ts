/** SeenEntryStore on the table: one small SeenEntry item per article id, expiring after a retention period. */
import type { SeenEntry, SeenEntryStore } from '../../shared/ports/seen-entry-store.ts';
import { batchGet, batchWrite, type TableClient } from './table-client.ts';
import { SCHEMA_VERSION, seenKey } from './table-keys.ts';

export class DynamoDbSeenEntryStore implements SeenEntryStore {
  constructor(
    private readonly table: TableClient,
    /** Long after a feed has dropped an entry; an expired marker only costs one idempotent re-fetch. */
    private readonly retentionDays = 90,
  ) {}

  async findSeenEntries(articleIds: readonly string[]): Promise<Map<string, string>> {
    const items = await batchGet(this.table, [...new Set(articleIds)].map(seenKey));
    return new Map(items.map((item) => [item.articleId as string, item.entryHash as string]));
  }

  async markEntriesSeen(entries: readonly SeenEntry[], at: string): Promise<void> {
    const expiresAt = Math.floor(Date.parse(at) / 1000) + this.retentionDays * 86_400;
    await batchWrite(
      this.table,
      entries.map(({ articleId, entryHash }) => ({
        PutRequest: {
          Item: {
            ...seenKey(articleId),
            type: 'SeenEntry',
            schemaVersion: SCHEMA_VERSION,
            articleId,
            entryHash,
            seenAt: at,
            expiresAt,
          },
        },
      })),
    );
  }
}
