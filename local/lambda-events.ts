/** AWS-shaped events and contexts, as Lambda hands them to handlers, for the local runtime. */
import { randomUUID } from 'node:crypto';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  Context,
  ScheduledEvent,
  SQSEvent,
  SQSMessageAttributes,
} from 'aws-lambda';
import { type MessageAttribute, md5Hex, type QueuedMessage } from './queues/local-queue.ts';

export function scheduledEvent(
  ruleArn: string,
  region: string,
  account: string,
  at = new Date(),
): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [ruleArn],
    detail: {},
  };
}

function messageAttributes(attributes: Record<string, MessageAttribute>): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType,
        stringValue: value.StringValue,
        binaryValue: value.BinaryValue,
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );
}

export function sqsEvent(messages: readonly QueuedMessage[], queueArn: string, region: string): SQSEvent {
  return {
    Records: messages.map((message) => ({
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'AIDALOCALRUNTIME',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: messageAttributes(message.attributes),
      md5OfBody: md5Hex(message.body),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}

export function lambdaContext(
  functionName: string,
  region: string,
  account: string,
  timeoutSeconds: number,
): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const unsupported = () => {
    throw new Error('Callback-style completion is not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${account}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

export interface HttpApiRequest {
  method: string;
  /** The path as API Gateway passes it on: without the query string, still percent-encoded. */
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** `METHOD /template` of the route the path matched, or `$default`. */
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
  /** What a JWT authorizer would have verified. */
  claims: Record<string, string>;
  sourceIp: string;
}

/** The API Gateway HTTP API (payload 2.0) event a Lambda behind a JWT authorizer receives. */
export function httpApiEvent(
  request: HttpApiRequest,
  account: string,
  at = new Date(),
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(request.rawQueryString)) {
    // API Gateway joins a repeated parameter's values with commas.
    const earlier = queryStringParameters[name];
    queryStringParameters[name] = earlier === undefined ? value : `${earlier},${value}`;
  }
  const body = request.body === undefined || request.body === '' ? undefined : request.body;
  return {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    headers: request.headers,
    ...(request.rawQueryString === '' ? {} : { queryStringParameters }),
    ...(request.pathParameters === undefined ? {} : { pathParameters: request.pathParameters }),
    requestContext: {
      accountId: account,
      apiId: 'local',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: request.claims, scopes: [] },
      },
      domainName: request.headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: request.routeKey,
      stage: '$default',
      time: at.toUTCString(),
      timeEpoch: at.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}
