/**
 * OpsTopic: the topic CloudWatch alarms (and fetch-feed's broken-feed notices) publish to, built so
 * that an alarm's notification actually arrives:
 *
 * - TLS-only publishing (`enforceSSL`) gives the topic a policy holding only that Deny, which
 *   replaces SNS's default policy; an Allow for `cloudwatch.amazonaws.com`, limited to this account's
 *   alarms, is added back, or alarm actions are refused and the failure shows only in alarm history.
 * - Encrypted with a customer-managed key whose policy lets CloudWatch use it: alarms cannot publish
 *   to a topic under the AWS-managed SNS key.
 * - The on-call address from configuration is subscribed by email (it confirms once).
 *
 * Each default is overridable through `topicProps` (CDK's own TopicProps).
 */

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic, type TopicProps } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { secureTopicProps } from '../secure-defaults.ts';

export interface OpsTopicProps {
  /** Subscribed by email when given. */
  readonly email?: string;
  /**
   * What happens to the key when the stack is deleted.
   * @default RemovalPolicy.RETAIN: notifications still stored encrypted stay readable
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
  /** Overrides for the topic; a `masterKey` given here replaces the key this construct creates. */
  readonly topicProps?: TopicProps;
}

const CLOUDWATCH = new ServicePrincipal('cloudwatch.amazonaws.com');

export class OpsTopic extends Construct {
  public readonly topic: Topic;
  /** The customer-managed key, unless `topicProps.masterKey` supplied another. */
  public readonly key?: Key;

  constructor(scope: Construct, id: string, props: OpsTopicProps = {}) {
    super(scope, id);
    const { account, partition, region } = Stack.of(this);
    if (!props.topicProps?.masterKey) {
      this.key = new Key(this, 'Key', {
        description: 'Encrypts the wirewatch ops topic; CloudWatch alarms may use it to publish.',
        enableKeyRotation: true,
        removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.RETAIN,
        pendingWindow: Duration.days(30),
      });
      this.key.addToResourcePolicy(
        new PolicyStatement({
          sid: 'CloudWatchAlarmsPublishToOpsTopic',
          principals: [CLOUDWATCH],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
        }),
      );
    }
    this.topic = new Topic(this, 'Topic', {
      ...secureTopicProps(),
      ...(this.key ? { masterKey: this.key } : {}),
      ...props.topicProps,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountPublish',
        principals: [CLOUDWATCH],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }
}
