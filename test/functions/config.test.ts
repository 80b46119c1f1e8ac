import { afterEach, describe, expect, it } from 'vitest';
import {
  bandItemsBeforeEnv,
  countryAliasesEnv,
  numberEnv,
  requiredEnv,
} from '../../functions/commons/config.ts';

const NAME = 'WIREWATCH_TEST_VARIABLE';

afterEach(() => {
  delete process.env[NAME];
});

describe('configuration read at cold start', () => {
  it('names a missing required variable', () => {
    // Assess
    expect(() => requiredEnv(NAME)).toThrow(`Missing required environment variable ${NAME}`);
  });

  it('reads when older band items stopped being written: a time, none, or unknown, each time asked', () => {
    // Prepare
    const bandItemsBefore = bandItemsBeforeEnv(NAME);

    // Act
    const unset = bandItemsBefore();
    process.env[NAME] = 'none';
    const none = bandItemsBefore();
    process.env[NAME] = '2026-12-02T06:00:00Z';
    const at = bandItemsBefore();
    process.env[NAME] = 'last week';

    // Assess
    expect([unset, none, at]).toEqual([undefined, null, '2026-12-02T06:00:00.000Z']);
    expect(() => bandItemsBefore()).toThrow(/must be an ISO time .* or "none", got "last week"/);
  });

  it('reads numbers with a default and refuses nonsense', () => {
    // Prepare
    process.env[NAME] = '30';

    // Act
    const given = numberEnv(NAME, 60);
    delete process.env[NAME];
    const fallback = numberEnv(NAME, 60);
    process.env[NAME] = 'soon';

    // Assess
    expect([given, fallback]).toEqual([30, 60]);
    expect(() => numberEnv(NAME, 60)).toThrow(/must be a non-negative number, got "soon"/);
  });

  it('reads extra country aliases as JSON, and fails fast on a malformed value', () => {
    // Prepare
    process.env[NAME] = '{"PK": ["Pakland"], "us": ["Uncle Sam"]}';

    // Act
    const aliases = countryAliasesEnv(NAME);

    // Assess
    expect(aliases).toEqual({ PK: ['Pakland'], us: ['Uncle Sam'] });
    process.env[NAME] = '{"PK": "Pakland"}';
    expect(() => countryAliasesEnv(NAME)).toThrow(/must map ISO alpha-2 codes to lists of aliases/);
    process.env[NAME] = '{PK: [}';
    expect(() => countryAliasesEnv(NAME)).toThrow(/is not JSON/);
    delete process.env[NAME];
    expect(countryAliasesEnv(NAME)).toBeUndefined();
  });
});
