/**
 * A page too deep to extract, through the real fetch-article handler on the emulators: it goes to the
 * dead-letter queue once, at once, with its reason, and the page queued beside it is stored.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPipeline } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { articleJobFor, SAMPLE_SITE } from '../support/sample-pipeline.ts';
import { startTestAws } from '../support/test-backend.ts';

const STORY =
  '<p>The foreign minister said on Tuesday that talks between Pakistan and the United States would resume next week in Islamabad, after a pause of several months.</p>';

let site: string;
let outbox: string;
let pipeline: LocalPipeline;

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'wirewatch-hostile-site-'));
  outbox = await mkdtemp(join(tmpdir(), 'wirewatch-outbox-'));
  await mkdir(join(site, 'articles'));
  await writeFile(
    join(site, 'articles', 'deep.html'),
    `<html><body>${'<div>'.repeat(2_000)}${STORY}${'</div>'.repeat(2_000)}</body></html>`,
  );
  await copyFile(
    join(import.meta.dirname, '../../samples/site/articles/eu-japan-trade-pact.html'),
    join(site, 'articles', 'eu-japan-trade-pact.html'),
  );
  pipeline = await LocalPipeline.start({
    stateDir: null,
    outboxDir: outbox,
    sampleRoot: site,
    verbose: false,
    startAws: startTestAws,
  });
}, 30_000);

afterAll(async () => {
  await pipeline.close();
  await rm(site, { recursive: true, force: true });
  await rm(outbox, { recursive: true, force: true });
});

describe('a page nested 2,000 deep', () => {
  it('is dead-lettered once, at once, with its reason, and the next page is stored', async () => {
    // Prepare
    pipeline.queue('articleJobs').send(articleJobFor(`${SAMPLE_SITE}/articles/deep.html`));
    pipeline.queue('articleJobs').send(articleJobFor(`${SAMPLE_SITE}/articles/eu-japan-trade-pact.html`));

    // Act
    const started = performance.now();
    await pipeline.drain();
    const seconds = (performance.now() - started) / 1000;

    // Assess
    const dead = pipeline.deadLetterQueues.get('articleJobs')?.list() ?? [];
    expect(
      dead.map(({ attributes }) => [attributes.errorCode?.StringValue, attributes.errorMessage?.StringValue]),
    ).toEqual([
      [
        'extraction-too-deep',
        `${SAMPLE_SITE}/articles/deep.html: the page's markup nests more than 512 elements deep`,
      ],
    ]);
    expect(pipeline.queueStats().get('articleJobs')?.retried).toBe(0);
    const stored = await createReader(pipeline.table).getArticleByUrl(
      `${SAMPLE_SITE}/articles/eu-japan-trade-pact.html`,
    );
    expect(stored?.documentKey).toMatch(/^articles\//);
    expect(seconds).toBeLessThan(20);
  });
});
