/**
 * The sample site's news is dated relative to the run: every date of it moves by the same whole
 * number of days, the newest to the day before the run, and a page stays byte-identical all day.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES_DIR } from '../../cli/local-runtime.ts';
import { SAMPLES_AS_OF, sampleDateShift, shiftSampleDates } from '../../local/sample-calendar.ts';
import { SAMPLE_ORIGIN, startSampleSite } from '../../local/sample-site.ts';

const SITE = join(SAMPLES_DIR, 'site');

/** The body and ETag of one sample file, served as on a run at `now`. */
async function serve(path: string, now: Date): Promise<{ body: string; etag: string | null }> {
  const site = await startSampleSite(SITE, { now });
  try {
    const response = await fetch(`http://${site.address}${path}`, {
      headers: { host: new URL(SAMPLE_ORIGIN).host },
    });
    return { body: await response.text(), etag: response.headers.get('etag') };
  } finally {
    await site.close();
  }
}

describe('sample dates', () => {
  it('moves every written form of a news date by the same days, keeping times and offsets', () => {
    // Prepare
    const written =
      '<pubDate>Tue, 24 Nov 2026 11:30:00 +0500</pubDate> content="2026-11-24T11:30:00+05:00" ' +
      '24 November 2026, 11:30 · ABUJA, Nov 17 · on Tuesday · November 24, 2026';

    // Act
    const moved = shiftSampleDates(written, 5);

    // Assess
    expect(moved).toBe(
      '<pubDate>Sun, 29 Nov 2026 11:30:00 +0500</pubDate> content="2026-11-29T11:30:00+05:00" ' +
        '29 November 2026, 11:30 · ABUJA, Nov 22 · on Sunday · November 29, 2026',
    );
  });

  it('crosses month and year ends', () => {
    // Act
    const moved = shiftSampleDates('Thu, 26 Nov 2026 08:00:00 GMT / 2026-11-26 / Nov 26', 40);

    // Assess
    expect(moved).toBe('Tue, 05 Jan 2027 08:00:00 GMT / 2027-01-05 / Jan 5');
  });

  it('leaves dates outside the samples’ news as written', () => {
    // Prepare: history in the seed, a copyright year, a date after the samples were written.
    const written = 'Later on April 7, the minister; In October 2024 the two; © 2026; 2026-12-25';

    // Act
    const moved = shiftSampleDates(written, 5);

    // Assess
    expect(moved).toBe(written);
  });

  it('puts the newest sample day on the day before the run', () => {
    // Act
    const shift = sampleDateShift(new Date('2027-03-10T05:00:00Z'));
    const moved = shiftSampleDates(SAMPLES_AS_OF, shift);

    // Assess
    expect(moved).toBe('2027-03-09');
    expect(sampleDateShift(new Date(`${SAMPLES_AS_OF}T23:59:59Z`))).toBe(-1);
  });

  it('is written as of its newest date: no sample file is dated later', async () => {
    // Prepare
    const folders = ['feeds', 'articles'];
    const files = (
      await Promise.all(
        folders.map(async (folder) =>
          (await readdir(join(SITE, folder))).map((name) => join(SITE, folder, name)),
        ),
      )
    ).flat();

    // Act
    const dates = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).flatMap(
      (text) => text.match(/\b\d{4}-\d{2}-\d{2}(?=T|\b)/g) ?? [],
    );

    // Assess
    expect(dates.sort().at(-1)).toBe(SAMPLES_AS_OF);
  });

  it('serves the feeds dated before the run, the same all day and different the next day', async () => {
    // Prepare
    const morning = new Date('2027-03-10T05:00:00Z');
    const evening = new Date('2027-03-10T22:00:00Z');
    const nextDay = new Date('2027-03-11T05:00:00Z');
    const pubDates = (rss: string) =>
      [...rss.matchAll(/<pubDate>([^<]+)<\/pubDate>/g)].map(([, date]) => Date.parse(date as string));
    const written = pubDates(await readFile(join(SITE, 'feeds', 'world.rss'), 'utf8'));

    // Act
    const [early, late, tomorrow] = await Promise.all(
      [morning, evening, nextDay].map((now) => serve('/feeds/world.rss', now)),
    );
    const served = pubDates(early?.body ?? '');

    // Assess
    const shift = sampleDateShift(morning) * 86_400_000;
    expect(written.length).toBeGreaterThan(0);
    expect(served).toEqual(written.map((at) => at + shift));
    expect(Math.max(...served)).toBeLessThan(morning.getTime());
    expect(late).toEqual(early);
    expect(tomorrow?.etag).not.toBe(early?.etag);
  });
});
