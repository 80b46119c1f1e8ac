/** Starts the console: reads /config.json, signs in as it says, and draws the app. */
import { render } from 'preact';
import { App } from './App.tsx';
import { ConsoleApi } from './api/console-api.ts';
import { openSession } from './auth/session.ts';
import { loadConfig } from './load-config.ts';
import './styles.css';

const root = document.getElementById('app') as HTMLElement;

async function start(): Promise<void> {
  const config = await loadConfig();
  const session = await openSession(config);
  render(<App api={new ConsoleApi(config.apiUrl, session)} session={session} />, root);
}

start().catch((error: unknown) => {
  render(
    <main id="main">
      <h1>wirewatch</h1>
      <p class="error" role="alert">
        The console could not start: {error instanceof Error ? error.message : String(error)}
      </p>
    </main>,
    root,
  );
});
