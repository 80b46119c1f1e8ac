/** Feeds as they change between polls, in each format of the generated corpus. */
import { describe, expect, it } from 'vitest';
import { withNewestTitleEdited, withoutNewestEntries } from '../../local/chaos/feed-faults.ts';
import { SyntheticCorpus } from '../../local/synthetic-corpus.ts';
import { parseFeed } from '../../shared/feeds/parse-feed.ts';

const corpus = new SyntheticCorpus({
  seed: 5,
  articles: 30,
  feeds: 3,
  newestAt: new Date('2026-12-01T12:00:00Z'),
});

describe('feed content changing between polls', () => {
  for (const feed of corpus.feeds()) {
    it(`leaves out the newest entries of a ${feed.format} feed, or edits the newest title`, () => {
      // Prepare
      const { body, contentType } = corpus.renderFeed(feed.index);
      const parse = (text: string) => parseFeed(text, { url: feed.url, contentType, charset: null }).entries;
      const entries = parse(body);

      // Act
      const stale = parse(withoutNewestEntries(body, feed.format, 2));
      const edited = parse(withNewestTitleEdited(body, feed.format));

      // Assess
      expect(stale.map(({ link }) => link)).toEqual(entries.slice(2).map(({ link }) => link));
      expect(edited[0]?.title).toBe(`${entries[0]?.title} (corrected)`);
      expect(edited.slice(1)).toEqual(entries.slice(1));
    });
  }
});
