import { describe, expect, it } from 'vitest';
import { type DomElement, parseDocument } from '../../shared/extraction/dom.ts';
import { paragraphsOf } from '../../shared/extraction/element-paragraphs.ts';

function bodyOf(html: string): DomElement {
  const body = parseDocument(`<html><body>${html}</body></html>`).body;
  if (body === null) throw new Error('the test page has no body');
  return body;
}

describe('paragraphsOf', () => {
  it('counts the link text and link targets of each paragraph, and marks headings', () => {
    // Prepare
    const body = '<h2>The <a href="/b">report</a></h2><p>Read <a href="/a">the full report</a> here.</p>';

    // Act
    const paragraphs = paragraphsOf(bodyOf(body));

    // Assess
    expect(paragraphs).toEqual([
      { text: 'The report', linkCharacters: 6, linkTargets: ['/b'], heading: true },
      { text: 'Read the full report here.', linkCharacters: 13, linkTargets: ['/a'], heading: false },
    ]);
  });
});
