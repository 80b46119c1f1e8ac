import { describe, expect, it } from 'vitest';
import { ConsoleRefusal } from '../../../shared/console/console-refusal.ts';
import { MAX_PERIOD_DAYS, resolvePeriod } from '../../../shared/console/period.ts';

const NOW = new Date('2026-11-27T10:30:00Z');

describe('resolvePeriod', () => {
  it('covers the default number of whole days up to today', () => {
    // Act
    const period = resolvePeriod({}, NOW, 3);

    // Assess
    expect(period).toEqual({
      since: '2026-11-25',
      until: '2026-11-27T23:59:59Z',
      days: ['2026-11-25', '2026-11-26', '2026-11-27'],
    });
  });

  it('reads one date as that whole day, bounds that take sort keys with or without milliseconds', () => {
    // Act
    const period = resolvePeriod({ date: '2026-11-20' }, NOW, 30);

    // Assess
    expect(period.days).toEqual(['2026-11-20']);
    for (const key of [
      '2026-11-20T00:00:00Z#a',
      '2026-11-20T00:00:00.000Z#a',
      '2026-11-20T23:59:59.999Z#a',
    ]) {
      expect(key >= period.since && key <= `${period.until}$`).toBe(true);
    }
    expect('2026-11-21T00:00:00Z#a' <= `${period.until}$`).toBe(false);
  });

  it('keeps instants as given', () => {
    // Act
    const period = resolvePeriod({ since: '2026-11-26T12:00:00Z', until: '2026-11-27T06:00:00Z' }, NOW, 30);

    // Assess
    expect(period).toEqual({
      since: '2026-11-26T12:00:00.000Z',
      until: '2026-11-27T06:00:00Z',
      days: ['2026-11-26', '2026-11-27'],
    });
  });

  it.each([
    [{ since: 'yesterday' }, 'since must be a date'],
    [{ since: '2026-11-27', until: '2026-11-26' }, 'since must not be after until'],
    [{ date: '2026-11-27', since: '2026-11-26' }, 'either date or since/until'],
    [{ since: '2026-01-01', until: '2026-11-27' }, `at most ${MAX_PERIOD_DAYS} days`],
  ])('refuses %j', (request, message) => {
    // Act
    const attempt = () => resolvePeriod(request, NOW, 30);

    // Assess
    expect(attempt).toThrow(ConsoleRefusal);
    expect(attempt).toThrow(message);
  });
});
