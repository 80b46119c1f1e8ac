/**
 * AnalystUserPool: who may use the analyst console on AWS. A Cognito user pool whose accounts an
 * administrator creates (no self sign-up), signing in with their email address, a strong password
 * and a one-time code; the `admins` group the console API checks for its ops routes; and the
 * console's app client, a public client (no secret: a browser cannot keep one) that signs in through
 * the hosted UI with the authorization code grant and PKCE, back to the console's own URL only.
 *
 * MFA is required, by authenticator app (TOTP): an analyst's account changes rules that email other
 * people and reads everyone's rules, so a leaked password alone must not be enough. SMS codes are
 * off: they can be stolen by SIM swap and would need an SMS role and spend limits.
 */

import { Aws, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  type UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The group whose members may use the console's admin routes; the API reads it from `cognito:groups`. */
export const ADMIN_GROUP_NAME = 'admins';

export interface AnalystUserPoolProps {
  /** The console's origin (`https://…`), the only place the hosted UI sends a signed-in analyst back to. */
  readonly consoleUrl: string;
  /** Hosted UI domain prefix; null derives `wirewatch-<stage>-<account id>`. */
  readonly domainPrefix: string | null;
  readonly stage: string;
  /** What happens to the pool (and every account in it) when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

export class AnalystUserPool extends Construct {
  public readonly userPool: UserPool;
  public readonly adminGroup: UserPoolGroup;
  public readonly consoleClient: UserPoolClient;
  public readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AnalystUserPoolProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Your wirewatch console account',
        emailBody:
          'An administrator created your wirewatch console account. Sign in with {username} and the temporary password {####} within three days, then choose your own password and set up an authenticator app.',
      },
      removalPolicy: props.removalPolicy,
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
    });
    this.adminGroup = this.userPool.addGroup('AdminGroup', {
      groupName: ADMIN_GROUP_NAME,
      description: 'May see the ops views (feeds, dead letters) and change any rule.',
    });
    // The hosted UI may return to the console with or without the trailing slash, as the page asks.
    const returnUrls = [props.consoleUrl, `${props.consoleUrl}/`];
    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      // Hosted UI only: no password ever reaches the console's own code.
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: returnUrls,
        logoutUrls: returnUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Short-lived tokens in a browser: a stolen one is useful for an hour; a working day of refreshes.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    this.domain = this.userPool.addDomain('HostedUiDomain', {
      cognitoDomain: {
        domainPrefix: props.domainPrefix ?? Fn.join('-', ['wirewatch', props.stage, Aws.ACCOUNT_ID]),
      },
    });
  }

  /** `<prefix>.auth.<region>.amazoncognito.com`, the host whose hosted UI signs analysts in. */
  public get hostedUiDomain(): string {
    return `${this.domain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com`;
  }
}
