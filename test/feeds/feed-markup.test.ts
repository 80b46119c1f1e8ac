import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from '../../shared/feeds/feed-markup.ts';

describe('htmlToPlainText', () => {
  it('drops closed comments and keeps the text around them', () => {
    // Prepare
    const html = 'Talks <!-- editor: check --> resume<br>today';

    // Act
    const text = htmlToPlainText(html);

    // Assess
    expect(text).toBe('Talks resume today');
  });

  it('drops a comment left open up to the end of the text, as HTML does', () => {
    // Prepare
    const html = 'Talks resume <!-- unfinished note';

    // Act
    const text = htmlToPlainText(html);

    // Assess
    expect(text).toBe('Talks resume');
  });

  it('strips thousands of unclosed comment openers, leaving nothing of them', () => {
    // Prepare
    const html = `Headline ${'<!--'.repeat(20_000)}`;

    // Act
    const text = htmlToPlainText(html);

    // Assess
    expect(text).toBe('Headline');
  });
});
