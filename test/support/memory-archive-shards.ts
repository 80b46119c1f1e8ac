/** ArchiveShards in memory: one shard per day, copied in and out as S3 would. */
import type { ArchiveShards, DayShard, DayShardState } from '../../shared/ports/archive-shards.ts';

export class MemoryArchiveShards implements ArchiveShards {
  readonly days = new Map<string, DayShard>();

  async getDayShard(day: string): Promise<DayShard | null> {
    const shard = this.days.get(day);
    return shard === undefined ? null : structuredClone(shard);
  }

  async dayShardState(day: string): Promise<DayShardState> {
    const shard = this.days.get(day);
    if (shard === undefined) return 'none';
    return shard.sealed ? 'sealed' : 'open';
  }

  async putDayShard(day: string, shard: DayShard): Promise<void> {
    this.days.set(day, structuredClone(shard));
  }
}
