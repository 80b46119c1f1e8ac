/**
 * The daily digest end to end on the emulators: the seed article classified by the real handlers
 * matches ct-dialogue, and the real send-digest handler, run twice for that day from its scheduled
 * event, emails the digest subscriber once through the digest topic's filter policy.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSubscriptionStore } from '../../adapters/dynamodb/subscription-store.dynamodb.ts';
import { LocalPipeline } from '../../local/local-pipeline.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { newDigestSubscription, recipientFilterPolicy } from '../../shared/alerts/digest-subscription.ts';
import { articleIdFor } from '../../shared/urls/canonical-url.ts';

const SITE = 'http://samples.wirewatch.localhost';
const SEED = `${SITE}/articles/pakistan-us-bilateral-ties.html`;
let pipeline: LocalPipeline;
let outbox: string;

beforeAll(async () => {
  outbox = await mkdtemp(join(tmpdir(), 'wirewatch-digest-outbox-'));
  pipeline = await LocalPipeline.start({
    stateDir: null,
    outboxDir: outbox,
    sampleRoot: join(import.meta.dirname, '../../samples/site'),
    verbose: false,
  });
}, 30_000);

afterAll(async () => {
  await pipeline.close();
  await rm(outbox, { recursive: true, force: true });
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
    await pipeline.ruleStore.putRule({
      id: 'ct-dialogue',
      name: 'Counterterrorism dialogue',
      query: '"counterterrorism dialogue"',
      createdAt: '2026-11-27T00:00:00.000Z',
    });
    pipeline.queue('articleJobs').send(
      JSON.stringify({
        articleId: articleIdFor(SEED),
        url: SEED,
        feedId: 'feed-test',
        feedUrl: `${SITE}/feeds/world.rss`,
        entry: { title: null, publishedAt: null },
      }),
    );
    await pipeline.drain();
    const reader = createReader(pipeline.table);
    const article = await reader.getArticleByUrl(SEED);
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
