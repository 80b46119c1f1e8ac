/**
 * The daily digest end to end on the emulators: the seed article classified by the real handlers
 * matches ct-dialogue, and the real send-digest handler, run twice for that day from its scheduled
 * event, emails the digest subscriber once through the digest topic's filter policy.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSubscriptionStore } from '../../adapters/dynamodb/subscription-store.dynamodb.ts';
import type { LocalPipeline } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { newDigestSubscription, recipientFilterPolicy } from '../../shared/alerts/digest-subscription.ts';
import {
  articleJobFor,
  CT_DIALOGUE_RULE,
  type SamplePipeline,
  SEED_URL,
  startSamplePipeline,
} from '../support/sample-pipeline.ts';

let sample: SamplePipeline;
let pipeline: LocalPipeline;
let outbox: string;

beforeAll(async () => {
  sample = await startSamplePipeline();
  ({ pipeline, outbox } = sample);
}, 30_000);

afterAll(async () => {
  await sample.stop();
});

async function subscribeToDigest(email: string, filter = {}) {
  await new DynamoDbSubscriptionStore(pipeline.table).putSubscription(
    newDigestSubscription(email, filter, new Date().toISOString()),
  );
  await pipeline.sns.send(
    new SubscribeCommand({
      TopicArn: pipeline.digestTopicArn,
      Protocol: 'email',
      Endpoint: email,
      Attributes: { FilterPolicy: JSON.stringify(recipientFilterPolicy(email)) },
    }),
  );
}

describe('the daily digest on the emulators', () => {
  it("emails each digest subscriber the day's matches once, however often the day is run", async () => {
    // Prepare
    await pipeline.ruleStore.putRule(CT_DIALOGUE_RULE);
    pipeline.queue('articleJobs').send(articleJobFor(SEED_URL));
    await pipeline.drain();
    const reader = createReader(pipeline.table);
    const article = await reader.getArticleByUrl(SEED_URL);
    const [alert] = await reader.alertsForArticle(article?.id as string);
    const day = alert?.matchedAt.slice(0, 10) as string;
    await subscribeToDigest('digest@example.com');
    await subscribeToDigest('elsewhere@example.com', { pairs: ['CN-IN'] });

    // Act
    const first = await pipeline.sendDigests(day);
    const second = await pipeline.sendDigests(day);

    // Assess
    expect(first).toMatchObject({ day, recipients: 2, sent: 1, quiet: 1 });
    expect(second).toMatchObject({ day, sent: 0, alreadySent: 1 });
    const digests = pipeline.aws.sns.emails.filter(({ subject }) => subject.includes('Daily digest'));
    expect(digests.map(({ to, subject }) => ({ to, subject }))).toEqual([
      { to: 'digest@example.com', subject: `[wirewatch] Daily digest · ${day} · 1 match` },
    ]);
    // Nobody subscribed to immediate alerts here, so the digest is the outbox's one email.
    const files = (await readdir(outbox)).filter((name) => name.endsWith('.eml'));
    expect(files.map((name) => join(outbox, name))).toEqual([digests[0]?.file]);
    expect(await readFile(join(outbox, files[0] as string), 'utf8')).toMatch(/^To: digest@example\.com/m);
    expect(digests[0]?.body).toContain('== Counterterrorism dialogue (1) ==');
    expect(digests[0]?.body).toContain(article?.title);
  });
});
