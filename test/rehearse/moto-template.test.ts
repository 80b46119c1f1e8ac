import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import {
  type CfnTemplate,
  cfnLintAllowsDeploy,
  type IntrinsicResolver,
  prepareForMoto,
  queueArnFromUrl,
  referencedIds,
  resolveIntrinsics,
  rewriteAwsQueueUrl,
  standInFor,
} from '../../scripts/rehearse/moto-template.ts';
import { sqsEventFromMessages } from '../../scripts/rehearse/received-messages.ts';

/** The shapes CDK synthesizes for a queue-triggered function and a bucket notifying a queue. */
function pipelineTemplate(): CfnTemplate {
  return {
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } },
    Resources: {
      Queue: { Type: 'AWS::SQS::Queue' },
      QueuePolicy: { Type: 'AWS::SQS::QueuePolicy' },
      Bucket: { Type: 'AWS::S3::Bucket' },
      Consumer: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler' } },
      ConsumerTrigger: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          BatchSize: 5,
          EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          FunctionName: { Ref: 'Consumer' },
        },
      },
      DefaultBatchTrigger: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, FunctionName: { Ref: 'Consumer' } },
      },
      Notifications: {
        Type: 'Custom::S3BucketNotifications',
        Properties: {
          ServiceToken: { 'Fn::GetAtt': ['NotificationsHandler', 'Arn'] },
          BucketName: { Ref: 'Bucket' },
          NotificationConfiguration: {
            QueueConfigurations: [
              {
                Events: ['s3:ObjectCreated:*'],
                Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'articles/' }] } },
                QueueArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
              },
            ],
          },
        },
        DependsOn: ['QueuePolicy', 'Queue'],
      },
      AfterTrigger: { Type: 'AWS::SQS::Queue', DependsOn: 'ConsumerTrigger' },
      AfterTriggerAndQueue: { Type: 'AWS::SQS::Queue', DependsOn: ['ConsumerTrigger', 'Queue'] },
    },
  };
}

const deployed: IntrinsicResolver = {
  ref: (id) => `physical-${id}`,
  getAtt: (id, attribute) => `${attribute}-of-${id}`,
};

describe('prepareForMoto', () => {
  it('deploys no event source mapping and no notification custom resource, and keeps everything else', () => {
    // Prepare
    const template = pipelineTemplate();

    // Act
    const { template: deployedCopy } = prepareForMoto(template);

    // Assess
    expect(Object.keys(deployedCopy.Resources).sort()).toEqual([
      'AfterTrigger',
      'AfterTriggerAndQueue',
      'Bucket',
      'Consumer',
      'Queue',
      'QueuePolicy',
    ]);
    expect(deployedCopy.Parameters).toEqual(template.Parameters);
    expect(template.Resources.ConsumerTrigger).toBeDefined();
  });

  it('drops dependencies on the removed resources so CloudFormation does not reject the copy', () => {
    // Prepare
    const template = pipelineTemplate();

    // Act
    const { template: deployedCopy } = prepareForMoto(template);

    // Assess
    expect(deployedCopy.Resources.AfterTrigger).toEqual({ Type: 'AWS::SQS::Queue' });
    expect(deployedCopy.Resources.AfterTriggerAndQueue?.DependsOn).toEqual(['Queue']);
  });

  it('keeps which function each removed mapping fed, from which queue, in batches of what size', () => {
    // Prepare
    const template = pipelineTemplate();

    // Act
    const { queueTriggers } = prepareForMoto(template);

    // Assess: a mapping without BatchSize gets Lambda's SQS default of 10
    expect(queueTriggers).toEqual([
      { functionId: 'Consumer', queueId: 'Queue', batchSize: 5 },
      { functionId: 'Consumer', queueId: 'Queue', batchSize: 10 },
    ]);
  });

  it('keeps the bucket notification configuration to apply once the stack exists', () => {
    // Prepare
    const template = pipelineTemplate();

    // Act
    const [notification, ...others] = prepareForMoto(template).bucketNotifications;

    // Assess
    expect(others).toEqual([]);
    expect(resolveIntrinsics(notification?.bucket, deployed)).toBe('physical-Bucket');
    expect(resolveIntrinsics(notification?.configuration, deployed)).toEqual({
      QueueConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'articles/' }] } },
          QueueArn: 'Arn-of-Queue',
        },
      ],
    });
  });

  it('refuses a mapping whose function is not a reference into the stack', () => {
    // Prepare
    const template: CfnTemplate = {
      Resources: {
        Imported: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: {
            FunctionName: 'someone-elses-function',
            EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] },
          },
        },
      },
    };

    // Act
    const preparing = () => prepareForMoto(template);

    // Assess
    expect(preparing).toThrow(/Imported: FunctionName is not a Ref or Fn::GetAtt/);
  });
});

/** The shapes CDK synthesizes for the ops topic's key, an alarm and a dashboard showing it. */
function opsTemplate(): CfnTemplate {
  const tags = [{ Key: 'service', Value: 'wirewatch' }];
  return {
    Resources: {
      OpsKey: {
        Type: 'AWS::KMS::Key',
        Properties: { EnableKeyRotation: true, KeyPolicy: { Statement: [] }, Tags: tags },
      },
      OpsTopic: {
        Type: 'AWS::SNS::Topic',
        Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['OpsKey', 'Arn'] }, Tags: tags },
      },
      Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmActions: [{ Ref: 'OpsTopic' }] } },
      Dashboard: {
        Type: 'AWS::CloudWatch::Dashboard',
        Properties: {
          DashboardBody: { 'Fn::Join': ['', ['{"alarms":["', { 'Fn::GetAtt': ['Alarm', 'Arn'] }, '"]}']] },
        },
      },
    },
    Outputs: {
      OpsTopicArn: { Value: { Ref: 'OpsTopic' } },
      DashboardName: { Value: { Ref: 'Dashboard' } },
    },
  };
}

describe('prepareForMoto, for what moto cannot create', () => {
  it('leaves out dashboards and the outputs naming them, and keeps the alarms and the topic', () => {
    // Prepare
    const template = opsTemplate();

    // Act
    const { template: deployedCopy } = prepareForMoto(template);

    // Assess
    expect(Object.keys(deployedCopy.Resources).sort()).toEqual(['Alarm', 'OpsKey', 'OpsTopic']);
    expect(deployedCopy.Outputs).toEqual({ OpsTopicArn: { Value: { Ref: 'OpsTopic' } } });
    expect(template.Resources.Dashboard).toBeDefined();
  });

  it('creates KMS keys without their tags, and leaves the tags of everything else', () => {
    // Prepare
    const template = opsTemplate();

    // Act
    const { template: deployedCopy } = prepareForMoto(template);

    // Assess
    expect(deployedCopy.Resources.OpsKey?.Properties).toEqual({
      EnableKeyRotation: true,
      KeyPolicy: { Statement: [] },
    });
    expect(deployedCopy.Resources.OpsTopic?.Properties?.Tags).toEqual([
      { Key: 'service', Value: 'wirewatch' },
    ]);
    expect(template.Resources.OpsKey?.Properties?.Tags).toBeDefined();
  });

  it('refuses to leave out a resource that a kept one still references', () => {
    // Prepare
    const template = opsTemplate();
    template.Resources.Alarm = {
      Type: 'AWS::CloudWatch::Alarm',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
      Properties: { AlarmDescription: { 'Fn::Sub': 'See ${Dashboard}' } },
    };

    // Act
    const preparing = () => prepareForMoto(template);

    // Assess
    expect(preparing).toThrow('Alarm references Dashboard, which the copy deployed to moto leaves out');
  });
});

/** The shapes CDK synthesizes for the console: its distribution, named by kept resources, and its page deployment. */
function consoleTemplate(): CfnTemplate {
  const consoleUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Distribution', 'DomainName'] }]] };
  return {
    Resources: {
      ConsoleBucket: { Type: 'AWS::S3::Bucket' },
      HeadersPolicy: { Type: 'AWS::CloudFront::ResponseHeadersPolicy' },
      Distribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: { DistributionConfig: { ResponseHeadersPolicyId: { Ref: 'HeadersPolicy' } } },
      },
      PoolClient: { Type: 'AWS::Cognito::UserPoolClient', Properties: { CallbackURLs: [consoleUrl] } },
      Emailer: {
        Type: 'AWS::Lambda::Function',
        Properties: { Environment: { Variables: { WIREWATCH_CONSOLE_URL: consoleUrl } } },
      },
      PageDeployment: {
        Type: 'Custom::CDKBucketDeployment',
        Properties: {
          DestinationBucketName: { Ref: 'ConsoleBucket' },
          DistributionId: { Ref: 'Distribution' },
        },
      },
      EmptyBucketOnDelete: {
        Type: 'Custom::S3AutoDeleteObjects',
        Properties: { BucketName: { Ref: 'ConsoleBucket' } },
        DependsOn: ['Distribution'],
      },
    },
    Outputs: { ConsoleUrl: { Value: consoleUrl }, BucketName: { Value: { Ref: 'ConsoleBucket' } } },
  };
}

describe('prepareForMoto, for the console', () => {
  it('leaves out CloudFront and the Lambda-backed page deployment, and keeps the rest', () => {
    // Prepare
    const template = consoleTemplate();

    // Act
    const { template: deployedCopy } = prepareForMoto(template);

    // Assess
    expect(Object.keys(deployedCopy.Resources).sort()).toEqual(['ConsoleBucket', 'Emailer', 'PoolClient']);
    expect(deployedCopy.Outputs).toEqual({ BucketName: { Value: { Ref: 'ConsoleBucket' } } });
  });

  it('gives kept resources a stand-in for what they name of the distribution, a host that never resolves', () => {
    // Prepare
    const template = consoleTemplate();

    // Act
    const { template: deployedCopy } = prepareForMoto(template);

    // Assess
    const standInUrl = { 'Fn::Join': ['', ['https://', standInFor('Distribution', 'DomainName')]] };
    expect(standInFor('Distribution', 'DomainName')).toBe('distribution-domainname.not-rehearsed.invalid');
    expect(deployedCopy.Resources.PoolClient?.Properties?.CallbackURLs).toEqual([standInUrl]);
    expect(deployedCopy.Resources.Emailer?.Properties?.Environment).toEqual({
      Variables: { WIREWATCH_CONSOLE_URL: standInUrl },
    });
    expect(template.Resources.Distribution).toBeDefined();
  });
});

describe('referencedIds', () => {
  it('finds Ref, both forms of Fn::GetAtt and Fn::Sub variables, not Sub literals or its own variables', () => {
    // Prepare
    const value = {
      A: { Ref: 'Topic' },
      B: [{ 'Fn::GetAtt': ['Queue', 'Arn'] }, { 'Fn::GetAtt': 'Table.StreamArn' }],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
      C: { 'Fn::Sub': ['${Bucket.Arn}/${Prefix}/${!Literal}/${AWS::Region}', { Prefix: { Ref: 'Key' } }] },
    };

    // Act
    const ids = referencedIds(value);

    // Assess
    expect([...ids].sort()).toEqual(['AWS::Region', 'Bucket', 'Key', 'Queue', 'Table', 'Topic']);
  });
});

describe('resolveIntrinsics', () => {
  it('fails on an intrinsic it cannot evaluate instead of passing it through', () => {
    // Prepare
    const value = { Name: { 'Fn::Join': ['-', ['a', 'b']] } };

    // Act
    const resolving = () => resolveIntrinsics(value, deployed);

    // Assess
    expect(resolving).toThrow('The rehearsal cannot resolve Fn::Join');
  });
});

describe('rewriteAwsQueueUrl', () => {
  it('moves a queue URL on the regional or legacy AWS host to the local endpoint', () => {
    // Prepare
    const endpoint = 'http://127.0.0.1:4599/';

    // Act
    const regional = rewriteAwsQueueUrl(
      'https://sqs.us-east-1.amazonaws.com/123456789012/Jobs-1A2B',
      endpoint,
    );
    const legacy = rewriteAwsQueueUrl('https://queue.amazonaws.com/123456789012/Jobs', endpoint);

    // Assess
    expect(regional).toBe('http://127.0.0.1:4599/123456789012/Jobs-1A2B');
    expect(legacy).toBe('http://127.0.0.1:4599/123456789012/Jobs');
  });

  it('leaves values that are not AWS queue URLs alone', () => {
    // Prepare
    const values = [
      'arn:aws:sns:us-east-1:123456789012:Alerts',
      'https://sqs.us-east-1.amazonaws.com.example.net/123456789012/Jobs',
      'wirewatch-table',
    ];

    // Act
    const rewritten = values.map((value) => rewriteAwsQueueUrl(value, 'http://127.0.0.1:4599'));

    // Assess
    expect(rewritten).toEqual(values);
  });
});

describe('queueArnFromUrl', () => {
  it('names the queue of the URL in the given region', () => {
    // Act
    const arn = queueArnFromUrl('http://127.0.0.1:4599/123456789012/Jobs-1A2B', 'eu-west-1');

    // Assess
    expect(arn).toBe('arn:aws:sqs:eu-west-1:123456789012:Jobs-1A2B');
  });
});

describe('cfnLintAllowsDeploy', () => {
  it('allows warnings and informational findings, not errors or a failed run', () => {
    // Prepare: cfn-lint ORs 2 (error), 4 (warning) and 8 (informational); 1 is a failed run
    const codes = [0, 4, 8, 12, 2, 6, 14, 1];

    // Act
    const allowed = codes.map(cfnLintAllowsDeploy);

    // Assess
    expect(allowed).toEqual([true, true, true, true, false, false, false, false]);
  });
});

describe('sqsEventFromMessages', () => {
  it('hands received messages to a handler as the event source mapping would', () => {
    // Prepare
    const message: Message = {
      MessageId: 'm-1',
      ReceiptHandle: 'r-1',
      Body: '{"feedId":"f"}',
      MD5OfBody: 'md5',
      Attributes: { ApproximateReceiveCount: '2', SentTimestamp: '1700000000000' },
      MessageAttributes: { errorCode: { DataType: 'String', StringValue: 'feed-malformed' } },
    };

    // Act
    const event = sqsEventFromMessages([message], 'arn:aws:sqs:us-east-1:123456789012:Jobs', 'us-east-1');

    // Assess
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      messageId: 'm-1',
      receiptHandle: 'r-1',
      body: '{"feedId":"f"}',
      attributes: { ApproximateReceiveCount: '2', SentTimestamp: '1700000000000' },
      messageAttributes: { errorCode: { dataType: 'String', stringValue: 'feed-malformed' } },
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:Jobs',
      awsRegion: 'us-east-1',
    });
  });
});
