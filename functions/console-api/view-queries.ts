/**
 * What the read-only views (/alerts, /articles, /trends) share: the query parameters they accept, the
 * period they cover and how a request a use case refuses (ConsoleInputError) becomes a 400.
 */
import * as z from 'zod/mini';
import { ConsoleInputError } from '../../shared/console/console-input-error.ts';
import { type Period, resolvePeriod } from '../../shared/console/period.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import { ApiError } from './console-http.ts';

const label = (pattern: RegExp, example: string) =>
  z.string().check(z.regex(pattern, `expected a value such as ${example}`));

export const pairParameter = label(/^[A-Za-z]{2}[-–/_][A-Za-z]{2}$/, 'PK-US');
export const topicParameter = label(/^[a-z][a-z-]{0,40}$/i, 'diplomacy');
export const ruleParameter = label(/^[A-Za-z0-9_.:-]{1,128}$/, 'ct-dialogue');
export const sourceParameter = label(/^[^\s]{1,253}$/, 'dawn.com');
export const timeParameter = label(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, '2026-11-27');
export const cursorParameter = z.string().check(z.maxLength(4096));

/** Days a view covers when the request names no period. */
export const DEFAULT_VIEW_DAYS = 30;
/** Items a listing page holds. */
export const VIEW_PAGE_SIZE = 25;

export function periodOf(
  query: { since?: string; until?: string; date?: string },
  clock: Clock,
  defaultDays = DEFAULT_VIEW_DAYS,
): Period {
  return refusingBadInput(() => resolvePeriod(query, clock.now(), defaultDays));
}

/** Runs the use case, answering what it refuses about the request with a 400. */
export function refusingBadInput<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConsoleInputError) throw new ApiError(400, 'invalid_request', error.message);
    throw error;
  }
}

export async function refusingBadInputAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConsoleInputError) throw new ApiError(400, 'invalid_request', error.message);
    throw error;
  }
}
