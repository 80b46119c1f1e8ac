/**
 * Sign-in on AWS: the Cognito user pool's hosted UI, authorization code with PKCE (RFC 7636), no
 * client secret. The page redirects to /oauth2/authorize with a challenge, comes back to its own
 * origin with ?code=…&state=…, and trades the code and its verifier for tokens at /oauth2/token.
 * The ID token (it carries email and cognito:groups) is what the API's JWT authorizer checks.
 * Tokens live in sessionStorage: gone with the tab, never in a cookie another site could send.
 */
import type { CognitoAuth } from '../config.ts';

const PENDING_KEY = 'wirewatch.pkce';
const TOKENS_KEY = 'wirewatch.tokens';
/** Renew this long before expiry, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

interface PendingSignIn {
  verifier: string;
  state: string;
  /** The route the analyst was on (an email's #/articles/… link), to return to after signing in. */
  returnHash: string;
}

interface StoredTokens {
  idToken: string;
  refreshToken: string | null;
  expiresAt: number;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomToken(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

const redirectUri = (location: Location) => `${location.origin}/`;

export async function beginCognitoSignIn(auth: CognitoAuth, location: Location): Promise<void> {
  const pending: PendingSignIn = { verifier: randomToken(), state: randomToken(), returnHash: location.hash };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(location),
    scope: 'openid email',
    state: pending.state,
    code_challenge: await challengeFor(pending.verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`https://${auth.domain}/oauth2/authorize?${query}`);
}

async function requestTokens(auth: CognitoAuth, form: Record<string, string>): Promise<StoredTokens> {
  const response = await fetch(`https://${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: auth.clientId, ...form }),
  });
  if (!response.ok) throw new Error(`Sign-in failed: the user pool answered HTTP ${response.status}`);
  const body = (await response.json()) as { id_token?: string; refresh_token?: string; expires_in?: number };
  if (typeof body.id_token !== 'string') throw new Error('Sign-in failed: the user pool sent no ID token');
  const tokens: StoredTokens = {
    idToken: body.id_token,
    refreshToken: body.refresh_token ?? form.refresh_token ?? null,
    expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000,
  };
  sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
  return tokens;
}

/**
 * On the way back from the hosted UI: trades the code for tokens and restores the analyst's route.
 * Does nothing on any other load. A state that does not match the one this tab sent is refused (a
 * login CSRF: someone else's code pushed into this page).
 */
export async function completeCognitoSignIn(auth: CognitoAuth, location: Location): Promise<void> {
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const error = query.get('error');
  if (code === null && error === null) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as PendingSignIn | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${pending?.returnHash || '#/inbox'}`);
  if (error !== null) throw new Error(`Sign-in failed: ${query.get('error_description') ?? error}`);
  if (pending === null || query.get('state') !== pending.state) {
    throw new Error(
      'Sign-in failed: this answer was not for a sign-in this tab started; please sign in again',
    );
  }
  await requestTokens(auth, {
    grant_type: 'authorization_code',
    code: code as string,
    redirect_uri: redirectUri(location),
    code_verifier: pending.verifier,
  });
}

/** A valid ID token, renewed with the refresh token when it has lapsed; null when a sign-in is needed. */
export async function cognitoIdToken(auth: CognitoAuth): Promise<string | null> {
  const stored = JSON.parse(sessionStorage.getItem(TOKENS_KEY) ?? 'null') as StoredTokens | null;
  if (stored === null) return null;
  if (stored.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return stored.idToken;
  if (stored.refreshToken === null) return null;
  try {
    return (await requestTokens(auth, { grant_type: 'refresh_token', refresh_token: stored.refreshToken }))
      .idToken;
  } catch {
    sessionStorage.removeItem(TOKENS_KEY);
    return null;
  }
}

export function cognitoSignOut(auth: CognitoAuth, location: Location): void {
  sessionStorage.removeItem(TOKENS_KEY);
  const query = new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri(location) });
  location.assign(`https://${auth.domain}/logout?${query}`);
}
