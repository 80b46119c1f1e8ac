/**
 * The local SNS emulator: an in-process HTTP server on 127.0.0.1 that speaks the awsQuery protocol
 * of `@aws-sdk/client-sns` (signatures are not checked) and delivers published messages to email
 * outbox files and in-process Lambda handlers. Email subscriptions are confirmed at once, where
 * real SNS would first mail a confirmation link. See README.md for what differs from AWS.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SNSEvent } from 'aws-lambda';
import { DeliveryQueue } from './delivery-queue.ts';
import { type EmailDelivery, EmailOutbox } from './email-outbox.ts';
import { type PlannedDelivery, snsEvent } from './notification.ts';
import { isKeptDelivery, PendingDeliveries } from './pending-deliveries.ts';
import { parseQueryBody, requireParam } from './query-request.ts';
import { runAction } from './sns-actions.ts';
import { SnsError } from './sns-error.ts';
import { SnsModel } from './sns-model.ts';
import { loadState, StateFileWriter } from './state-file.ts';
import { errorResponse, escapeXml, successResponse } from './xml-response.ts';

export type { EmailDelivery } from './email-outbox.ts';

export interface SnsEmulatorOptions {
  /** Where email and email-json deliveries are written as `.eml` files; created if missing. */
  outboxDir: string;
  /** Defaults to 'us-east-1'. */
  region?: string;
  /** Defaults to '000000000000'. */
  accountId?: string;
  /** JSON file persisting topics and subscriptions across runs; loaded at start, written on change. */
  stateFile?: string;
  /**
   * Folder keeping accepted email deliveries until they are written, so a process killed in between
   * delivers them on its next start (see `deliverPending`); without it they live in memory only.
   */
  pendingDir?: string;
  /**
   * Whether `emails` keeps every delivery, body included (the default); false leaves it empty, each
   * email then only written to the outbox and told to `onEmail` listeners, so that a long run's
   * memory does not grow with every alert.
   */
  keepEmails?: boolean;
}

/** A delivery that could not be made, e.g. a Lambda handler that threw or was never registered. */
export interface DeliveryFailure {
  readonly messageId: string;
  readonly subscriptionArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly error: unknown;
}

export type FunctionHandler = (event: SNSEvent) => Promise<unknown>;

export interface SnsEmulator {
  /** `http://127.0.0.1:<port>`, the endpoint to give the SNS client. */
  readonly endpoint: string;
  readonly region: string;
  /** Every email and email-json delivery so far, in delivery order (none if `keepEmails` is false). */
  readonly emails: readonly EmailDelivery[];
  onEmail(listener: (delivery: EmailDelivery) => void): void;
  /** Failed deliveries go to these listeners, or to stderr when there is none. */
  onDeliveryFailure(listener: (failure: DeliveryFailure) => void): void;
  /** The handler that lambda subscriptions with this function ARN invoke. */
  registerFunction(functionArn: string, handler: FunctionHandler): void;
  /**
   * Makes the email deliveries a stopped process left in `pendingDir`, once, when the caller is ready
   * to see them (its email listeners registered); returns how many there were.
   */
  deliverPending(): Promise<number>;
  /**
   * Where the unsubscribe links of emails delivered from now on point: the origin of another server
   * on this machine that answers `/unsubscribe` with `answerUnsubscribeLink` (the local console), so
   * a link keeps working wherever that server runs; null goes back to this emulator's own endpoint.
   */
  setLinkOrigin(origin: string | null): void;
  /** Answers a GET of an email's unsubscribe link (`/unsubscribe?SubscriptionArn=…`), for whichever server received it. */
  answerUnsubscribeLink(url: URL, response: ServerResponse): Promise<void>;
  /** Resolves once every delivery scheduled so far, and any they cause, has been made or has failed. */
  idle(): Promise<void>;
  /** Waits for pending deliveries, then stops the server. */
  close(): Promise<void>;
}

// A 256 KiB message can triple in size once form-encoded; this leaves room for attributes too.
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export async function startSnsEmulator(options: SnsEmulatorOptions): Promise<SnsEmulator> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  await mkdir(options.outboxDir, { recursive: true });
  const savedState = options.stateFile === undefined ? undefined : await loadState(options.stateFile);
  const model = savedState
    ? SnsModel.fromState(region, accountId, savedState)
    : new SnsModel(region, accountId);
  const stateWriter = options.stateFile === undefined ? undefined : new StateFileWriter(options.stateFile);
  let savedRevision = model.revision;

  const pending = options.pendingDir === undefined ? undefined : new PendingDeliveries(options.pendingDir);
  let leftByLastProcess = (await pending?.load()) ?? [];
  const outbox = new EmailOutbox(options.outboxDir);
  const queue = new DeliveryQueue();
  const emails: EmailDelivery[] = [];
  const keepEmails = options.keepEmails ?? true;
  const emailListeners: ((delivery: EmailDelivery) => void)[] = [];
  const failureListeners: ((failure: DeliveryFailure) => void)[] = [];
  const functions = new Map<string, FunctionHandler>();

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const failure = new SnsError(
        'InternalError',
        500,
        error instanceof Error ? error.message : String(error),
      );
      const requestId = randomUUID();
      sendXml(response, failure.status, errorResponse(failure, requestId), requestId);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let linkOrigin = endpoint;

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', endpoint);
    if (request.method === 'POST' && url.pathname === '/') return handleQuery(request, response);
    if (request.method === 'GET' && url.pathname === '/unsubscribe') {
      return handleUnsubscribeLink(url, response);
    }
    sendPage(response, 404, 'Not found', 'The SNS emulator has no page here.');
  }

  async function handleQuery(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const body = await readBody(request);
    if (body === undefined) {
      const tooLarge = new SnsError('RequestEntityTooLarge', 413, 'Request body is too large.');
      return sendXml(response, tooLarge.status, errorResponse(tooLarge, requestId), requestId);
    }
    try {
      const params = parseQueryBody(body);
      const action = requireParam(params, 'Action', 'action');
      const outcome = runAction(action, params, model);
      await saveStateIfChanged();
      // Kept before the publisher hears yes: from then on, the delivery is SNS's to make.
      for (const delivery of outcome.deliveries) if (isKeptDelivery(delivery)) await pending?.add(delivery);
      sendXml(response, 200, successResponse(action, outcome.resultXml, requestId), requestId);
      for (const delivery of outcome.deliveries) schedule(delivery);
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      sendXml(response, error.status, errorResponse(error, requestId), requestId);
    }
  }

  /** The link in every email's footer; a GET unsubscribes, as the link in SNS's emails does. */
  async function handleUnsubscribeLink(url: URL, response: ServerResponse): Promise<void> {
    const subscriptionArn = url.searchParams.get('SubscriptionArn');
    if (!subscriptionArn) {
      return sendPage(response, 400, 'Missing SubscriptionArn', 'The link is incomplete.');
    }
    let removed: boolean;
    try {
      removed = model.unsubscribe(subscriptionArn);
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      return sendPage(response, 400, 'Invalid subscription', error.message);
    }
    await saveStateIfChanged();
    if (!removed) {
      return sendPage(response, 404, 'Subscription not found', `No subscription ${subscriptionArn}.`);
    }
    sendPage(
      response,
      200,
      'Subscription removed',
      `You will no longer receive notifications for ${subscriptionArn}.`,
    );
  }

  async function saveStateIfChanged(): Promise<void> {
    if (!stateWriter || model.revision === savedRevision) return;
    savedRevision = model.revision;
    await stateWriter.write(model.toState());
  }

  function schedule(delivery: PlannedDelivery): void {
    queue.schedule(
      async () => {
        await deliver(delivery);
        // A delivery that failed stays kept, and the next start tries it again.
        if (isKeptDelivery(delivery)) await pending?.remove(delivery);
      },
      (error) => reportFailure(delivery, error),
    );
  }

  async function deliver(delivery: PlannedDelivery): Promise<void> {
    const unsubscribeUrl = `${linkOrigin}/unsubscribe?SubscriptionArn=${encodeURIComponent(delivery.subscriptionArn)}`;
    if (delivery.protocol === 'lambda') {
      const handler = functions.get(delivery.endpoint);
      if (!handler) throw new Error(`No function registered for ${delivery.endpoint}`);
      await handler(snsEvent(delivery, unsubscribeUrl));
      return;
    }
    const email = await outbox.deliver(delivery, unsubscribeUrl);
    if (keepEmails) emails.push(email);
    for (const listener of emailListeners) listener(email);
  }

  function reportFailure(delivery: PlannedDelivery, error: unknown): void {
    const failure: DeliveryFailure = {
      messageId: delivery.notification.messageId,
      subscriptionArn: delivery.subscriptionArn,
      protocol: delivery.protocol,
      endpoint: delivery.endpoint,
      error,
    };
    if (failureListeners.length === 0) {
      console.error(`SNS emulator: delivery to ${delivery.protocol} ${delivery.endpoint} failed:`, error);
    }
    for (const listener of failureListeners) {
      try {
        listener(failure);
      } catch (listenerError) {
        console.error('SNS emulator: delivery failure listener threw:', listenerError);
      }
    }
  }

  return {
    endpoint,
    region,
    emails,
    onEmail: (listener) => {
      emailListeners.push(listener);
    },
    onDeliveryFailure: (listener) => {
      failureListeners.push(listener);
    },
    registerFunction: (functionArn, handler) => {
      functions.set(functionArn, handler);
    },
    deliverPending: async () => {
      const deliveries = leftByLastProcess;
      leftByLastProcess = [];
      for (const delivery of deliveries) schedule(delivery);
      await queue.idle();
      return deliveries.length;
    },
    setLinkOrigin: (origin) => {
      linkOrigin = origin?.replace(/\/+$/, '') ?? endpoint;
    },
    answerUnsubscribeLink: handleUnsubscribeLink,
    idle: () => queue.idle(),
    close: async () => {
      await queue.idle();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

/** The request body as text, or undefined when it exceeds the size limit. */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is still read to its end, so the socket survives to carry the error reply.
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_REQUEST_BYTES) chunks.push(buffer);
  }
  return size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

function sendXml(response: ServerResponse, status: number, xml: string, requestId: string): void {
  response.writeHead(status, { 'content-type': 'text/xml; charset=utf-8', 'x-amzn-requestid': requestId });
  response.end(xml);
}

function sendPage(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(
    `<!doctype html><html><head><title>${escapeXml(title)}</title></head>` +
      `<body><h1>${escapeXml(title)}</h1><p>${escapeXml(text)}</p></body></html>`,
  );
}
