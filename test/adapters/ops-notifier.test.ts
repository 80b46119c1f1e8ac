/** The broken-feed notice to ops: a hostile feed title or error cannot forge headers or lines. */
import type { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { SnsOpsNotifier } from '../../adapters/sns/ops-notifier.sns.ts';
import { newFeedState } from '../../shared/polling/feed-state.ts';

describe('broken-feed notice', () => {
  it('keeps the subject on one line and the feed text on its own lines, without controls', async () => {
    // Prepare
    const sent: PublishCommand[] = [];
    const sns = { send: async (command: PublishCommand) => sent.push(command) } as unknown as SNSClient;
    const feed = {
      ...newFeedState(
        { url: 'https://news.example/feed.xml', title: 'Desk\r\nBcc: victim@example.com\u001b[2J\u202E' },
        new Date('2026-11-27T08:00:00Z'),
      ),
      status: 'broken' as const,
      consecutiveErrors: 10,
      lastError: {
        code: 'feed-malformed',
        message: 'bad\nLast success: forged\u0007',
        at: '2026-11-27T08:00:00Z',
      },
    };

    // Act
    await new SnsOpsNotifier(sns, 'arn:aws:sns:eu-west-1:000000000000:ops').feedBroken(feed);

    // Assess
    const { Subject: subject = '', Message: message = '' } = sent[0]?.input ?? {};
    expect(subject).toBe('[wirewatch] feed broken · Desk Bcc: victim@example.com [2J');
    expect(message).toContain('Last error:   feed-malformed: bad Last success: forged\n');
    expect(message.match(/^Last success:/gm)).toHaveLength(1);
    expect(message).not.toMatch(/^Bcc:/m);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});
