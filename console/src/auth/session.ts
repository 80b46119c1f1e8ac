/** Who the page acts for: the token each API request carries, and how to sign in and out. */
import type { ConsoleConfig } from '../config.ts';
import { beginCognitoSignIn, cognitoIdToken, cognitoSignOut, completeCognitoSignIn } from './cognito-pkce.ts';
import { forgetLocalToken, takeLocalToken } from './local-token.ts';

export interface Session {
  mode: 'local' | 'cognito';
  /** The bearer token for the next request; null when the analyst must sign in. */
  token(): Promise<string | null>;
  signIn(): Promise<void>;
  /** Forgets the sign-in and leaves: to the sign-in page locally, through the hosted UI's logout on AWS. */
  signOut(): void;
}

export async function openSession(config: ConsoleConfig): Promise<Session> {
  const { auth } = config;
  if (auth.mode === 'local') {
    const token = takeLocalToken(window.location, localStorage);
    return {
      mode: 'local',
      token: async () => token,
      // Locally the only way in is the address npm start printed; the sign-in page says so.
      signIn: async () => {},
      signOut: () => {
        forgetLocalToken(localStorage);
        window.location.reload();
      },
    };
  }
  await completeCognitoSignIn(auth, window.location);
  return {
    mode: 'cognito',
    token: () => cognitoIdToken(auth),
    signIn: () => beginCognitoSignIn(auth, window.location),
    signOut: () => cognitoSignOut(auth, window.location),
  };
}
