import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../console/src/config.ts';

describe('parseConfig', () => {
  it('reads the local configuration, trimming the API base of its trailing slash', () => {
    // Prepare
    const raw = { apiUrl: '/api/', auth: { mode: 'local' } };

    // Act
    const config = parseConfig(raw);

    // Assess
    expect(config).toEqual({ apiUrl: '/api', auth: { mode: 'local' } });
  });

  it('reads the Cognito configuration, keeping the hosted UI domain as a bare host name', () => {
    // Prepare
    const raw = {
      apiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
      auth: {
        mode: 'cognito',
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_AbCdEf',
        clientId: '1example23456789',
        domain: 'https://wirewatch-analysts.auth.eu-west-1.amazoncognito.com/',
      },
    };

    // Act
    const config = parseConfig(raw);

    // Assess
    expect(config.auth).toMatchObject({
      mode: 'cognito',
      domain: 'wirewatch-analysts.auth.eu-west-1.amazoncognito.com',
    });
  });

  it('refuses a configuration without a sign-in mode it knows, or missing a Cognito setting', () => {
    // Prepare
    const unknownMode = { apiUrl: '/api', auth: { mode: 'none' } };
    const noClient = {
      apiUrl: '/api',
      auth: { mode: 'cognito', region: 'eu-west-1', userPoolId: 'p', domain: 'd' },
    };

    // Act
    const parse = (raw: unknown) => () => parseConfig(raw);

    // Assess
    expect(parse(unknownMode)).toThrow('auth.mode must be "local" or "cognito"');
    expect(parse(noClient)).toThrow('auth.clientId must be a non-empty string');
    expect(parse(null)).toThrow('config.json must hold an object');
  });
});
