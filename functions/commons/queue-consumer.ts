/**
 * The shape every SQS-fed function shares: Powertools' BatchProcessor with partial batch responses, so
 * one failing record is retried alone; records are validated by a schema; a PermanentJobError (and a
 * record that fails validation) goes to the dead-letter queue with its reason instead of being retried.
 * A record failing on its last receive goes there too, with its last error: SQS's own redrive would
 * move it with no reason at all.
 * A consumer whose records each hold much memory can take them a few at a time (`recordsAtOnce`).
 * Each record is processed with a logger of its own whose every line carries its message id.
 */
import {
  BatchProcessor,
  EventType,
  FullBatchFailureError,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { ENV } from '../../infra/resource-definitions.ts';
import { PermanentJobError } from '../../shared/pipeline/jobs.ts';
import { requiredEnv } from './config.ts';
import { DeadLetterQueue } from './dead-letters.ts';
import { logger, metrics, publishAddedMetrics } from './observability.ts';
import { sharedBudget } from './shared-budget.ts';
import { sqs } from './sqs-client.ts';

// zod/mini leaves messages to a locale; English ones make a dead letter's reason readable.
z.config(en());

export function parseRecord<Schema extends z.ZodMiniType>(
  schema: Schema,
  record: SQSRecord,
): z.infer<Schema> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PermanentJobError('invalid-message', 'Message body is not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    throw new PermanentJobError('invalid-message', `Message does not match its schema: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** The longest reason a failed batch carries: it ends up in logs and dead-letter attributes. */
const MAX_BATCH_REASON = 1000;

/**
 * A batch whose every record failed. Powertools' FullBatchFailureError says only "All records
 * failed processing. See individual errors below." and keeps the errors in a property that the
 * Lambda runtime (and the local runtime, which dead-letters with the last error's message) never
 * shows; this one says what they were.
 */
export class BatchFailedError extends Error {
  constructor(failure: FullBatchFailureError) {
    const reasons = [...new Set(failure.recordErrors.map((error) => String(error)))];
    const count = failure.recordErrors.length;
    const message = `${count === 1 ? 'The record' : `All ${count} records`} failed: ${reasons.join('; ')}`;
    super(message.length > MAX_BATCH_REASON ? `${message.slice(0, MAX_BATCH_REASON - 1)}…` : message, {
      cause: failure,
    });
    this.name = 'BatchFailedError';
  }
}

export interface QueueConsumerOptions {
  /** The consumed queue's maxReceiveCount: a record failing on that receive is not retried again. */
  maxReceiveCount: number;
  /**
   * At most this many records of a batch in process at once (default: all of them, as Powertools
   * does). Powertools offers only all at once or one at a time (`processInParallel`); a function
   * whose records each hold tens of MB sets this to bound what a batch holds.
   */
  recordsAtOnce?: number;
}

/** `work` that runs at most `limit` calls at once; the others wait, in call order, for one to settle. */
function atMostAtOnce<Input>(limit: number, work: (input: Input) => Promise<void>) {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`recordsAtOnce must be a whole number of at least 1, got ${limit}`);
  }
  const run = sharedBudget(limit);
  return (input: Input): Promise<void> => run(1, () => work(input));
}

/** Whether SQS will not deliver the record again after this failure. */
function isLastReceive(record: SQSRecord, maxReceiveCount: number): boolean {
  return Number(record.attributes.ApproximateReceiveCount) >= maxReceiveCount;
}

/** Processes one record; `log` is the record's own logger, its lines carrying the record's message id. */
export type RecordProcessor = (record: SQSRecord, log: Logger) => Promise<void>;

export function queueConsumer(processRecord: RecordProcessor, options: QueueConsumerOptions) {
  const processor = new BatchProcessor(EventType.SQS);
  const deadLetters = new DeadLetterQueue(sqs, requiredEnv(ENV.deadLetterQueueUrl));

  async function handleRecord(record: SQSRecord): Promise<void> {
    // A child per record rather than keys appended to the shared logger: a batch's records run at
    // once, and one record's keys would land on the others' lines.
    const log = logger.createChild({ persistentKeys: { messageId: record.messageId } });
    try {
      await processRecord(record, log);
    } catch (error) {
      if (error instanceof PermanentJobError) {
        log.error('Poison record moved to the dead-letter queue', { code: error.code, error });
        metrics.addMetric('PoisonMessages', MetricUnit.Count, 1);
        await deadLetters.send(record, error);
        return;
      }
      const receives = record.attributes.ApproximateReceiveCount;
      if (!isLastReceive(record, options.maxReceiveCount)) {
        log.warn('Record failed; it will be retried', { reason: String(error), receives, error });
        throw error;
      }
      const exhausted = new PermanentJobError(
        'retries-exhausted',
        `Failed on each of ${receives} receives; last: ${String(error)}`,
        { cause: error },
      );
      log.error('Record failed on its last receive; moved to the dead-letter queue', {
        code: exhausted.code,
        error,
      });
      metrics.addMetric('RetriesExhausted', MetricUnit.Count, 1);
      await deadLetters.send(record, exhausted);
    }
  }

  const recordHandler =
    options.recordsAtOnce === undefined ? handleRecord : atMostAtOnce(options.recordsAtOnce, handleRecord);

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    try {
      return await processPartialResponse(event, recordHandler, processor, { context });
    } catch (error) {
      if (error instanceof FullBatchFailureError) throw new BatchFailedError(error);
      throw error;
    } finally {
      publishAddedMetrics();
    }
  };
}
