/**
 * Moves the sample site's news to the days before a run. The sample files are written as of
 * SAMPLES_AS_OF (their newest item's day); served, every date of that news moves by the same whole
 * number of days so the newest lands on the day before the run, and `query --since 7d` or a digest
 * finds them whenever the samples are tried. Everything else in a page stays as written, so a page is
 * the same all day long (same ETag, 304 on a rerun) and changes only with the day of the run.
 *
 * Moved: ISO dates (`2026-11-24`, time and offset kept), RFC 822 dates with their weekday
 * (`Tue, 24 Nov 2026`), `24 November 2026`, `Nov 24` and `November 24, 2026`, and weekday names,
 * which move with the dates they stand for. Dates outside the samples' news window (a history
 * paragraph's `April 7`) stay as written.
 */

/** The day the sample files are written as of: their newest item is dated that day. */
export const SAMPLES_AS_OF = '2026-11-26';
/** How far back from SAMPLES_AS_OF a date counts as the samples' own news, and moves. */
const NEWS_WINDOW_DAYS = 31;

const DAY_MS = 86_400_000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH = `(?:${MONTHS.join('|')}|${MONTHS.map((name) => name.slice(0, 3)).join('|')})`;
const SHORT_WEEKDAY = `(?:${WEEKDAYS.map((name) => name.slice(0, 3)).join('|')})`;

/** One pass over the text; each alternative is a fixed sequence of bounded parts (linear time). */
const DATES = new RegExp(
  [
    String.raw`\b${SHORT_WEEKDAY}, (?<rfcDay>\d{1,2}) (?<rfcMonth>${MONTH}) (?<rfcYear>\d{4})\b`,
    String.raw`(?<![\w-])(?<isoYear>\d{4})-(?<isoMonth>\d{2})-(?<isoDay>\d{2})(?![\d-])`,
    String.raw`\b(?<dmyDay>\d{1,2}) (?<dmyMonth>${MONTH}) (?<dmyYear>\d{4})\b`,
    String.raw`\b(?<mdMonth>${MONTH}) (?<mdDay>\d{1,2})\b(?:, (?<mdYear>\d{4})\b)?`,
    String.raw`\b(?<weekday>${WEEKDAYS.join('|')})\b`,
  ].join('|'),
  'g',
);

const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS;
const pad2 = (value: number) => String(value).padStart(2, '0');
const monthIndex = (written: string) => MONTHS.findIndex((name) => name.slice(0, 3) === written.slice(0, 3));

/**
 * The whole days to add to the samples' dates for a run at `now`: the newest sample day becomes the
 * day before the run (UTC), so no item is dated in the future.
 */
export function sampleDateShift(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS) - 1 - dayNumber(SAMPLES_AS_OF);
}

/** `text` with every date of the samples' news, and every weekday name, moved by `days`. */
export function shiftSampleDates(text: string, days: number): string {
  if (days === 0) return text;
  const newest = dayNumber(SAMPLES_AS_OF);
  /** The date `days` later, or null when the date is not the samples' own news. */
  const moved = (year: number, month: number, day: number): Date | null => {
    const at = Date.UTC(year, month, day);
    const number = at / DAY_MS;
    if (Number.isNaN(at) || number > newest || number < newest - NEWS_WINDOW_DAYS) return null;
    return new Date(at + days * DAY_MS);
  };
  const monthAsWritten = (written: string, date: Date) => {
    const name = MONTHS[date.getUTCMonth()] as string;
    return written.length > 3 ? name : name.slice(0, 3);
  };
  const asOfYear = Number(SAMPLES_AS_OF.slice(0, 4));
  return text.replace(DATES, (match, ...rest) => {
    const groups = rest.at(-1) as Record<string, string | undefined>;
    if (groups.weekday !== undefined) {
      return WEEKDAYS[(((WEEKDAYS.indexOf(groups.weekday) + days) % 7) + 7) % 7] as string;
    }
    if (groups.rfcMonth !== undefined) {
      const date = moved(Number(groups.rfcYear), monthIndex(groups.rfcMonth), Number(groups.rfcDay));
      if (date === null) return match;
      const day = (groups.rfcDay as string).length === 2 ? pad2(date.getUTCDate()) : date.getUTCDate();
      const weekday = (WEEKDAYS[date.getUTCDay()] as string).slice(0, 3);
      return `${weekday}, ${day} ${monthAsWritten(groups.rfcMonth, date)} ${date.getUTCFullYear()}`;
    }
    if (groups.isoYear !== undefined) {
      const date = moved(Number(groups.isoYear), Number(groups.isoMonth) - 1, Number(groups.isoDay));
      return date === null ? match : date.toISOString().slice(0, 10);
    }
    if (groups.dmyMonth !== undefined) {
      const date = moved(Number(groups.dmyYear), monthIndex(groups.dmyMonth), Number(groups.dmyDay));
      if (date === null) return match;
      return `${date.getUTCDate()} ${monthAsWritten(groups.dmyMonth, date)} ${date.getUTCFullYear()}`;
    }
    const month = groups.mdMonth as string;
    const year = groups.mdYear === undefined ? asOfYear : Number(groups.mdYear);
    const date = moved(year, monthIndex(month), Number(groups.mdDay));
    if (date === null) return match;
    const yearPart = groups.mdYear === undefined ? '' : `, ${date.getUTCFullYear()}`;
    return `${monthAsWritten(month, date)} ${date.getUTCDate()}${yearPart}`;
  });
}
