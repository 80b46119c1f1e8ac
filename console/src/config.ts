/**
 * The console's runtime configuration, /config.json beside the page: where the API is and how to
 * sign in. Local serving writes `{ apiUrl, auth: { mode: "local" } }`; the CDK deployment writes the
 * Cognito user pool's hosted UI settings.
 */

export interface CognitoAuth {
  mode: 'cognito';
  region: string;
  userPoolId: string;
  clientId: string;
  /** The hosted UI's domain, e.g. "wirewatch-analysts.auth.eu-west-1.amazoncognito.com". */
  domain: string;
}

export interface ConsoleConfig {
  apiUrl: string;
  auth: { mode: 'local' } | CognitoAuth;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`config.json: ${name} must be a non-empty string`);
  return value;
}

export function parseConfig(raw: unknown): ConsoleConfig {
  if (typeof raw !== 'object' || raw === null) throw new Error('config.json must hold an object');
  const { apiUrl, auth } = raw as Record<string, unknown>;
  const authFields = (typeof auth === 'object' && auth !== null ? auth : {}) as Record<string, unknown>;
  // A relative apiUrl ("/api") is the console's own origin; no trailing slash, so paths join cleanly.
  const base = text(apiUrl, 'apiUrl').replace(/\/+$/, '');
  if (authFields.mode === 'local') return { apiUrl: base, auth: { mode: 'local' } };
  if (authFields.mode === 'cognito') {
    return {
      apiUrl: base,
      auth: {
        mode: 'cognito',
        region: text(authFields.region, 'auth.region'),
        userPoolId: text(authFields.userPoolId, 'auth.userPoolId'),
        clientId: text(authFields.clientId, 'auth.clientId'),
        domain: text(authFields.domain, 'auth.domain')
          .replace(/^https:\/\//, '')
          .replace(/\/+$/, ''),
      },
    };
  }
  throw new Error('config.json: auth.mode must be "local" or "cognito"');
}
