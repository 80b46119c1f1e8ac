/**
 * ConsoleHosting: the analyst console's static files on AWS. A private bucket that only CloudFront
 * can read (origin access control, no public access, TLS-only), a distribution that answers over
 * HTTPS only (plain HTTP is redirected) with a security-headers policy, and, once the API and the
 * user pool exist, a deployment of the built page (console/dist) with the `config.json` that tells
 * it where they are.
 *
 * The distribution comes first because its URL is what the user pool client and the API's CORS
 * allow; `publish` then closes the loop without a dependency cycle (the distribution never depends
 * on the API or the pool).
 */

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** What the page reads from `/config.json` at start on AWS (the local server serves `{ mode: 'local' }`). */
export interface ConsoleRuntimeConfig {
  readonly apiUrl: string;
  readonly auth: {
    readonly mode: 'cognito';
    readonly region: string;
    readonly userPoolId: string;
    readonly clientId: string;
    /** The hosted UI's host, `<prefix>.auth.<region>.amazoncognito.com` (no scheme). */
    readonly domain: string;
  };
}

export interface ConsoleHostingProps {
  /** The built page (`console/dist`, from `npm run build:console`); tests pass a small directory of their own. */
  readonly assetDirectory: string;
  /** How long the deployment function's log group keeps logs. */
  readonly logRetention: RetentionDays;
}

/** The file the page reads its settings from, beside index.html. */
export const CONSOLE_CONFIG_KEY = 'config.json';

export class ConsoleHosting extends Construct {
  public readonly bucket: Bucket;
  public readonly distribution: Distribution;
  public readonly responseHeadersPolicy: ResponseHeadersPolicy;
  /** `https://<distribution>.cloudfront.net`: the console's origin, with no trailing slash. */
  public readonly url: string;
  private readonly assetDirectory: string;
  private readonly logRetention: RetentionDays;
  private deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    this.assetDirectory = props.assetDirectory;
    this.logRetention = props.logRetention;
    // Only build output lives here, rebuilt from the repository on every deploy: no versions to keep,
    // and the bucket leaves with the stack.
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'wirewatch console: strict transport, content security, no framing, no referrer.',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(Stack.of(this).region),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Article links lead to news sites, which need not learn that an analyst read them here.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'wirewatch analyst console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Analysts are few and mostly in Europe and North America.
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        // Every deploy invalidates the whole distribution, so index.html and config.json never go stale.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
  }

  /** Deploys the built page and its `config.json`, then invalidates the distribution's cache. */
  public publish(config: ConsoleRuntimeConfig): BucketDeployment {
    if (this.deployment) throw new Error(`${this.node.path} is already published`);
    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(this.assetDirectory), Source.jsonData(CONSOLE_CONFIG_KEY, config)],
      destinationBucket: this.bucket,
      // Files of an older build that this one no longer has are removed.
      prune: true,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      logGroup: new LogGroup(this, 'DeploymentLogs', {
        retention: this.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    return this.deployment;
  }
}

/**
 * Scripts and styles from the console's own origin only; the page talks to its API (execute-api)
 * and to Cognito's hosted UI and token endpoints, in the stack's region. Named by pattern rather
 * than by URL: the API's URL cannot be known here without making the distribution depend on the
 * API, whose CORS depends on the distribution. Inline styles are allowed because chart and UI
 * libraries set element styles; inline scripts are not.
 */
function contentSecurityPolicy(region: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' https://*.execute-api.${region}.amazonaws.com https://*.amazoncognito.com https://cognito-idp.${region}.amazonaws.com`,
    "form-action 'self' https://*.amazoncognito.com",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
