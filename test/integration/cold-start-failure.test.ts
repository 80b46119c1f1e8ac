import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ColdStartError, LocalPipeline } from '../../local/local-pipeline.ts';

describe('a function that cannot start', () => {
  it('stops the local runtime with the function and its reason', async () => {
    // Prepare
    const outbox = await mkdtemp(join(tmpdir(), 'wirewatch-cold-start-'));
    const broken = pathToFileURL(join(import.meta.dirname, '../fixtures/local/broken-handler.mjs')).href;

    // Act
    const starting = LocalPipeline.start({
      stateDir: null,
      outboxDir: outbox,
      sampleRoot: join(import.meta.dirname, '../../samples/site'),
      verbose: false,
      handlerModules: { fetchArticle: broken },
    });

    // Assess
    await expect(starting).rejects.toBeInstanceOf(ColdStartError);
    await expect(starting).rejects.toThrow(
      'functions/fetch-article.ts failed its cold start: WIREWATCH_SOMETHING is not set',
    );
    await rm(outbox, { recursive: true, force: true });
  });
});
