import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../shared/extraction/extract-article.ts';

// A page written for these tests in the style of the seed article: a magazine layout with a drop
// cap, share bar, caption, ad label, newsletter box, related list, and a teaser JSON-LD body.
const html = readFileSync(new URL('../fixtures/extraction/bilateral-ties.html', import.meta.url), 'utf8');

describe('extractArticle on a seed-style magazine page', () => {
  it('extracts the full story with the drop cap repaired and the furniture removed', () => {
    // Prepare
    const url = 'https://weekly-ledger.example/story/bilateral-ties';

    // Act
    const article = extractArticle(html, { url });

    // Assess
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toMatch(/^Islamabad is working to put its relationship with Washington/);
    expect(article.text).toContain('counterterrorism cooperation remained the most durable part');
    expect(article.text).not.toMatch(
      /Advertisement|Share on|Photo:|newsletter|Minerals forum|All rights reserved/,
    );
  });

  it('reads the metadata a pipeline stores', () => {
    // Prepare
    const url = 'https://weekly-ledger.example/story/bilateral-ties';

    // Act
    const article = extractArticle(html, { url });

    // Assess
    expect(article).toMatchObject({
      url,
      canonicalUrl: 'https://www.weekly-ledger.example/story/bilateral-ties',
      title: 'Bilateral ties',
      byline: 'Staff Writer',
      publishedAt: '2025-04-27T04:30:00.000Z',
      lang: 'en',
      siteName: 'The Weekly Ledger',
    });
  });
});
