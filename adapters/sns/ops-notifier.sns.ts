/** OpsNotifier on SNS: one plain message to the ops topic when a feed is marked broken. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { alertSubject } from '../../shared/alerts/alert-notification.ts';
import { toBodySafe, toHeaderSafe } from '../../shared/alerts/email-text.ts';
import type { FeedState } from '../../shared/polling/feed-state.ts';
import type { OpsNotifier } from '../../shared/ports/ops-notifier.ts';

export class SnsOpsNotifier implements OpsNotifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async feedBroken(feed: FeedState): Promise<void> {
    const name = toHeaderSafe(feed.title ?? feed.url);
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: alertSubject('feed broken', null, name),
        Message: toBodySafe(
          [
            `The feed ${name} failed ${feed.consecutiveErrors} times in a row and is marked broken.`,
            `It is still polled, once a day, and returns to normal on its own when it works again.`,
            '',
            `URL:          ${toHeaderSafe(feed.url)}`,
            `Last error:   ${feed.lastError?.code ?? 'unknown'}: ${toHeaderSafe(feed.lastError?.message ?? '')}`,
            `Last success: ${feed.lastSuccessAt ?? 'never'}`,
            '',
            'See every broken feed with `npx wirewatch feeds list --broken`.',
          ].join('\n'),
        ),
      }),
    );
  }
}
