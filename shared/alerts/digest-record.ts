/**
 * One daily digest: the email a recipient gets for one UTC day. Recorded before it is published and
 * marked published after, as alerts are, so a rerun of the day or a retry never sends it twice.
 */
export interface DigestRecord {
  /** The address's hash (recipientIdFor): all its digest subscriptions share one email a day. */
  recipientId: string;
  email: string;
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  matchCount: number;
  status: 'pending' | 'published';
  /** While a delivery attempt holds it, others wait until this instant before trying again. */
  leaseUntil: string | null;
  publishedAt: string | null;
  messageId: string | null;
  attempts: number;
}
