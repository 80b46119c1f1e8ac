/**
 * What the read-only views (/alerts, /articles, /trends) share: the query parameters they accept and
 * the period they cover. A period or cursor the use cases refuse is a ConsoleRefusal, a 400.
 */
import * as z from 'zod/mini';
import { type Period, resolvePeriod } from '../../shared/console/period.ts';
import type { Clock } from '../../shared/ports/clock.ts';

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
  return resolvePeriod(query, clock.now(), defaultDays);
}
