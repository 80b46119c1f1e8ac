import { describe, expect, it } from 'vitest';
import { type DomElement, parseDocument } from '../../shared/extraction/dom.ts';
import { paragraphsOf } from '../../shared/extraction/element-paragraphs.ts';
import { dropLinkLists } from '../../shared/extraction/link-lists.ts';

const PAGE_URL = 'https://news.example.com/world/2025/talks';
const STORY =
  '<p>Negotiators met for a third day on Tuesday, trying to settle the <a href="/trade">last questions</a> of a trade agreement.</p>';

function bodyOf(html: string): DomElement {
  const body = parseDocument(`<html><body>${html}</body></html>`).body;
  if (body === null) throw new Error('the test page has no body');
  return body;
}

function textsAfterDropping(body: string): string[] {
  const paragraphs = paragraphsOf(bodyOf(body));
  return dropLinkLists(paragraphs, PAGE_URL).map((paragraph) => paragraph.text.trim());
}

describe('dropLinkLists', () => {
  it('drops a run of headlines linking into the same site, with the heading above it', () => {
    // Prepare
    const body = `${STORY}<p>You may also like...</p>
      <p><a href="/sport/1">Local team wins the cup</a></p>
      <p><a href="https://www.example.com/culture/2">A festival returns to the old town</a> [VIDEO]</p>`;

    // Act
    const texts = textsAfterDropping(body);

    // Assess
    expect(texts).toEqual([
      'Negotiators met for a third day on Tuesday, trying to settle the last questions of a trade agreement.',
    ]);
  });

  it('drops a single line packed with links into the same site', () => {
    // Prepare
    const body = `${STORY}<p><a href="/sport/1">Local team wins the cup</a> | <a href="/culture/2">A festival returns</a></p>`;

    // Act
    const texts = textsAfterDropping(body);

    // Assess
    expect(texts).toHaveLength(1);
  });

  it('keeps a single linked line and runs of links to other sites', () => {
    // Prepare
    const body = `${STORY}<p><a href="/report">Read the full report</a></p><p>Where to buy</p>
      <p><a href="https://shop.example.org/a">Get it at Shop A for $20</a></p>
      <p><a href="https://store.example.net/b">Get it at Store B for $22</a></p>`;

    // Act
    const texts = textsAfterDropping(body);

    // Assess
    expect(texts).toHaveLength(5);
  });
});
