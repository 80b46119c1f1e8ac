/**
 * OpsTopic: CloudWatch alarms of this account can publish to it, through its TLS-only policy and
 * its encryption, and the configured on-call address is subscribed.
 */

import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { OpsTopic } from '../../infra/constructs/ops-topic.ts';
import { newTestApp } from './test-app.ts';

describe('OpsTopic', () => {
  it('keeps the TLS-only Deny and adds an Allow for CloudWatch alarms of this account', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'OpsTopicTest');

    // Act
    const { topic } = new OpsTopic(stack, 'Ops');

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [stack.resolve(topic.topicArn)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ]),
      },
    });
  });

  it('encrypts with its own rotating key, whose policy lets CloudWatch encrypt for the topic', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'OpsTopicTest');

    // Act
    const ops = new OpsTopic(stack, 'Ops');

    // Assess
    const template = Template.fromStack(stack);
    expect(ops.key).toBeDefined();
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: stack.resolve(ops.key?.keyArn),
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('uses a key the caller gives instead of creating one, and subscribes the given email', () => {
    // Prepare
    const stack = new Stack(newTestApp(), 'OpsTopicTest');
    const callerKey = new Key(stack, 'CallerKey');

    // Act
    const ops = new OpsTopic(stack, 'Ops', {
      email: 'oncall@example.com',
      topicProps: { masterKey: callerKey },
    });

    // Assess
    const template = Template.fromStack(stack);
    expect(ops.key).toBeUndefined();
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: stack.resolve(callerKey.keyArn) });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });
});
