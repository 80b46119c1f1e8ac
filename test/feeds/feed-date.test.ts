import { describe, expect, it } from 'vitest';
import { MAX_FEED_DATE_LENGTH, parseFeedDate } from '../../shared/feeds/feed-date.ts';

describe('parseFeedDate', () => {
  const table: [string, string | null][] = [
    ['Wed, 31 Jan 2018 07:26:05 GMT', '2018-01-31T07:26:05.000Z'],
    ['Wed, 31 Jan 2018 07:26:05 +0100', '2018-01-31T06:26:05.000Z'],
    ['31 Jan 2018 07:26 EST', '2018-01-31T12:26:00.000Z'],
    ['Sun, 31 Jan 2018 07:26:05 PDT', '2018-01-31T14:26:05.000Z'],
    ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['Thu, 01 Jan 99 19:48:21 GMT', '1999-01-01T19:48:21.000Z'],
    ['Mon, 12 Mar 2012 10:00:00 GMT+0100', '2012-03-12T09:00:00.000Z'],
    ['Mon, 12 Mar 2012 10:00:00', '2012-03-12T10:00:00.000Z'],
    ['Mon, 12 March 2012 10:00:00 -05:00', '2012-03-12T15:00:00.000Z'],
    ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
    ['2003-12-31T10:14:55.25-08:00', '2003-12-31T18:14:55.250Z'],
    ['2003-12-31T10:14+02:00', '2003-12-31T08:14:00.000Z'],
    ['2003-12-31 10:14:55', '2003-12-31T10:14:55.000Z'],
    ['2003-12-31', '2003-12-31T00:00:00.000Z'],
    ['2003-12', '2003-12-01T00:00:00.000Z'],
    ['20031231T101455Z', '2003-12-31T10:14:55.000Z'],
    ['Sun Jan  4 16:29:06 PST 2004', '2004-01-05T00:29:06.000Z'],
    ['2003-02-31T10:00:00Z', null],
    ['not a date', null],
    ['', null],
    ['Wed, 31 Foo 2018 07:26:05 GMT', null],
    ['2004-02-29T12:00:00Z', '2004-02-29T12:00:00.000Z'],
    ['1900-02-29T12:00:00Z', null],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['31 Apr 2018 07:26 GMT', null],
    // A zone word that names something on Object.prototype is no zone (it once threw a RangeError).
    ['Wed, 31 Jan 2018 07:26:05 toString', null],
    ['Wed, 31 Jan 2018 07:26:05 constructor', null],
  ];

  it.each(table)('reads %j', (input, expected) => {
    // Prepare
    const text = input;

    // Act
    const parsed = parseFeedDate(text);

    // Assess
    expect(parsed).toBe(expected);
  });

  it('reads a date whose separators are runs of mixed whitespace', () => {
    // Prepare
    const text = 'Sun,\t 31 Jan\n2018   07:26:05 \u00a0GMT';

    // Act
    const parsed = parseFeedDate(text);

    // Assess
    expect(parsed).toBe('2018-01-31T07:26:05.000Z');
  });

  it('reads a date padded far beyond the length cap, since the cap counts the trimmed text', () => {
    // Prepare
    const text = `${' '.repeat(5000)}2003-12-31T10:14:55Z${'\n'.repeat(5000)}`;

    // Act
    const parsed = parseFeedDate(text);

    // Assess
    expect(parsed).toBe('2003-12-31T10:14:55.000Z');
  });

  // Each of these once kept the month-first pattern backtracking for seconds (cubic in the run of spaces).
  const hostile: [string, string][] = [
    ['a month-first date with 3 KB of spaces before its year', `Jan 1 1:00 ${' '.repeat(3000)}x`],
    ['a month-first date with 9 KB of spaces before its year', `Jan 1 1:00 ${' '.repeat(9000)}x`],
    ['an RFC 822 date with 4 KB of words for a zone', `1 Jan 2020 10:00 ${'a '.repeat(2000)}`],
    ['an ISO date with 4 KB of fraction digits', `2003-12-31T10:14:55.${'1'.repeat(4000)}Z`],
  ];

  it.each(hostile)('refuses %s as longer than the cap', (_name, text) => {
    // Prepare
    expect(text.trim().length).toBeGreaterThan(MAX_FEED_DATE_LENGTH);

    // Act
    const parsed = parseFeedDate(text);

    // Assess
    expect(parsed).toBeNull();
  });

  it('reads a date exactly at the cap, and refuses one a character longer', () => {
    // Prepare
    const padded = (length: number) => `Wed,${' '.repeat(length - 28)}31 Jan 2018 07:26:05 GMT`;
    const texts = [padded(MAX_FEED_DATE_LENGTH), padded(MAX_FEED_DATE_LENGTH + 1)];

    // Act
    const results = texts.map((text) => ({ length: text.length, parsed: parseFeedDate(text) }));

    // Assess
    expect(results).toEqual([
      { length: MAX_FEED_DATE_LENGTH, parsed: '2018-01-31T07:26:05.000Z' },
      { length: MAX_FEED_DATE_LENGTH + 1, parsed: null },
    ]);
  });
});
