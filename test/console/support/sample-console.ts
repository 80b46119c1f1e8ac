/**
 * The local runtime as `npm start` leaves it, in memory, for the browser suite: the sample feeds
 * polled once with the sample rules and subscriber in place, and the console served on loopback
 * with its per-run token. `runPipeline` hands the pipeline the seed article again, as its feed
 * would after an update, and waits until every stage is idle and every email written.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { SAMPLES_DIR } from '../../../cli/local-runtime.ts';
import { startLocalConsole } from '../../../local/local-console.ts';
import type { LocalPipeline } from '../../../local/local-pipeline.ts';
import { registerFeeds } from '../../../shared/pipeline/register-feeds.ts';
import { systemClock } from '../../../shared/ports/clock.ts';
import { articleJobFor, SEED_URL, startSamplePipeline } from '../../support/sample-pipeline.ts';

export interface SampleConsole {
  pipeline: LocalPipeline;
  /** The address `npm start` prints: http://127.0.0.1:PORT/#token=… */
  url: string;
  /** The console's origin, without the token. */
  origin: string;
  runPipeline(): Promise<void>;
  stop(): Promise<void>;
}

const samples = async <T>(file: string): Promise<T> =>
  JSON.parse(await readFile(join(SAMPLES_DIR, file), 'utf8')) as T;

export async function startSampleConsole(): Promise<SampleConsole> {
  const sample = await startSamplePipeline();
  const { pipeline } = sample;
  try {
    await registerFeeds(await samples<{ url: string; title?: string }[]>('feeds.json'), {
      feeds: pipeline.feedStore,
      clock: systemClock,
    });
    for (const rule of await samples<{ id: string; name: string; query: string }[]>('rules.json')) {
      await pipeline.ruleStore.putRule({ ...rule, createdAt: systemClock.now().toISOString() });
    }
    for (const { email, filterPolicy } of await samples<{ email: string; filterPolicy: object }[]>(
      'subscribers.json',
    )) {
      await pipeline.sns.send(
        new SubscribeCommand({
          TopicArn: pipeline.topicArn,
          Protocol: 'email',
          Endpoint: email,
          Attributes: { FilterPolicy: JSON.stringify(filterPolicy) },
        }),
      );
    }
    await pipeline.tick();
    const server = await startLocalConsole(pipeline);
    return {
      pipeline,
      url: server.url,
      origin: server.origin,
      async runPipeline() {
        pipeline.queue('articleJobs').send(articleJobFor(SEED_URL));
        await pipeline.drain();
      },
      async stop() {
        await server.close();
        await sample.stop();
      },
    };
  } catch (error) {
    await sample.stop();
    throw error;
  }
}
