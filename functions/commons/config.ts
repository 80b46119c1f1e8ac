/**
 * Configuration read from the environment at cold start. A missing or malformed value fails the cold
 * start with a message naming the variable, rather than the first event that needs it.
 */
import { ENV } from '../../infra/resource-definitions.ts';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
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
