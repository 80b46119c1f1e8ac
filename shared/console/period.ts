/**
 * The period a console view covers: whole UTC days or instants, bounded so that no request reads
 * more than MAX_PERIOD_DAYS of the table. Bounds are written so that the table's time sort keys
 * (`<sortAt>#<id>`, sortAt with or without milliseconds) fall inside them at both ends.
 */
import { ConsoleRefusal } from './console-refusal.ts';

export const MAX_PERIOD_DAYS = 31;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Period {
  /** Inclusive bounds as the listings take them. */
  since: string;
  until: string;
  /** Every UTC day the period touches, oldest first. */
  days: string[];
}

export interface PeriodRequest {
  since?: string;
  until?: string;
  /** One UTC day (YYYY-MM-DD); excludes since and until. */
  date?: string;
}

function instant(value: string, name: string): Date {
  const parsed = new Date(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new ConsoleRefusal('invalid', `${name} must be a date (2026-11-27) or an ISO 8601 instant`);
  }
  return parsed;
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** The day an article is counted under: the UTC date of its sort time. */
export const articleDay = (sortAt: string) => sortAt.slice(0, 10);

/**
 * The period asked for; without bounds, the `defaultDays` whole days up to today. A date as `until`
 * includes that whole day.
 */
export function resolvePeriod(request: PeriodRequest, now: Date, defaultDays: number): Period {
  if (request.date !== undefined && (request.since !== undefined || request.until !== undefined)) {
    throw new ConsoleRefusal('invalid', 'give either date or since/until, not both');
  }
  const sinceText = request.date ?? request.since;
  const untilText = request.date ?? request.until;
  const until = untilText === undefined ? now : instant(untilText, request.date ? 'date' : 'until');
  const untilIsDay = untilText === undefined || DATE.test(untilText);
  const since =
    sinceText === undefined
      ? new Date(Date.parse(`${dayOf(until)}T00:00:00Z`) - (defaultDays - 1) * DAY_MS)
      : instant(sinceText, request.date ? 'date' : 'since');
  if (since.getTime() > until.getTime()) {
    throw new ConsoleRefusal('invalid', 'since must not be after until');
  }
  const days: string[] = [];
  for (let day = Date.parse(`${dayOf(since)}T00:00:00Z`); day <= until.getTime(); day += DAY_MS) {
    days.push(dayOf(new Date(day)));
    if (days.length > MAX_PERIOD_DAYS) {
      throw new ConsoleRefusal('invalid', `a period covers at most ${MAX_PERIOD_DAYS} days`);
    }
  }
  const sinceIsDay = sinceText === undefined || DATE.test(sinceText);
  return {
    // A bare date sorts before every time of its day, with or without milliseconds.
    since: sinceIsDay ? dayOf(since) : since.toISOString(),
    // Whole seconds: "…59Z" sorts after "…59.999Z", and the listing appends a bound after "#<id>".
    until: untilIsDay ? `${dayOf(until)}T23:59:59Z` : until.toISOString().replace('.000Z', 'Z'),
    days,
  };
}
