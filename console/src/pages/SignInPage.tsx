/** Shown when no valid sign-in is at hand: the hosted UI on AWS, the printed address locally. */
import type { Session } from '../auth/session.ts';

export function SignInPage({ session, reason }: { session: Session; reason: string | null }) {
  return (
    <main id="main" class="sign-in">
      <h1>wirewatch analyst console</h1>
      {reason !== null && (
        <p class="error" role="alert">
          {reason}
        </p>
      )}
      {session.mode === 'cognito' ? (
        <>
          <p>Sign in with your analyst account to see your alerts, rules and subscriptions.</p>
          <button type="button" class="primary" onClick={() => session.signIn()}>
            Sign in
          </button>
        </>
      ) : (
        <p>
          Open the address <code>npm start</code> printed (it ends in <code>#token=…</code>). Each run makes a
          new one, so an address from an earlier run no longer works.
        </p>
      )}
    </main>
  );
}
