/**
 * AWS call failures for `wirewatch chaos`, injected as SDK middleware on the clients the handlers use
 * (through functions/commons/aws-client-hooks.ts), inside the SDK's retry loop so that its own retries
 * meet them as they would meet real ones:
 * - throttling, a 500, a timeout and a connection reset, before the request is sent;
 * - a lost response: the request is sent and succeeds on the server, then the caller gets a reset.
 * Whether an attempt fails is drawn from the seed and the call's identity (service, command, key), so a
 * seed gives the same faults to the same calls whatever order concurrent records run in.
 *
 * It also carries what an invocation cut short (invocation-faults.ts) needs: every call of a killed
 * invocation fails, as nothing runs after a process dies.
 */
import type { FinalizeRequestMiddleware, InitializeMiddleware, MiddlewareStack } from '@smithy/types';
import {
  type AwsClient,
  type AwsService,
  registerAwsClientHook,
} from '../../functions/commons/aws-client-hooks.ts';
import { SeededDraws } from './seeded-draw.ts';

export const AWS_FAULT_KINDS = [
  'throttling',
  'server-error',
  'timeout',
  'connection-reset',
  'response-lost',
] as const;
export type AwsFaultKind = (typeof AWS_FAULT_KINDS)[number];

/** Marks an error this module made, so a report can tell injected failures from real ones. */
export const INJECTED = Symbol('chaos-injected');

/** One SDK call as the fault injector sees it. */
export interface AwsCall {
  service: AwsService;
  /** e.g. PublishCommand */
  command: string;
  input: Record<string, unknown>;
}

/** What a call's observer learns: each attempt that reached the server, and the call's final outcome. */
export interface AwsCallObserver {
  /** The server accepted an attempt; `delivered` is false when its response was lost on the way back. */
  accepted(call: AwsCall, output: Record<string, unknown>, delivered: boolean): void;
  /** Before an attempt is sent: throw to stop it (a killed invocation), or return. */
  beforeAttempt(call: AwsCall): void;
  /** After an accepted attempt whose response reached the caller: throw to stop the caller there. */
  afterAttempt(call: AwsCall): void;
  /** The call's outcome after the SDK's retries. */
  settled(call: AwsCall, error: unknown): void;
}

/** The parts of a request that name what it acts on; times and bodies are left out so they repeat. */
function identityOf(call: AwsCall): string {
  const { input } = call;
  const item = input.Item as Record<string, unknown> | undefined;
  const named = ['TableName', 'IndexName', 'Key', 'Bucket', 'QueueUrl', 'TopicArn', 'KeyConditionExpression'];
  const parts = named.map((name) => JSON.stringify(input[name] ?? null));
  return [
    call.service,
    call.command,
    ...parts,
    JSON.stringify(item?.pk ?? null),
    JSON.stringify(item?.sk ?? null),
  ].join('|');
}

const THROTTLING_NAMES: Record<AwsService, { name: string; status: number }> = {
  dynamodb: { name: 'ProvisionedThroughputExceededException', status: 400 },
  s3: { name: 'SlowDown', status: 503 },
  sns: { name: 'Throttling', status: 400 },
  sqs: { name: 'RequestThrottled', status: 400 },
};

/** The error each fault kind surfaces as, shaped as the SDK's own so its retry rules classify it. */
export function injectedError(kind: AwsFaultKind, service: AwsService): Error {
  const make = (message: string, fields: Record<string, unknown>) =>
    Object.assign(new Error(`${message} (injected)`), fields, { [INJECTED]: kind });
  switch (kind) {
    case 'throttling': {
      const { name, status } = THROTTLING_NAMES[service];
      return make('Rate exceeded', {
        name,
        $fault: 'client',
        $metadata: { httpStatusCode: status },
        $retryable: { throttling: true },
      });
    }
    case 'server-error':
      return make('We encountered an internal error. Please try again.', {
        name: service === 'dynamodb' ? 'InternalServerError' : 'InternalError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
    case 'timeout':
      return make('Connection timed out after 1000 ms', { name: 'TimeoutError' });
    case 'connection-reset':
      return make('socket hang up', { code: 'ECONNRESET' });
    case 'response-lost':
      return make('read ECONNRESET', { code: 'ECONNRESET' });
  }
}

export interface AwsFaultCounts {
  /** SDK calls made by the handlers, and attempts: retries are attempts beyond the first. */
  calls: number;
  attempts: number;
  injected: Record<AwsFaultKind, number>;
}

/** Decides, from the seed, which attempts fail and how. */
export class AwsFaultInjector {
  readonly counts: AwsFaultCounts = {
    calls: 0,
    attempts: 0,
    injected: Object.fromEntries(AWS_FAULT_KINDS.map((kind) => [kind, 0])) as Record<AwsFaultKind, number>,
  };
  private readonly draws: SeededDraws;

  constructor(
    seed: number,
    /** The share of attempts that fail. */
    private readonly rate: number,
    private readonly observer: AwsCallObserver,
  ) {
    this.draws = new SeededDraws(seed);
  }

  /** The fault for this attempt of `call`, or null: a pure function of seed, identity and occurrence. */
  draw(call: AwsCall): AwsFaultKind | null {
    const random = this.draws.next(identityOf(call));
    if (random() >= this.rate) return null;
    return AWS_FAULT_KINDS[Math.floor(random() * AWS_FAULT_KINDS.length)] as AwsFaultKind;
  }

  /** One attempt, inside the SDK's retry loop. */
  async attempt<Output extends { output: unknown }>(
    call: AwsCall,
    send: () => Promise<Output>,
  ): Promise<Output> {
    this.counts.attempts += 1;
    this.observer.beforeAttempt(call);
    const fault = this.draw(call);
    if (fault !== null) this.counts.injected[fault] += 1;
    if (fault !== null && fault !== 'response-lost') throw injectedError(fault, call.service);
    const result = await send();
    const output = (result.output ?? {}) as Record<string, unknown>;
    this.observer.accepted(call, output, fault === null);
    if (fault === 'response-lost') throw injectedError(fault, call.service);
    this.observer.afterAttempt(call);
    return result;
  }

  /** One call, outside the SDK's retry loop. */
  async call<Output>(call: AwsCall, send: () => Promise<Output>): Promise<Output> {
    this.counts.calls += 1;
    try {
      const result = await send();
      this.observer.settled(call, null);
      return result;
    } catch (error) {
      this.observer.settled(call, error);
      throw error;
    }
  }
}

let active: AwsFaultInjector | null = null;
let hookRegistered = false;

type AnyStack = MiddlewareStack<object, object>;

function addMiddleware(client: AwsClient, service: AwsService): void {
  const stack = client.middlewareStack as unknown as AnyStack;
  const callOf = (context: { commandName?: string }, input: unknown): AwsCall => ({
    service,
    command: context.commandName ?? 'UnknownCommand',
    input: (input ?? {}) as Record<string, unknown>,
  });
  const callMiddleware: InitializeMiddleware<object, object> = (next, context) => async (args) => {
    const injector = active;
    if (injector === null) return next(args);
    return injector.call(callOf(context, args.input), () => next(args));
  };
  const attemptMiddleware: FinalizeRequestMiddleware<object, object> = (next, context) => async (args) => {
    const injector = active;
    if (injector === null) return next(args);
    return injector.attempt(callOf(context, args.input), () => next(args));
  };
  stack.add(callMiddleware, { step: 'initialize', priority: 'high', name: 'chaosCallMiddleware' });
  stack.addRelativeTo(attemptMiddleware, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'chaosAttemptMiddleware',
  });
}

/**
 * Makes `injector` decide every AWS call the handlers make from now on. The hook reaches only clients
 * created after the first installation, so install before the handlers load; installing again swaps
 * the injector. Returns a function that stops injecting.
 */
export function installAwsFaults(injector: AwsFaultInjector): () => void {
  if (!hookRegistered) {
    registerAwsClientHook(addMiddleware);
    hookRegistered = true;
  }
  active = injector;
  return () => {
    if (active === injector) active = null;
  };
}
