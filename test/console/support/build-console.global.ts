/**
 * Vitest global setup of the console project: builds the SPA into console/dist once per run (about
 * two seconds), so the page-weight test and the browser suite see the code as it is now, never a
 * stale build. Vitest calls it only when a console test is queued.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const CONSOLE_CONFIG = fileURLToPath(new URL('../../../console/vite.config.ts', import.meta.url));

export default async function setup(): Promise<void> {
  await build({ configFile: CONSOLE_CONFIG, logLevel: 'warn' });
}
