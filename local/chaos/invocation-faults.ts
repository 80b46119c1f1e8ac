/**
 * What `wirewatch chaos` does to the local runtime around the handlers, reproducibly from the seed:
 * - invocations cut short: a crash before one of its AWS calls is sent, a Lambda timeout while one is
 *   in flight (sent, never answered), and, on purpose, a crash right after SNS accepted an alert and
 *   before the alert is marked published: the one duplicate SNS cannot prevent;
 * - batches delivered in another order, messages and S3 events delivered twice.
 * It also keeps the ledger of alert publishes SNS accepted, and which of them the pipeline could not
 * know about (a lost response, a process that died before marking), so that a duplicate e-mail can be
 * told apart as unpreventable or as a bug.
 */

import type { FunctionName, QueueName } from '../../infra/resource-definitions.ts';
import type { RuntimeFaults } from '../local-pipeline.ts';
import type { QueuedMessage } from '../queues/local-queue.ts';
import { type AwsCall, type AwsCallObserver, INJECTED } from './aws-faults.ts';
import { SeededDraws } from './seeded-draw.ts';

export type KillKind = 'crash' | 'timeout' | 'crash-after-publish';

/** How an invocation is cut short: at which of its attempts (a crash, a timeout) or after a publish. */
export interface KillPlan {
  kind: KillKind;
  atAttempt: number;
}

/** The error every AWS call of a killed invocation fails with: nothing runs after a process dies. */
export class InvocationKilled extends Error {
  override name = 'InvocationKilled';
}

interface Invocation {
  functionName: FunctionName;
  plan: KillPlan | null;
  attempts: number;
  state: 'running' | 'last-attempt' | 'dead';
  /** Alert publishes SNS accepted in this invocation and not marked published yet, by alert id. */
  unmarked: string[];
  /** Whether an injected fault ended one of its calls (the SDK's retries did not absorb it). */
  sawInjectedFailure: boolean;
}

export interface InvocationFaultCounts {
  killed: Record<KillKind, number>;
  reordered: number;
  redelivered: Record<QueueName | 's3-event', number>;
}

/** Every alert publish SNS accepted, by alert id (`articleId:ruleId`). */
export interface PublishLedger {
  accepted: number;
  /** Accepted publishes the pipeline could not have known about: a repeat of them is unpreventable. */
  unacknowledged: number;
}

const ALERT_KEY = /^ARTICLE#(.+)$/;
const ALERT_SORT_KEY = /^ALERT#(.+)$/;

/** The alert id of a publish to the alerts topic, from its versioned JSON message; null otherwise. */
function alertIdOfPublish(call: AwsCall): string | null {
  if (call.service !== 'sns' || call.command !== 'PublishCommand') return null;
  try {
    const structure = JSON.parse(String(call.input.Message)) as { default?: string };
    const message = JSON.parse(structure.default ?? '{}') as { alertId?: unknown };
    return typeof message.alertId === 'string' ? message.alertId : null;
  } catch {
    return null;
  }
}

/** The alert id of an update that marks an Alert item published, or null. */
function alertIdOfMark(call: AwsCall): string | null {
  if (call.service !== 'dynamodb' || !call.command.startsWith('Update')) return null;
  const key = call.input.Key as { pk?: unknown; sk?: unknown } | undefined;
  const values = call.input.ExpressionAttributeValues as Record<string, unknown> | undefined;
  const article = typeof key?.pk === 'string' ? ALERT_KEY.exec(key.pk) : null;
  const rule = typeof key?.sk === 'string' ? ALERT_SORT_KEY.exec(key.sk) : null;
  if (article === null || rule === null || values?.[':published'] !== 'published') return null;
  return `${article[1]}:${rule[1]}`;
}

export class InvocationFaults implements RuntimeFaults, AwsCallObserver {
  readonly counts: InvocationFaultCounts = {
    killed: { crash: 0, timeout: 0, 'crash-after-publish': 0 },
    reordered: 0,
    redelivered: { feedJobs: 0, articleJobs: 0, classifyJobs: 0, 's3-event': 0 },
  };
  readonly publishes = new Map<string, PublishLedger>();
  private readonly draws: SeededDraws;
  private current: Invocation | null = null;

  constructor(
    seed: number,
    private readonly rates: {
      /** The share of invocations cut short. */
      kill: number;
      /** The share of batches delivered in another order. */
      reorder: number;
      /** The share of processed messages and S3 events delivered once more. */
      redeliver: number;
    },
  ) {
    this.draws = new SeededDraws(seed);
  }

  arrange(functionName: FunctionName, batch: QueuedMessage[]): QueuedMessage[] {
    const random = this.draws.next(`arrange:${functionName}`);
    if (batch.length < 2 || random() >= this.rates.reorder) return batch;
    this.counts.reordered += 1;
    const shuffled = [...batch];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [shuffled[index], shuffled[other]] = [
        shuffled[other] as QueuedMessage,
        shuffled[index] as QueuedMessage,
      ];
    }
    return shuffled;
  }

  invoke(
    functionName: FunctionName,
    batch: readonly QueuedMessage[],
  ): { plan: KillPlan | null; end(): string | null } {
    const kinds: KillKind[] =
      functionName === 'classifyArticle' ? ['crash', 'timeout', 'crash-after-publish'] : ['crash', 'timeout'];
    const random = this.draws.next(`invoke:${functionName}`);
    const killed = random() < this.rates.kill;
    const kind = kinds[Math.floor(random() * kinds.length)] as KillKind;
    // A point within the calls a batch makes: at least two per record.
    const atAttempt = Math.floor(random() * 2 * batch.length);
    const invocation: Invocation = {
      functionName,
      plan: killed ? { kind, atAttempt } : null,
      attempts: 0,
      state: 'running',
      unmarked: [],
      sawInjectedFailure: false,
    };
    this.current = invocation;
    return { plan: invocation.plan, end: () => this.end(invocation) };
  }

  deliverAgain(source: QueueName | 's3-event'): boolean {
    if (this.draws.next(`again:${source}`)() >= this.rates.redeliver) return false;
    this.counts.redelivered[source] += 1;
    return true;
  }

  private end(invocation: Invocation): string | null {
    this.current = null;
    const cutShort = invocation.state !== 'running';
    // A publish the invocation could not mark because it died or a fault outlasted the SDK's retries:
    // the pipeline cannot know SNS took it, so the retry that follows may send it again.
    if (cutShort || invocation.sawInjectedFailure) {
      for (const alertId of invocation.unmarked) this.ledgerOf(alertId).unacknowledged += 1;
    }
    if (!cutShort || invocation.plan === null) return null;
    this.counts.killed[invocation.plan.kind] += 1;
    return invocation.plan.kind === 'timeout'
      ? `Task timed out (injected Lambda timeout in ${invocation.functionName})`
      : `Runtime exited without a response (injected crash in ${invocation.functionName})`;
  }

  private kill(invocation: Invocation): never {
    invocation.state = 'dead';
    throw new InvocationKilled(`${invocation.functionName} was cut short (injected)`);
  }

  beforeAttempt(_call: AwsCall): void {
    const invocation = this.current;
    if (invocation === null) return;
    if (invocation.state !== 'running') this.kill(invocation);
    const at = invocation.attempts++;
    if (invocation.plan === null || invocation.plan.atAttempt !== at) return;
    if (invocation.plan.kind === 'crash') this.kill(invocation);
    // A timeout: this request goes out, and the runtime is frozen before its answer arrives.
    if (invocation.plan.kind === 'timeout') invocation.state = 'last-attempt';
  }

  accepted(call: AwsCall, _output: Record<string, unknown>, delivered: boolean): void {
    const alertId = alertIdOfPublish(call);
    if (alertId === null) return;
    const ledger = this.ledgerOf(alertId);
    ledger.accepted += 1;
    const invocation = this.current;
    if (!delivered || invocation?.state === 'last-attempt') ledger.unacknowledged += 1;
    else invocation?.unmarked.push(alertId);
  }

  afterAttempt(call: AwsCall): void {
    const invocation = this.current;
    if (invocation === null) return;
    if (invocation.state === 'last-attempt') this.kill(invocation);
    if (invocation.plan?.kind === 'crash-after-publish' && alertIdOfPublish(call) !== null) {
      this.kill(invocation);
    }
  }

  settled(call: AwsCall, error: unknown): void {
    const invocation = this.current;
    if (invocation === null) return;
    if (error !== null && typeof error === 'object' && INJECTED in error)
      invocation.sawInjectedFailure = true;
    const marked = error === null ? alertIdOfMark(call) : null;
    if (marked === null) return;
    const at = invocation.unmarked.indexOf(marked);
    if (at >= 0) invocation.unmarked.splice(at, 1);
  }

  private ledgerOf(alertId: string): PublishLedger {
    let ledger = this.publishes.get(alertId);
    if (ledger === undefined) {
      ledger = { accepted: 0, unacknowledged: 0 };
      this.publishes.set(alertId, ledger);
    }
    return ledger;
  }
}
