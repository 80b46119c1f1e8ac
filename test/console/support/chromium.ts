/**
 * The Chromium the browser suite drives through playwright-core: Debian's package (CI installs it,
 * .ci/run), or the one CHROMIUM_PATH names. The suite is skipped, saying why, only when there is none.
 */
import { accessSync, constants } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to launch, or null when this machine has none. */
export function findChromium(environment: NodeJS.ProcessEnv = process.env): string | null {
  const named = environment.CHROMIUM_PATH;
  if (named !== undefined && named !== '') return executable(named) ? named : null;
  return CANDIDATES.find(executable) ?? null;
}

export const NO_CHROMIUM_MESSAGE =
  'Browser suite skipped: no Chromium executable (install Debian\'s "chromium" package, as .ci/run does, or set CHROMIUM_PATH)';
