/**
 * Feed dates to ISO 8601 UTC. Takes the text of a pubDate / dc:date / updated / published element and
 * gives `YYYY-MM-DDTHH:MM:SS.sssZ`, or null when it is not a date. Reads RFC 822/2822 (day name
 * optional and never trusted, two-digit years, named and military zones, `GMT+0100`), RFC 3339 /
 * W3CDTF (reduced precision, no seconds, compact forms) and asctime; a missing zone means UTC.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Offsets in minutes of the zone names feeds actually use. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  ist: 330,
  jst: 540,
  kst: 540,
  hkt: 480,
  awst: 480,
  acst: 570,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  ast: -240,
  adt: -180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
};

/** As a Map, so that a zone such as "toString" finds nothing rather than Object.prototype's. */
const ZONE_OFFSETS = new Map(Object.entries(ZONES));

/**
 * The longest text read as a date. Real feed dates stay under 80 characters ("Wednesday, 31 December
 * 2003 10:14:55 GMT+0100 (Central European Standard Time)"); anything longer is refused before a
 * pattern sees it, so no publisher can make date parsing slow, whatever the patterns do.
 */
export const MAX_FEED_DATE_LENGTH = 128;

// The patterns below run on text whose whitespace runs are already one space each, so every
// separator is a single optional or required space: no two quantifiers can share a run of
// whitespace, which kept the old patterns' backtracking cubic in the length of such a run.
const ISO_DATE =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T ](\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)? ?(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?$/;
const RFC822_DATE =
  /^(?:[A-Za-z]+\.?,? ?)?(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{2,4})(?:,? (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:[.,]\d+)?)? ?(.*)$/;
const MONTH_FIRST_DATE =
  /^(?:[A-Za-z]+\.?,? )?([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (?:(\d{1,2}):(\d{2})(?::(\d{2}))? (.*?) ?(\d{4})|(\d{4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?)? ?(.*))$/;
const WHITESPACE_RUN = /\s+/g;

/** Gives null for text that is not a date, and for text longer than MAX_FEED_DATE_LENGTH once trimmed. */
export function parseFeedDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_FEED_DATE_LENGTH) return null;
  const text = trimmed.replace(WHITESPACE_RUN, ' ');
  const iso = ISO_DATE.exec(text);
  if (iso !== null) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    const millis = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
    return build(
      +(year ?? 0),
      num(month, 1),
      num(day, 1),
      num(hour, 0),
      num(minute, 0),
      num(second, 0),
      millis,
      zone,
    );
  }
  const rfc = RFC822_DATE.exec(text);
  if (rfc !== null) {
    const [, day, monthName, year, hour, minute, second, zone] = rfc;
    return build(
      fullYear(year ?? ''),
      monthOf(monthName),
      num(day, 1),
      num(hour, 0),
      num(minute, 0),
      num(second, 0),
      0,
      zone,
    );
  }
  const monthFirst = MONTH_FIRST_DATE.exec(text);
  if (monthFirst !== null) {
    const [, monthName, day, aHour, aMinute, aSecond, aZone, aYear, year, hour, minute, second, zone] =
      monthFirst;
    // asctime ("Sun Jan  4 16:29:06 PST 2004") puts the time before the year.
    if (aYear !== undefined) {
      return build(
        +aYear,
        monthOf(monthName),
        num(day, 1),
        num(aHour, 0),
        num(aMinute, 0),
        num(aSecond, 0),
        0,
        aZone,
      );
    }
    return build(
      +(year ?? 0),
      monthOf(monthName),
      num(day, 1),
      num(hour, 0),
      num(minute, 0),
      num(second, 0),
      0,
      zone,
    );
  }
  return null;
}

function num(digits: string | undefined, fallback: number): number {
  return digits === undefined ? fallback : Number(digits);
}

function monthOf(name: string | undefined): number {
  return (
    MONTHS[(name ?? '').slice(0, 4).toLowerCase()] ?? MONTHS[(name ?? '').slice(0, 3).toLowerCase()] ?? 0
  );
}

/** RFC 2822: two-digit years 00–49 are 20xx, 50–99 are 19xx; three digits count from 1900. */
function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (digits.length === 3) return 1900 + year;
  return year;
}

/** Minutes east of UTC, 0 for no zone, null for a zone that is not one. */
function zoneOffset(zone: string | undefined): number | null {
  if (zone === undefined || zone === '') return 0;
  // The common cases ('Z', 'GMT', 'EST' …) are names alone; numeric zones always carry a sign.
  const bare = ZONE_OFFSETS.get(zone.toLowerCase());
  if (bare !== undefined) return bare;
  const text = zone.trim().replace(/^\(|\)$/g, '');
  if (text === '') return 0;
  const numeric = /^(?:(?:gmt|ut|utc)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?(?:\s*\([^)]*\))?$/i.exec(text);
  if (numeric !== null) {
    const [, sign, hours, minutes] = numeric;
    const digits = hours ?? '0';
    // "+0100" arrives as hours "01" and minutes "00"; a lone "+100" as hours "1" and minutes "00".
    const offset = Number(digits) * 60 + Number(minutes ?? 0);
    return sign === '-' ? -offset : offset;
  }
  const named = ZONE_OFFSETS.get(text.split(/\s+/)[0]?.toLowerCase() ?? '');
  if (named !== undefined) return named;
  // Single-letter military zones are ambiguous in practice (RFC 2822 says treat them as UTC).
  if (/^[A-IK-Za-ik-z]$/.test(text)) return 0;
  return null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  zone: string | undefined,
): string | null {
  const offset = zoneOffset(zone);
  if (offset === null) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 24 || minute > 59 || second > 61) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  // Date.UTC rolls 31 February over into March: reject days the month does not have.
  if (day > daysInMonth(year, month)) return null;
  return new Date(utc - offset * 60_000).toISOString();
}
