/** Quotations as evidence units: a quote counts once however many sentences it runs to. */
import { describe, expect, it } from 'vitest';
import { evidenceUnits, quotedSpans } from '../../shared/classification/quotations.ts';
import { sentenceStarts } from '../../shared/text/sentence-segmenter.ts';

describe('quotations', () => {
  it('finds curly and straight quotes, and closes an open one at the end of its line', () => {
    // Prepare
    const text = 'He said “we will fight” and "they" left.\n“An open quote\nthat stops here.';

    // Act
    const spans = quotedSpans(text).map((span) => text.slice(span.start, span.end));

    // Assess
    expect(spans).toEqual(['“we will fight”', '"they"', '“An open quote']);
  });

  it('gives the sentences of one quotation one unit, and every other sentence its own', () => {
    // Prepare
    const text =
      'Talks began. “Terror is the threat. We will fight it. Nobody doubts it,” he said. Then they left.';
    const starts = sentenceStarts(text);

    // Act
    const units = evidenceUnits(text, starts);

    // Assess
    expect(starts).toHaveLength(5);
    expect(units).toEqual([0, 1, 1, 1, 4]);
  });
});
