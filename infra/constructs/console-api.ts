/**
 * ConsoleApi: the analyst console's HTTP API on AWS. One API Gateway HTTP API whose every route
 * (one per entry of the console's route table) needs a valid token from the analysts' user pool,
 * checked by a JWT authorizer (issuer: the pool; audience: the console's app client), and reaches the
 * one console-api function with the payload 2.0 event. Browsers may call it from the console's
 * origin only (CORS); the default stage is throttled, writes access logs without personal data, and
 * alarms on server errors and latency.
 */

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { OpsAlarms } from './ops-alarms.ts';

/** A route as the console's route table declares it, in API Gateway's path syntax (`/rules/{ruleId}`). */
export interface ConsoleApiRoute {
  readonly method: string;
  readonly path: string;
}

export interface ConsoleApiProps {
  readonly routes: readonly ConsoleApiRoute[];
  /** The console-api function every route invokes. */
  readonly handler: IFunction;
  readonly userPool: IUserPool;
  /** Tokens must be issued to this client (their `aud`, or `client_id` for access tokens). */
  readonly userPoolClient: IUserPoolClient;
  /** The console's origin (`https://…`, no trailing slash): the only one browsers may call from. */
  readonly allowedOrigin: string;
  /** The stage's steady requests per second and burst, for all callers together. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly alarms: OpsAlarms;
  readonly logRetention: RetentionDays;
}

/** API Gateway gives up on an integration after 30 s; the function's own time bound stays below it. */
export const CONSOLE_API_LATENCY_ALARM = Duration.seconds(3);

const ROUTE_METHODS: Record<string, HttpMethod> = {
  GET: HttpMethod.GET,
  POST: HttpMethod.POST,
  PUT: HttpMethod.PUT,
  PATCH: HttpMethod.PATCH,
  DELETE: HttpMethod.DELETE,
};

/**
 * What each request leaves in the access log: enough to follow a request and to see errors and
 * latency, with no personal data (no source IP, no user agent, no claims, no query string).
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export class ConsoleApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogGroup: LogGroup;
  public readonly authorizer: HttpUserPoolAuthorizer;
  public readonly serverErrorAlarm: Alarm;
  public readonly latencyAlarm: Alarm;
  /** The default stage's URL, with no trailing slash. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'wirewatch analyst console API',
      // The stage is created below, with throttling and access logs.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.allowedOrigin],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type'],
        // Bearer tokens, not cookies: the browser sends no credentials of its own.
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    this.url = this.stage.url.replace(/\/$/, '');

    this.authorizer = new HttpUserPoolAuthorizer('AnalystAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('ConsoleApiIntegration', props.handler, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    for (const route of props.routes) {
      const method = ROUTE_METHODS[route.method.toUpperCase()];
      if (method === undefined) {
        throw new Error(`${this.node.path}: route ${route.method} ${route.path} has an unsupported method`);
      }
      this.httpApi.addRoutes({
        path: route.path,
        methods: [method],
        integration,
        authorizer: this.authorizer,
      });
    }

    this.serverErrorAlarm = props.alarms.alarmOnApiServerErrors('ConsoleApiServerErrors', this.stage);
    this.latencyAlarm = props.alarms.alarmOnApiLatency(
      'ConsoleApiLatency',
      this.stage,
      CONSOLE_API_LATENCY_ALARM,
    );
  }
}
