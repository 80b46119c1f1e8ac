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
