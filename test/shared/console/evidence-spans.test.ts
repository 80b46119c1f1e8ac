import { describe, expect, it } from 'vitest';
import { evidenceLocator, locateAll } from '../../../shared/console/evidence-spans.ts';

describe('evidenceLocator', () => {
  it('finds a sentence whose white space the classifier collapsed, as offsets in the text', () => {
    // Prepare
    const article = {
      title: 'Talks resume',
      text: 'ISLAMABAD —\n  Pakistan and the US\n\nagreed   to talk. Nothing else.',
    };

    // Act
    const span = evidenceLocator(article).locate('Pakistan and the US agreed to talk.');

    // Assess
    expect(span).toEqual({ field: 'text', start: 14, end: 52 });
    expect(article.text.slice(span?.start, span?.end)).toBe('Pakistan and the US\n\nagreed   to talk.');
  });

  it('finds the title’s sentence in the title and leaves out what neither holds', () => {
    // Prepare
    const locator = evidenceLocator({ title: 'Talks resume', text: 'Body text.' });

    // Act
    const spans = locateAll(locator, ['Body text.', 'Talks resume', 'Never written.', 'Body text.']);

    // Assess
    expect(spans).toEqual([
      { field: 'title', start: 0, end: 12 },
      { field: 'text', start: 0, end: 10 },
    ]);
  });
});
