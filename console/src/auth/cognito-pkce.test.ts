import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CognitoAuth } from '../config.ts';
import { beginCognitoSignIn, cognitoIdToken, completeCognitoSignIn } from './cognito-pkce.ts';

const AUTH: CognitoAuth = {
  mode: 'cognito',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbCdEf',
  clientId: 'client-123',
  domain: 'analysts.auth.eu-west-1.amazoncognito.com',
};
const ORIGIN = 'https://console.example';

/** A Location that records where the page was sent; only what the sign-in reads and calls. */
function fakeLocation(href: string) {
  const url = new URL(href);
  return {
    origin: url.origin,
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    assigned: null as string | null,
    assign(to: string) {
      this.assigned = to;
    },
  };
}

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

async function sha256Base64Url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

describe('Cognito hosted UI sign-in (authorization code + PKCE)', () => {
  let tokenRequests: URLSearchParams[];

  beforeEach(() => {
    tokenRequests = [];
    vi.stubGlobal('sessionStorage', memoryStorage());
    vi.stubGlobal('history', { replaceState: vi.fn() });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: { body: URLSearchParams }) => {
        tokenRequests.push(new URLSearchParams(init.body));
        return new Response(
          JSON.stringify({ id_token: 'id.jwt', refresh_token: 'refresh', expires_in: 3600 }),
        );
      }),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the analyst to the hosted UI with an S256 challenge of a verifier it keeps, and a state', async () => {
    // Prepare
    const location = fakeLocation(`${ORIGIN}/#/articles/abc`);

    // Act
    await beginCognitoSignIn(AUTH, location as unknown as Location);

    // Assess
    const sent = new URL(location.assigned as string);
    const pending = JSON.parse(sessionStorage.getItem('wirewatch.pkce') as string);
    expect(`${sent.origin}${sent.pathname}`).toBe(`https://${AUTH.domain}/oauth2/authorize`);
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: AUTH.clientId,
      redirect_uri: `${ORIGIN}/`,
      code_challenge_method: 'S256',
      state: pending.state,
      code_challenge: await sha256Base64Url(pending.verifier),
    });
    expect(pending.verifier.length).toBeGreaterThanOrEqual(43);
  });

  it('trades the code and the verifier for tokens on the way back, and returns to the route it left', async () => {
    // Prepare
    const start = fakeLocation(`${ORIGIN}/#/articles/abc`);
    await beginCognitoSignIn(AUTH, start as unknown as Location);
    const { state, verifier } = JSON.parse(sessionStorage.getItem('wirewatch.pkce') as string);
    const back = fakeLocation(`${ORIGIN}/?code=the-code&state=${state}`);

    // Act
    await completeCognitoSignIn(AUTH, back as unknown as Location);

    // Assess
    expect(Object.fromEntries(tokenRequests[0] ?? [])).toEqual({
      client_id: AUTH.clientId,
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: `${ORIGIN}/`,
      code_verifier: verifier,
    });
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/#/articles/abc');
    expect(await cognitoIdToken(AUTH)).toBe('id.jwt');
  });

  it('refuses a code that comes back with a state this tab did not send', async () => {
    // Prepare
    await beginCognitoSignIn(AUTH, fakeLocation(`${ORIGIN}/`) as unknown as Location);
    const forged = fakeLocation(`${ORIGIN}/?code=someone-elses&state=forged`);

    // Act
    const completing = completeCognitoSignIn(AUTH, forged as unknown as Location);

    // Assess
    await expect(completing).rejects.toThrow('not for a sign-in this tab started');
    expect(tokenRequests).toEqual([]);
    expect(await cognitoIdToken(AUTH)).toBeNull();
  });
});
