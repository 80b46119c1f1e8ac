import { describe, expect, it } from 'vitest';
import { formatReaderDate } from '../../shared/alerts/reader-date.ts';

describe('formatReaderDate', () => {
  it.each([
    ['2026-11-24T06:30:00.000Z', 'Tue 24 Nov 2026, 06:30 UTC'],
    ['2026-01-04T23:59:59.999Z', 'Sun 4 Jan 2026, 23:59 UTC'],
    ['2026-03-01T01:05:00+05:00', 'Sat 28 Feb 2026, 20:05 UTC'],
    ['2028-02-29T00:00:00Z', 'Tue 29 Feb 2028, 00:00 UTC'],
  ])('writes %s as %s, in UTC whatever the offset given', (iso, expected) => {
    // Act
    const formatted = formatReaderDate(iso);

    // Assess
    expect(formatted).toBe(expected);
  });

  it('gives null for a value that names no instant', () => {
    // Act
    const formatted = formatReaderDate('last Tuesday');

    // Assess
    expect(formatted).toBeNull();
  });
});
