/**
 * The analyst console on AWS: each security property of its API, user pool and hosting, asserted
 * on the synthesized stack, and the route table as the one source of the API's routes.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES } from '../../functions/console-api/routes.ts';
import { ADMIN_GROUP_NAME } from '../../infra/constructs/analyst-user-pool.ts';
import { CONSOLE_API_LATENCY_ALARM } from '../../infra/constructs/console-api.ts';
import { DEFAULT_STAGE_CONFIG, parseStageConfig } from '../../infra/stage-config.ts';
import { WirewatchStack } from '../../infra/wirewatch-stack.ts';
import { newTestApp, testStackProps } from './test-app.ts';

describe('the analyst console', () => {
  let stack: WirewatchStack;
  let template: Template;

  beforeAll(() => {
    // Prepare
    const app = newTestApp();

    // Act
    stack = new WirewatchStack(app, 'WirewatchConsole', testStackProps());
    template = Template.fromStack(stack);
  });

  const consoleUrl = () => stack.resolve(stack.consoleHosting.url);
  const opsTopic = () => [stack.resolve(stack.opsTopic.topicArn)];

  describe('API', () => {
    it('has exactly one route per entry of the route table, each behind the JWT authorizer', () => {
      // Prepare
      const authorizerId = stack.resolve(stack.consoleApi.authorizer.authorizerId);

      // Act
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));

      // Assess
      expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(
        CONSOLE_ROUTES.map(({ method, path }) => `${method} ${path}`).sort(),
      );
      for (const route of routes) {
        expect(route.Properties.AuthorizationType, route.Properties.RouteKey).toBe('JWT');
        expect(route.Properties.AuthorizerId, route.Properties.RouteKey).toEqual(authorizerId);
      }
    });

    it("accepts only tokens the analysts' user pool issued to the console's client", () => {
      // Assess
      template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [stack.resolve(stack.analystUserPool.consoleClient.userPoolClientId)],
          Issuer: {
            'Fn::Join': [
              '',
              [
                'https://cognito-idp.',
                { Ref: 'AWS::Region' },
                '.amazonaws.com/',
                stack.resolve(stack.analystUserPool.userPool.userPoolId),
              ],
            ],
          },
        },
      });
    });

    it('sends every route to the console-api function with the payload 2.0 event', () => {
      // Assess
      template.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: stack.resolve(stack.functions.consoleApi.functionArn),
        PayloadFormatVersion: '2.0',
      });
    });

    it("lets browsers call it from the console's origin only, with bearer tokens and no cookies", () => {
      // Assess
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: {
          AllowOrigins: [consoleUrl()],
          AllowCredentials: false,
          AllowHeaders: ['authorization', 'content-type'],
        },
      });
    });

    it("throttles the stage with the stage configuration's rate and burst", () => {
      // Assess
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: DEFAULT_STAGE_CONFIG.consoleApiRateLimit,
          ThrottlingBurstLimit: DEFAULT_STAGE_CONFIG.consoleApiBurstLimit,
        },
      });
    });

    it('writes access logs with the stage retention and no personal data', () => {
      // Prepare
      const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));

      // Act
      const format = String(stage?.Properties.AccessLogSettings.Format);

      // Assess
      expect(stage?.Properties.AccessLogSettings.DestinationArn).toEqual(
        stack.resolve(stack.consoleApi.accessLogGroup.logGroupArn),
      );
      expect(Object.keys(JSON.parse(format))).toEqual(
        expect.arrayContaining(['requestId', 'routeKey', 'status', 'responseLatency']),
      );
      expect(format).not.toMatch(/sourceIp|userAgent|claims|identity|path|querystring/i);
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        RetentionInDays: DEFAULT_STAGE_CONFIG.logRetentionDays,
      });
    });

    it('alarms the ops topic on any server error and on a sustained p90 latency, and on recovery', () => {
      // Prepare
      const apiDimensions = Match.arrayWith([
        { Name: 'ApiId', Value: stack.resolve(stack.consoleApi.httpApi.apiId) },
      ]);

      // Assess
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: apiDimensions,
        Statistic: 'Sum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: opsTopic(),
        OKActions: opsTopic(),
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Latency',
        Dimensions: apiDimensions,
        ExtendedStatistic: 'p90',
        Threshold: CONSOLE_API_LATENCY_ALARM.toMilliseconds(),
        EvaluationPeriods: 3,
        AlarmActions: opsTopic(),
        OKActions: opsTopic(),
      });
    });
  });

  describe('user pool', () => {
    it('takes no sign-ups, signs in by email with a strong password and a required authenticator code', () => {
      // Assess
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        UsernameAttributes: ['email'],
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: Match.anyValue(),
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      });
      const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
      expect(pool?.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
    });

    it(`has the "${ADMIN_GROUP_NAME}" group the API checks for its admin routes`, () => {
      // Assess
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
        GroupName: ADMIN_GROUP_NAME,
        UserPoolId: stack.resolve(stack.analystUserPool.userPool.userPoolId),
      });
    });

    it('gives the console a public client: code grant only, no secret, back to the console URL only', () => {
      // Assess
      template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        SupportedIdentityProviders: ['COGNITO'],
        PreventUserExistenceErrors: 'ENABLED',
        CallbackURLs: [consoleUrl(), stack.resolve(`${stack.consoleHosting.url}/`)],
        LogoutURLs: [consoleUrl(), stack.resolve(`${stack.consoleHosting.url}/`)],
      });
    });

    it('names the hosted UI domain after the stage and account unless the stage gives a prefix', () => {
      // Prepare
      const app = newTestApp();
      const configured = new WirewatchStack(
        app,
        'WirewatchPrefixed',
        testStackProps({ config: parseStageConfig({ consoleDomainPrefix: 'acme-news-desk' }) }),
      );

      // Act
      const prefixed = Template.fromStack(configured);

      // Assess
      template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        Domain: { 'Fn::Join': ['-', ['wirewatch-dev', { Ref: 'AWS::AccountId' }]] },
      });
      prefixed.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-news-desk' });
    });
  });

  it('tells the page the hosted UI as a host name, which it prefixes with https:// itself', () => {
    // Act
    const domain = stack.resolve(stack.analystUserPool.hostedUiDomain);

    // Assess
    expect(domain).toEqual({
      'Fn::Join': [
        '',
        [
          stack.resolve(stack.analystUserPool.domain.domainName),
          '.auth.',
          { Ref: 'AWS::Region' },
          '.amazoncognito.com',
        ],
      ],
    });
  });

  describe('hosting', () => {
    it('keeps the bucket private and TLS-only, readable by this distribution alone through origin access control', () => {
      // Prepare
      const bucket = stack.consoleHosting.bucket;

      // Assess
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        WebsiteConfiguration: Match.absent(),
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: stack.resolve(bucket.bucketName),
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
            Match.objectLike({
              Effect: 'Allow',
              Action: 's3:GetObject',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
            }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: {
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      });
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Origins: [
            Match.objectLike({
              DomainName: stack.resolve(bucket.bucketRegionalDomainName),
              OriginAccessControlId: Match.anyValue(),
              S3OriginConfig: { OriginAccessIdentity: '' },
            }),
          ],
        }),
      });
    });

    it('lets no one but CloudFront read the bucket: no public statement in its policy', () => {
      // Prepare
      const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter(
        (policy) =>
          JSON.stringify(policy.Properties.Bucket) ===
          JSON.stringify(stack.resolve(stack.consoleHosting.bucket.bucketName)),
      );

      // Act
      const publicAllows = policies
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
        .filter(
          (statement) =>
            statement.Effect === 'Allow' && (statement.Principal === '*' || statement.Principal?.AWS === '*'),
        );

      // Assess
      expect(policies).toHaveLength(1);
      expect(publicAllows).toEqual([]);
    });

    it('answers over HTTPS only, redirecting plain HTTP, with strict security headers', () => {
      // Assess
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: ['GET', 'HEAD'],
            ResponseHeadersPolicyId: stack.resolve(
              stack.consoleHosting.responseHeadersPolicy.responseHeadersPolicyId,
            ),
          }),
        }),
      });
      template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            StrictTransportSecurity: Match.objectLike({
              AccessControlMaxAgeSec: Match.anyValue(),
              IncludeSubdomains: true,
              Override: true,
            }),
            ContentTypeOptions: { Override: true },
            FrameOptions: { FrameOption: 'DENY', Override: true },
            ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
            ContentSecurityPolicy: {
              ContentSecurityPolicy: Match.anyValue(),
              Override: true,
            },
          }),
        }),
      });
      const [policy] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
      const csp = JSON.stringify(
        policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
      );
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
    });

    it('deploys the built page with a config.json naming the API and the user pool, then invalidates the cache', () => {
      // Prepare
      const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
      const markers = JSON.stringify(deployment?.Properties.SourceMarkers);

      // Assess
      expect(deployment?.Properties.DestinationBucketName).toEqual(
        stack.resolve(stack.consoleHosting.bucket.bucketName),
      );
      expect(deployment?.Properties.DistributionPaths).toEqual(['/*']);
      expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
      for (const value of [
        stack.consoleApi.httpApi.apiId,
        stack.analystUserPool.userPool.userPoolId,
        stack.analystUserPool.consoleClient.userPoolClientId,
      ]) {
        expect(markers).toContain(JSON.stringify(stack.resolve(value)));
      }
    });

    it('gives the console URL to the functions that send emails, and as a stack output', () => {
      // Assess
      for (const emailer of [stack.functions.classifyArticle, stack.functions.sendDigest]) {
        template.hasResourceProperties('AWS::Lambda::Function', {
          Role: stack.resolve(emailer.role?.roleArn),
          Environment: { Variables: Match.objectLike({ WIREWATCH_CONSOLE_URL: consoleUrl() }) },
        });
      }
      template.hasOutput('ConsoleUrl', { Value: consoleUrl() });
    });
  });

  it('refuses to synthesize without a built console, saying how to build it', () => {
    // Prepare
    const empty = mkdtempSync(join(tmpdir(), 'wirewatch-no-console-'));

    // Act
    const build = () =>
      new WirewatchStack(newTestApp(), 'WirewatchUnbuilt', { consoleAssetDirectory: empty });

    // Assess
    try {
      expect(build).toThrow(/not built[\s\S]*npm run build:console/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
