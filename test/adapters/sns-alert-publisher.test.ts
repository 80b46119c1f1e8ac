/**
 * The SNS alert publisher on the test backend (test-backend.ts): what a subscriber receives, and which
 * subscribers the message attributes let through their filter policies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnsAlertPublisher } from '../../adapters/sns/alert-publisher.sns.ts';
import { composeAlert } from '../../shared/alerts/alert-notification.ts';
import { anAlert, anArticle } from '../support/builders.ts';
import { startTestTopic, type TestTopic } from '../support/test-backend.ts';

let topic: TestTopic;
beforeAll(async () => {
  topic = await startTestTopic();
});
afterAll(async () => {
  await topic.close();
});

describe('the SNS alert publisher', () => {
  it('reaches a subscriber filtering on its pair once, with the JSON message, subject and attributes', async () => {
    // Prepare
    const received = await topic.subscribe({ countryPairs: ['PK-US'] });
    const notification = composeAlert(anArticle(), anAlert());

    // Act
    const messageId = await new SnsAlertPublisher(topic.sns, topic.topicArn).publish(notification);

    // Assess
    const [delivered, ...others] = await received();
    expect(messageId).toMatch(/\S/);
    expect(others).toEqual([]);
    expect(JSON.parse(delivered?.message ?? '')).toEqual(notification.message);
    expect(delivered?.subject).toBe(notification.subject);
    expect(delivered?.attributes).toMatchObject({
      rule: { Type: 'String', Value: 'ct-dialogue' },
      countryPairs: { Type: 'String.Array', Value: '["PK-US"]' },
      source: { Type: 'String', Value: 'news.example' },
    });
  });

  it('passes no subscriber whose filter policy the alert does not match', async () => {
    // Prepare
    const otherRule = await topic.subscribe({ rule: ['another-rule'] });
    const otherPair = await topic.subscribe({ countryPairs: ['IN-PK'] });

    // Act
    await new SnsAlertPublisher(topic.sns, topic.topicArn).publish(composeAlert(anArticle(), anAlert()));

    // Assess
    expect(await otherRule()).toEqual([]);
    expect(await otherPair()).toEqual([]);
  });

  it('leaves out the attributes of empty lists, so a topic filter skips an article without topics', async () => {
    // Prepare
    const byTopic = await topic.subscribe({ topics: ['diplomacy'] });
    const everything = await topic.subscribe();

    // Act
    await new SnsAlertPublisher(topic.sns, topic.topicArn).publish(
      composeAlert(anArticle({ topics: [] }), anAlert()),
    );

    // Assess
    expect(await byTopic()).toEqual([]);
    const [delivered] = await everything();
    expect(Object.keys(delivered?.attributes ?? {}).sort()).toEqual([
      'countries',
      'countryPairs',
      'relation',
      'rule',
      'source',
    ]);
  });
});
