import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../shared/extraction/dom.ts';
import { repairDropCaps } from '../../shared/extraction/drop-cap.ts';
import { ExtractionError, extractArticle } from '../../shared/extraction/extract-article.ts';
import {
  elementDepth,
  MAX_MARKUP_DEPTH,
  MAX_PAGE_DEPTH,
  markupDepth,
} from '../../shared/extraction/nesting-depth.ts';

const URL = 'https://news.example.com/2026/12/talks';
const STORY =
  '<p>The foreign minister said on Tuesday that talks between Pakistan and the United States would resume next week in Islamabad, after a pause of several months.</p>' +
  '<p>Officials on both sides described the meeting as an attempt to rebuild trust, with counterterrorism cooperation and trade at the top of the agenda.</p>';

function nestedDivs(depth: number, inside = STORY): string {
  return `<!doctype html><html><head><title>Talks</title></head><body>${'<div>'.repeat(depth)}${inside}${'</div>'.repeat(depth)}</body></html>`;
}

describe('markupDepth', () => {
  it.each([
    ['nested divs', '<div><section><div>x</div></section></div>', 3],
    ['void and self-closed tags', '<div><br><img src="a"><hr/><span/><input></div>', 1],
    ['paragraphs and list items left open', '<div><p>one<p>two<ul><li>a<li>b</ul></div>', 2],
    [
      'tags inside comments and scripts',
      '<div><!-- <div><div> --><script>if (a<b) "<div><div>"</script></div>',
      1,
    ],
    ['end tags in another case', '<DIV><Div></dIV></div><div></div>', 2],
    ['stray end tags', '</div></div><div>x</div>', 1],
  ])('reads %s', (_name, html, expected) => {
    // Prepare: the markup from the table
    // Act
    const depth = markupDepth(html, 100);

    // Assess
    expect(depth).toBe(expected);
  });

  it('stops as soon as it passes the limit', () => {
    // Prepare
    const html = '<div>'.repeat(100_000);

    // Act
    const depth = markupDepth(html, 10);

    // Assess
    expect(depth).toBe(11);
  });
});

describe('elementDepth', () => {
  it('counts the root as 1 and its deepest element', () => {
    // Prepare
    const document = parseDocument('<html><body><div><p><b>x</b></p></div><p>y</p></body></html>');

    // Act
    const depth = elementDepth(document.documentElement as never, 100);

    // Assess
    expect(depth).toBe(5);
  });
});

describe('extractArticle on deeply nested pages', () => {
  it(`extracts a page nested just under the limit of ${MAX_PAGE_DEPTH}`, () => {
    // Prepare: html, body and the paragraphs take three levels
    const html = nestedDivs(MAX_PAGE_DEPTH - 3);

    // Act
    const article = extractArticle(html, { url: URL });

    // Assess
    expect(article.text).toContain('counterterrorism cooperation');
  });

  it.each([
    [MAX_PAGE_DEPTH, 'more than 128 deep'],
    [500, 'more than 128 deep'],
    [1_000, `markup nests more than ${MAX_MARKUP_DEPTH} elements deep`],
    [2_000, `markup nests more than ${MAX_MARKUP_DEPTH} elements deep`],
    [100_000, `markup nests more than ${MAX_MARKUP_DEPTH} elements deep`],
  ])('refuses %i nested divs as too deep, quickly', (depth, reason) => {
    // Prepare
    const html = nestedDivs(depth);

    // Act
    const started = performance.now();
    const act = () => extractArticle(html, { url: URL });

    // Assess
    expect(act).toThrow(ExtractionError);
    expect(act).toThrow(
      expect.objectContaining({ code: 'too-deep', message: expect.stringContaining(reason) }),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses unclosed inline tags that parse deeper than the limit though each looks harmless', () => {
    // Prepare
    const html = `<html><body>${'<span>'.repeat(400)}${STORY}</body></html>`;

    // Act
    const act = () => extractArticle(html, { url: URL });

    // Assess
    expect(act).toThrow(expect.objectContaining({ code: 'too-deep' }));
  });
});

describe('repairDropCaps on a deep tree', () => {
  it('walks 5,000 nested elements without recursion and still joins the drop cap', () => {
    // Prepare
    const document = parseDocument(
      `<html><body>${'<div>'.repeat(5_000)}<span class="dropcap">I</span>slamabad said${'</div>'.repeat(5_000)}</body></html>`,
    );

    // Act
    repairDropCaps(document);

    // Assess
    expect(document.body?.textContent).toBe('Islamabad said');
  });
});
