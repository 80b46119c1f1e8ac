/**
 * The bundles write non-ASCII characters as UTF-8, not as `\uXXXX` escapes (BUNDLE_CHARSET): the
 * Urdu and Arabic sample stories must come out of the fetch-article and classify-article bundles
 * exactly as they come out of the source, from the extracted text to the labels and the alerts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunctionBundle } from '../../bench/bundles.ts';
import type { FunctionName } from '../../infra/resource-definitions.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { articleJobFor, SAMPLE_SITE, sampleRule, startSamplePipeline } from '../support/sample-pipeline.ts';

const URDU_STORY = `${SAMPLE_SITE}/articles/pakistan-us-counterterrorism-talks-ur.html`;
const ARABIC_STORY = `${SAMPLE_SITE}/articles/saudi-us-maritime-security-ar.html`;
const BUNDLED: readonly FunctionName[] = ['fetchArticle', 'classifyArticle'];

let bundles: string;
let bundledHandlers: Partial<Record<FunctionName, string>>;

beforeAll(async () => {
  bundles = await mkdtemp(join(tmpdir(), 'wirewatch-bundles-non-ascii-'));
  bundledHandlers = {};
  for (const name of BUNDLED)
    bundledHandlers[name] = pathToFileURL(await buildFunctionBundle(name, bundles)).href;
}, 120_000);

afterAll(async () => {
  await rm(bundles, { recursive: true, force: true });
});

/**
 * Both stories through one run of the local runtime, with the sample rules in their scripts: what
 * was extracted (the text's hash), how it was classified and which rules alerted.
 */
async function storiesThrough(handlerModules: Partial<Record<FunctionName, string>>) {
  const { pipeline, stop } = await startSamplePipeline({ handlerModules });
  try {
    for (const id of ['pk-us-talks-ur', 'gulf-shipping-ar'])
      await pipeline.ruleStore.putRule(await sampleRule(id));
    for (const url of [URDU_STORY, ARABIC_STORY]) pipeline.queue('articleJobs').send(articleJobFor(url));
    await pipeline.drain();
    const reader = createReader(pipeline.table);
    return await Promise.all(
      [URDU_STORY, ARABIC_STORY].map(async (url) => {
        const article = await reader.getArticleByUrl(url);
        if (article === null) throw new Error(`${url} was not stored`);
        const alerts = await reader.alertsForArticle(article.id);
        const { title, byline, lang, contentHash, simhash, countries, countryPairs, primaryPair, topics } =
          article;
        return {
          extracted: { title, byline, lang, contentHash, simhash },
          classified: { countries, countryPairs, primaryPair, topics },
          alerts: alerts.map(({ ruleId }) => ruleId),
        };
      }),
    );
  } finally {
    await stop();
  }
}

describe('the Lambda bundles written as UTF-8', () => {
  it('extract, classify and alert on the Urdu and Arabic stories exactly as the source does', async () => {
    // Act: one after the other, as each run points the process's AWS settings at its own emulators
    const fromSource = await storiesThrough({});
    const fromBundles = await storiesThrough(bundledHandlers);

    // Assess
    expect(fromBundles).toEqual(fromSource);
    expect(fromSource).toMatchObject([
      { extracted: { lang: 'ur' }, classified: { primaryPair: 'PK-US' }, alerts: ['pk-us-talks-ur'] },
      { extracted: { lang: 'ar' }, classified: { primaryPair: 'SA-US' }, alerts: ['gulf-shipping-ar'] },
    ]);
  }, 120_000);
});
