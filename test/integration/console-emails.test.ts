/**
 * Alert emails of a local run while the analyst console is served: they link to the seed's page in
 * the console, carry one unsubscribe footer, and its link, served by the console, unsubscribes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListSubscriptionsByTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleServer } from '../../local/console-server.ts';
import { startLocalConsole } from '../../local/local-console.ts';
import type { EmailDelivery } from '../../local/sns/sns-emulator.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import {
  articleJobFor,
  CT_DIALOGUE_RULE,
  type SamplePipeline,
  SEED_URL,
  startSamplePipeline,
} from '../support/sample-pipeline.ts';

let sample: SamplePipeline;
let server: ConsoleServer;
let page: string;
let email: EmailDelivery;

/** A plain GET as a mail reader's browser makes it, Host header and all. */
function get(url: URL): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { headers: { host: url.host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

beforeAll(async () => {
  // Prepare: the console served before the poll, as `npm start` does
  sample = await startSamplePipeline();
  const { pipeline } = sample;
  await pipeline.ruleStore.putRule(CT_DIALOGUE_RULE);
  await pipeline.sns.send(
    new SubscribeCommand({
      TopicArn: pipeline.topicArn,
      Protocol: 'email',
      Endpoint: 'analyst@example.com',
      Attributes: { FilterPolicy: JSON.stringify({ rule: ['ct-dialogue'] }) },
    }),
  );
  page = await mkdtemp(join(tmpdir(), 'wirewatch-console-page-'));
  server = await startLocalConsole(pipeline, { staticRoot: page });

  // Act
  pipeline.queue('articleJobs').send(articleJobFor(SEED_URL));
  await pipeline.drain();
  await pipeline.aws.sns.idle();
  const [delivered, ...others] = pipeline.aws.sns.emails;
  if (delivered === undefined || others.length > 0) {
    throw new Error(`Expected one alert email, got ${pipeline.aws.sns.emails.length}`);
  }
  email = delivered;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await sample?.stop();
  if (page !== undefined) await rm(page, { recursive: true, force: true });
});

describe('alert emails while the console is served', () => {
  it("link to the seed's page in the console", async () => {
    // Prepare
    const seed = await createReader(sample.pipeline.table).getArticleByUrl(SEED_URL);

    // Assess
    expect(seed).not.toBeNull();
    expect(email.body).toContain(
      `Open it in the console: ${server.origin}/#/articles/${encodeURIComponent(seed?.id ?? '')}\n`,
    );
    expect(email.body).toContain(`Original article: ${SEED_URL}\n`);
  });

  it('carry one unsubscribe footer, whose link is on the console', () => {
    // Act
    const links = email.body.split('\n').filter((line) => line.includes('/unsubscribe?'));

    // Assess
    expect(email.body.match(/unsubscribe/gi)).toHaveLength(2);
    expect(links).toEqual([
      `${server.origin}/unsubscribe?SubscriptionArn=${encodeURIComponent(email.subscriptionArn)}`,
    ]);
  });

  it('unsubscribe the reader when the link is followed, through the console server', async () => {
    // Prepare
    const link = email.body.split('\n').find((line) => line.includes('/unsubscribe?')) ?? '';

    // Act
    const answer = await get(new URL(link));

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Subscription removed');
    const { Subscriptions } = await sample.pipeline.sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: sample.pipeline.topicArn }),
    );
    expect(Subscriptions?.map(({ SubscriptionArn }) => SubscriptionArn)).not.toContain(email.subscriptionArn);
  });
});
