/**
 * QueueWithDlq: a work queue and the dead-letter queue that catches its poison messages, both with
 * wirewatch's secure defaults (SSE, TLS-only policy) and a 14-day dead-letter retention.
 *
 * Holds no pipeline logic: the redrive count comes from the caller (usually a `QUEUES` definition),
 * and `queueProps` / `deadLetterQueueProps` override any default.
 */

import type { Duration } from 'aws-cdk-lib';
import { Queue, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { secureDeadLetterQueueProps, secureQueueProps } from '../secure-defaults.ts';

export interface QueueWithDlqProps {
  /** Deliveries before SQS moves a message to the dead-letter queue; a whole number from 1 to 1000. */
  readonly maxReceiveCount: number;
  /** Must be longer than the consuming function's timeout. */
  readonly visibilityTimeout: Duration;
  /** Overrides for the work queue; `deadLetterQueue` is always the one this construct creates. */
  readonly queueProps?: Omit<QueueProps, 'deadLetterQueue' | 'visibilityTimeout'>;
  readonly deadLetterQueueProps?: QueueProps;
}

/** SQS's own bounds for a redrive policy's maxReceiveCount. */
const MAX_RECEIVE_COUNT_RANGE = { min: 1, max: 1000 } as const;

export class QueueWithDlq extends Construct {
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;
  /** Kept so a consumer's binding can check its function finishes before a message reappears. */
  public readonly visibilityTimeout: Duration;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);
    assertValidMaxReceiveCount(props.maxReceiveCount);
    this.visibilityTimeout = props.visibilityTimeout;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...secureDeadLetterQueueProps(),
      ...props.deadLetterQueueProps,
    });
    this.queue = new Queue(this, 'Queue', {
      ...secureQueueProps(),
      ...props.queueProps,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
  }
}

/** Fails at synth time: CloudFormation would otherwise reject the redrive policy mid-deploy. */
function assertValidMaxReceiveCount(maxReceiveCount: number): void {
  const { min, max } = MAX_RECEIVE_COUNT_RANGE;
  if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < min || maxReceiveCount > max) {
    throw new Error(`maxReceiveCount must be a whole number from ${min} to ${max}, got ${maxReceiveCount}`);
  }
}
