import { describe, expect, it } from 'vitest';
import { ingestArticle } from '../../shared/pipeline/ingest-article.ts';
import { type ArticleJob, PermanentJobError } from '../../shared/pipeline/jobs.ts';
import { FixedClock, MemoryArchive, ScriptedHttp } from '../support/in-memory-ports.ts';

const URL = 'https://news.example.com/2026/12/talks.html';
const JOB: ArticleJob = {
  articleId: 'a-1',
  url: URL,
  feedId: 'feed-1',
  feedUrl: 'https://news.example.com/feed.xml',
  entry: { title: 'Talks', publishedAt: null },
};
const STORY =
  '<p>The foreign minister said on Tuesday that talks between Pakistan and the United States would resume next week in Islamabad, after a pause of several months.</p>' +
  '<p>Officials on both sides described the meeting as an attempt to rebuild trust, with counterterrorism cooperation and trade at the top of the agenda.</p>';

function serving(html: string) {
  return {
    http: new ScriptedHttp({
      [URL]: () => ({
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: new TextEncoder().encode(html),
      }),
    }),
    archive: new MemoryArchive(),
    clock: new FixedClock(new Date('2026-12-02T03:00:00Z')),
    limits: { maxPageBytes: 5 * 1024 * 1024, timeoutMs: 30_000 },
  };
}

describe('ingestArticle', () => {
  it('archives a page that extracts', async () => {
    // Prepare
    const deps = serving(`<html><body><article>${STORY}</article></body></html>`);

    // Act
    const ingested = await ingestArticle(JOB, deps);

    // Assess
    expect(deps.archive.documents.get(ingested.documentKey)?.text).toContain('counterterrorism cooperation');
  });

  it("takes the feed's language for a page that declares none, and the page's own where it declares one", async () => {
    // Prepare: one short Urdu line, too little text for detection to overrule anything.
    const urdu = '<p>پاکستان اور امریکہ کے درمیان مذاکرات اسلام آباد میں ہوں گے۔</p>';
    const undeclared = serving(`<html><body><article>${urdu}</article></body></html>`);
    const declared = serving(`<html lang="ar"><body><article>${urdu}</article></body></html>`);
    const job = { ...JOB, feedLanguage: 'ur-PK' };

    // Act
    const fromFeed = await ingestArticle(job, undeclared);
    const fromPage = await ingestArticle(job, declared);

    // Assess
    expect(undeclared.archive.documents.get(fromFeed.documentKey)?.lang).toBe('ur');
    expect(declared.archive.documents.get(fromPage.documentKey)?.lang).toBe('ar');
  });

  it.each([500, 1_000, 2_000, 10_000])(
    'gives up on a page of %i nested divs at once, as permanent, with the reason and the URL',
    async (depth) => {
      // Prepare
      const deps = serving(
        `<html><body>${'<div>'.repeat(depth)}${STORY}${'</div>'.repeat(depth)}</body></html>`,
      );

      // Act
      const ingesting = ingestArticle(JOB, deps);

      // Assess
      await expect(ingesting).rejects.toThrow(PermanentJobError);
      await expect(ingesting).rejects.toMatchObject({
        code: 'extraction-too-deep',
        message: expect.stringMatching(new RegExp(`^${URL}: the page.* nests .*more than \\d+`)),
      });
      expect(deps.archive.documents.size).toBe(0);
    },
  );
});
