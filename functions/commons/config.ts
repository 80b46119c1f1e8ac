/**
 * Configuration read from the environment at cold start. A missing or malformed value fails the cold
 * start with a message naming the variable, rather than the first event that needs it.
 */
import { bandItemsBeforeValue, ENV } from '../../infra/resource-definitions.ts';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

/**
 * An optional setting, read each time it is asked for: the local runtime sets some (the console's
 * URL) only after the handlers have loaded. Unset or empty is null.
 */
export function optionalEnv(name: string): () => string | null {
  return () => {
    const value = process.env[name];
    return value === undefined || value === '' ? null : value;
  };
}

/**
 * When the table last received SimHashBand items, of schemas 1.1 to 1.4 (ISO time), `null` for `none`
 * (a table created by 1.5 or later), or undefined when unset (unknown). Read each time, as optionalEnv is: the
 * local runtime decides it per run, from whether it created the table. A malformed value throws,
 * naming the variable.
 */
export function bandItemsBeforeEnv(name: string): () => string | null | undefined {
  return () => {
    const raw = process.env[name]?.trim();
    if (raw === undefined || raw === '') return undefined;
    const value = bandItemsBeforeValue(raw);
    if (value === null)
      throw new Error(`${name} must be an ISO time (2026-12-02T06:00:00Z) or "none", got "${raw}"`);
    return value === 'none' ? null : value;
  };
}

export function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function listEnv(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** How outbound fetches behave: the User-Agent, and the explicit exceptions to the SSRF guard. */
export function httpConfig() {
  return {
    userAgent: process.env[ENV.userAgent] || undefined,
    allowPrivateHosts: listEnv(ENV.allowedPrivateHosts),
    connectTo: listEnv(ENV.connectTo),
  };
}

/**
 * Extra country aliases from `name` (JSON: ISO alpha-2 code → aliases), or none. A malformed value
 * fails the cold start naming the variable, instead of classifying without the aliases ops expect.
 */
export function countryAliasesEnv(name: string): Record<string, string[]> | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${name} is not JSON: ${(error as Error).message}`);
  }
  const valid =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([code, aliases]) =>
        /^[A-Za-z]{2}$/.test(code) &&
        Array.isArray(aliases) &&
        aliases.every((alias) => typeof alias === 'string'),
    );
  if (!valid)
    throw new Error(`${name} must map ISO alpha-2 codes to lists of aliases, e.g. {"PK": ["Pakland"]}`);
  return value as Record<string, string[]>;
}
