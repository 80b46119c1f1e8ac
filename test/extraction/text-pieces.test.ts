import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../shared/extraction/dom.ts';
import { ExtractionError, extractArticle } from '../../shared/extraction/extract-article.ts';
import { MAX_TEXT_PIECES, textPieces } from '../../shared/extraction/text-pieces.ts';

const URL = 'https://news.example.com/2026/12/talks';
const STORY =
  '<p>The foreign minister said on Tuesday that talks between Pakistan and the United States would resume next week in Islamabad, after a pause of several months.</p>' +
  '<p>Officials on both sides described the meeting as an attempt to rebuild trust, with counterterrorism cooperation and trade at the top of the agenda.</p>';

describe('textPieces', () => {
  it('counts text nodes and the characters a serialiser writes as references', () => {
    // Prepare: each reference parses into a text node of its own: "a ", "&", " b" and "x", no-break space, "y"
    const document = parseDocument('<html><body><p>a &amp; b</p><p>x&nbsp;y</p></body></html>');

    // Act
    const pieces = textPieces(document.body as never, 100);

    // Assess
    expect(pieces).toBe(3 + 1 + 3 + 1);
  });

  it('gives a count above the limit once it passes it', () => {
    // Prepare
    const document = parseDocument(`<html><body>${'&'.repeat(50_000)}</body></html>`);

    // Act
    const pieces = textPieces(document.body as never, 10);

    // Assess
    expect(pieces).toBeGreaterThan(10);
  });
});

describe('extractArticle on pages of many text pieces', () => {
  it('extracts a story with a thousand no-break spaces', () => {
    // Prepare
    const html = `<html><body><article>${STORY.replaceAll(' ', '&nbsp;').repeat(5)}</article></body></html>`;

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.text).toContain('counterterrorism cooperation');
  });

  it.each([
    ['ampersands', `<html><body>${'&'.repeat(MAX_TEXT_PIECES)}${STORY}</body></html>`],
    ['character references', `<html><body>${STORY}${'&amp;'.repeat(MAX_TEXT_PIECES)}</body></html>`],
  ])('refuses a page of %s past the limit, quickly', (_name, html) => {
    // Prepare: the page from the table
    // Act
    const started = performance.now();
    const act = () => extractArticle(html, { url: URL });

    // Assess
    expect(act).toThrow(ExtractionError);
    expect(act).toThrow(expect.objectContaining({ code: 'too-many-pieces' }));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
