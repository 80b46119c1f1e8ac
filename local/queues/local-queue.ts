/**
 * A queue with the SQS semantics the pipeline relies on: batches, a receive count per message, retry
 * after a failed delivery, and a dead-letter queue after `maxReceiveCount` deliveries. Visibility
 * timeouts are shortened to a quick backoff: a local run should not wait minutes for a retry.
 * In memory, or durable with a message directory: then every accepted message stays on disk until it
 * is acknowledged or dead-lettered, and a queue opened on the same directory delivers again whatever
 * a stopped process had not finished, as SQS does once a visibility timeout expires.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { MessageDirectory } from './message-directory.ts';

export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface QueuedMessage {
  messageId: string;
  body: string;
  attributes: Record<string, MessageAttribute>;
  receiveCount: number;
  sentAt: number;
  firstReceivedAt: number | null;
  visibleAt: number;
  /** Why the last delivery failed, when the consumer said so. */
  lastError: string | null;
}

export interface QueueSettings {
  name: string;
  url: string;
  arn: string;
  batchSize: number;
  maxReceiveCount: number;
  /** Base delay before a failed message is delivered again; doubles with each receive. */
  retryDelayMs: number;
}

export interface QueueStats {
  sent: number;
  deliveries: number;
  succeeded: number;
  retried: number;
  deadLettered: number;
}

export const md5Hex = (value: string | Uint8Array) => createHash('md5').update(value).digest('hex');

export class LocalQueue {
  private readonly messages = new Map<string, QueuedMessage>();
  private readonly inFlight = new Set<string>();
  readonly stats: QueueStats = { sent: 0, deliveries: 0, succeeded: 0, retried: 0, deadLettered: 0 };

  constructor(
    readonly settings: QueueSettings,
    private readonly deadLetterQueue: LocalQueue | null = null,
    private readonly directory: MessageDirectory | null = null,
  ) {
    // Messages a stopped process held in flight are visible again: their consumer is gone.
    for (const message of directory?.load() ?? []) this.messages.set(message.messageId, message);
  }

  send(body: string, attributes: Record<string, MessageAttribute> = {}): QueuedMessage {
    const message: QueuedMessage = {
      messageId: randomUUID(),
      body,
      attributes,
      receiveCount: 0,
      sentAt: Date.now(),
      firstReceivedAt: null,
      visibleAt: 0,
      lastError: null,
    };
    // On disk before it is accepted: a sender told "sent" may rely on it.
    this.directory?.save(message);
    this.messages.set(message.messageId, message);
    this.stats.sent += 1;
    return message;
  }

  get size(): number {
    return this.messages.size;
  }

  get isIdle(): boolean {
    return this.messages.size === 0;
  }

  list(): QueuedMessage[] {
    return [...this.messages.values()];
  }

  /** When the next hidden message becomes visible, if any is waiting. */
  nextVisibleAt(): number | null {
    let next: number | null = null;
    for (const message of this.messages.values()) {
      if (!this.inFlight.has(message.messageId))
        next = Math.min(next ?? message.visibleAt, message.visibleAt);
    }
    return next;
  }

  /** Whether a message could be received now. */
  hasVisible(now = Date.now()): boolean {
    for (const message of this.messages.values()) {
      if (!this.inFlight.has(message.messageId) && message.visibleAt <= now) return true;
    }
    return false;
  }

  /** Takes up to a batch of visible messages and hides them while they are processed. */
  receive(now = Date.now()): QueuedMessage[] {
    const batch: QueuedMessage[] = [];
    for (const message of this.messages.values()) {
      if (batch.length === this.settings.batchSize) break;
      if (this.inFlight.has(message.messageId) || message.visibleAt > now) continue;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      this.inFlight.add(message.messageId);
      // Receive counts survive a restart, so a message that kills its consumer still dead-letters.
      this.directory?.save(message);
      batch.push(message);
    }
    this.stats.deliveries += batch.length;
    return batch;
  }

  /** The consumer processed it: delete it. */
  acknowledge(messageId: string): void {
    if (!this.inFlight.delete(messageId) || !this.messages.delete(messageId)) return;
    this.directory?.remove(messageId);
    this.stats.succeeded += 1;
  }

  /** The consumer failed it: deliver it again later, or dead-letter it after too many receives. */
  fail(messageId: string, reason: string | null, now = Date.now()): void {
    const message = this.messages.get(messageId);
    if (message === undefined || !this.inFlight.delete(messageId)) return;
    message.lastError = reason;
    if (message.receiveCount >= this.settings.maxReceiveCount && this.deadLetterQueue !== null) {
      this.messages.delete(messageId);
      this.stats.deadLettered += 1;
      this.deadLetterQueue.send(message.body, {
        ...message.attributes,
        errorCode: { DataType: 'String', StringValue: 'max-receive-count' },
        errorMessage: {
          DataType: 'String',
          StringValue: `Failed ${message.receiveCount} deliveries${reason === null ? '' : `; last: ${reason}`}`,
        },
        sourceQueue: { DataType: 'String', StringValue: this.settings.arn },
        sourceMessageId: { DataType: 'String', StringValue: message.messageId },
      });
      this.directory?.remove(messageId);
      return;
    }
    this.stats.retried += 1;
    message.visibleAt = now + this.settings.retryDelayMs * 2 ** (message.receiveCount - 1);
    this.directory?.save(message);
  }
}
