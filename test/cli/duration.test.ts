import { describe, expect, it } from 'vitest';
import { parseTimeBound, parseTimeRange } from '../../cli/duration.ts';
import { CliError } from '../../tools/cli-error.ts';

const now = new Date('2026-11-27T08:00:00.000Z');

describe('time bounds on the command line', () => {
  it('reads spans back from now in minutes, hours, days and weeks', () => {
    // Act
    const bounds = ['30m', '12h', '7d', '2w'].map((value) => parseTimeBound(value, now, 'start', '--since'));

    // Assess
    expect(bounds).toEqual([
      '2026-11-27T07:30:00.000Z',
      '2026-11-26T20:00:00.000Z',
      '2026-11-20T08:00:00.000Z',
      '2026-11-13T08:00:00.000Z',
    ]);
  });

  it('reads a bare date as the start of its day for --since and its end for --until (UTC)', () => {
    // Act
    const start = parseTimeBound('2026-11-01', now, 'start', '--since');
    const end = parseTimeBound('2026-11-03', now, 'end', '--until');

    // Assess
    expect(start).toBe('2026-11-01T00:00:00.000Z');
    expect(end).toBe('2026-11-03T23:59:59.999Z');
  });

  it('reads timestamps with a zone and normalises them to UTC', () => {
    // Act
    const at = parseTimeBound('2026-11-01T10:30:00+05:00', now, 'start', '--since');

    // Assess
    expect(at).toBe('2026-11-01T05:30:00.000Z');
  });

  it.each(['7', '7 days', '3x', '2026-02-30', '2026-11-01T10:30:00', 'yesterday'])(
    'refuses "%s", naming the option and the forms it accepts',
    (value) => {
      // Act
      const parse = () => parseTimeBound(value, now, 'start', '--since');

      // Assess
      expect(parse).toThrow(CliError);
      expect(parse).toThrow(/--since .*30m, 12h, 7d.*2026-11-01/);
    },
  );

  it('defaults --until to now, --since to the given default, and refuses a range out of order', () => {
    // Act
    const range = parseTimeRange({}, now, '7d');
    const reversed = () => parseTimeRange({ since: '1d', until: '2d' }, now, '7d');

    // Assess
    expect(range).toEqual({ since: '2026-11-20T08:00:00.000Z', until: '2026-11-27T08:00:00.000Z' });
    expect(reversed).toThrow(/--since .* is after --until/);
  });
});
