/**
 * DigestLedger on the table: one DigestSent item per (recipient, day), claimed and marked with the
 * same conditional writes as alerts (delivery-ledger.ts). Items expire after a retention period:
 * only the days a rerun can still reach need a record.
 */
import type { DigestRecord } from '../../shared/alerts/digest-record.ts';
import type { DigestLedger } from '../../shared/ports/digest-ledger.ts';
import { claimDelivery, markDelivered, releaseDelivery } from './delivery-ledger.ts';
import type { TableClient } from './table-client.ts';
import { digestSentKey, SCHEMA_VERSION } from './table-keys.ts';

export class DynamoDbDigestLedger implements DigestLedger {
  constructor(
    private readonly table: TableClient,
    private readonly retentionDays = 90,
  ) {}

  async claimDigest(digest: DigestRecord, now: string, leaseUntil: string): Promise<DigestRecord | null> {
    const item = {
      ...digestSentKey(digest.recipientId, digest.day),
      type: 'DigestSent',
      schemaVersion: SCHEMA_VERSION,
      expiresAt: Math.floor(Date.parse(`${digest.day}T00:00:00.000Z`) / 1000) + this.retentionDays * 86_400,
    };
    return claimDelivery(this.table, item, digest, now, leaseUntil);
  }

  async markDigestPublished(recipientId: string, day: string, messageId: string, at: string): Promise<void> {
    await markDelivered(this.table, digestSentKey(recipientId, day), messageId, at);
  }

  async releaseDigest(recipientId: string, day: string): Promise<void> {
    await releaseDelivery(this.table, digestSentKey(recipientId, day));
  }
}
