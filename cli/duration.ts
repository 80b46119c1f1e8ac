/**
 * Time bounds given on the command line (`--since`, `--until`): a span back from now (`7d`, `12h`,
 * `30m`, `2w`) or an ISO 8601 date or timestamp. A bare date is the start of that day (UTC) as a lower
 * bound and its end as an upper bound, so `--since 2026-11-01 --until 2026-11-03` covers three days.
 */
import { CliError } from '../tools/cli-error.ts';

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const SPAN = /^(\d+)([mhdw])$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A time without a zone would be read in the machine's zone; the archive and the table are in UTC.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export type BoundEdge = 'start' | 'end';

/**
 * The instant `value` stands for, as an ISO string (`…T…Z`, the form the table's sort keys use).
 * `edge` says which end of a bare date is meant. Throws CliError naming `flag` for anything else.
 */
export function parseTimeBound(value: string, now: Date, edge: BoundEdge, flag: string): string {
  const trimmed = value.trim();
  const span = SPAN.exec(trimmed);
  if (span !== null) {
    const [, amount, unit] = span;
    return new Date(now.getTime() - Number(amount) * (UNIT_MS[unit as string] as number)).toISOString();
  }
  if (DATE_ONLY.test(trimmed)) {
    const day = new Date(`${trimmed}T00:00:00.000Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(trimmed)) {
      return edge === 'start' ? day.toISOString() : new Date(day.getTime() + 86_400_000 - 1).toISOString();
    }
  } else if (TIMESTAMP.test(trimmed)) {
    const at = new Date(trimmed);
    if (!Number.isNaN(at.getTime())) return at.toISOString();
  }
  throw new CliError(
    `${flag} "${value}" is not a time: use a span back from now (30m, 12h, 7d, 2w), a date (2026-11-01) or a timestamp with a zone (2026-11-01T08:00:00Z)`,
  );
}

/** Both bounds of a range, checked to be in order. `--until` defaults to now. */
export function parseTimeRange(
  values: { since?: string | undefined; until?: string | undefined },
  now: Date,
  defaultSince: string,
): { since: string; until: string } {
  const since = parseTimeBound(values.since ?? defaultSince, now, 'start', '--since');
  const until =
    values.until === undefined ? now.toISOString() : parseTimeBound(values.until, now, 'end', '--until');
  if (since > until) throw new CliError(`--since (${since}) is after --until (${until})`);
  return { since, until };
}
