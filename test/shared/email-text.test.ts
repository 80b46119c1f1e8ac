import { describe, expect, it } from 'vitest';
import { toBodySafe, toHeaderSafe } from '../../shared/alerts/email-text.ts';

describe('email text rule', () => {
  it('makes a header one line with no control or bidi character', () => {
    // Act
    const header = toHeaderSafe(
      'Breaking\r\nBcc: victim@example.com\u0000\u001b[2J \u202Egnp.exe\u2066x\u2069\u0085',
    );

    // Assess
    expect(header).toBe('Breaking Bcc: victim@example.com [2J gnp.exex');
  });

  it('keeps line breaks in a body as line feeds and drops every other control and bidi control', () => {
    // Act
    const body = toBodySafe('one\r\ntwo\rthree\u2028four\tfive\u0007\u001b[2J\u009b\u202E\u200f\u061cend');

    // Assess
    expect(body).toBe('one\ntwo\nthree\nfour five[2Jend');
  });
});
