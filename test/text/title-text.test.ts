import { describe, expect, it } from 'vitest';
import { boundedTitle, MAX_TITLE_CHARACTERS } from '../../shared/text/title-text.ts';

describe('bounded titles', () => {
  it('drops controls and NUL bytes, and turns line breaks and tabs into single spaces', () => {
    // Act
    const title = boundedTitle(' Talks\u0000 resume\r\n\tin\u001b[2J Doha\u009b ');

    // Assess
    expect(title).toBe('Talks resume in[2J Doha');
  });

  it('keeps bidi marks, which right-to-left headlines use legitimately', () => {
    // Act
    const title = boundedTitle('\u200fمحادثات\u200f US');

    // Assess
    expect(title).toBe('\u200fمحادثات\u200f US');
  });

  it('cuts a 10 MB title to the limit, ending in an ellipsis, without splitting a character', () => {
    // Prepare
    const huge = '😀'.repeat(5 * 1024 * 1024);

    // Act
    const title = boundedTitle(huge);

    // Assess
    expect(title).toBe(`${'😀'.repeat(MAX_TITLE_CHARACTERS - 1)}…`);
  });

  it('leaves an ordinary headline as it is', () => {
    // Assess
    expect(boundedTitle('Pakistan and US agree to deepen ties')).toBe('Pakistan and US agree to deepen ties');
  });
});
