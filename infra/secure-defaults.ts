/**
 * Wirewatch's secure defaults for every stateful resource, kept in one place so a reviewer can audit
 * encryption, TLS-only access, retention and recovery settings without reading the whole stack.
 *
 * Each function returns CDK's own props; callers spread them first and their own props after, so any
 * default can be overridden where a resource truly needs something else.
 */

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BillingMode, StreamViewType, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, BucketEncryption, type BucketProps, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { TopicProps } from 'aws-cdk-lib/aws-sns';
import { QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';

/**
 * SQS-managed SSE rather than a KMS key: S3 event notifications and EventBridge cannot deliver to a
 * queue encrypted with the AWS-managed `alias/aws/sqs` key, and SSE-SQS costs nothing extra.
 */
export function secureQueueProps(): QueueProps {
  return { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };
}

/** Dead letters wait the SQS maximum, so an operator back from a long weekend can still redrive them. */
export function secureDeadLetterQueueProps(): QueueProps {
  return { ...secureQueueProps(), retentionPeriod: Duration.days(14) };
}

/**
 * Private, encrypted, TLS-only and retained: the bucket holds the only copy of fetched pages.
 * Versioning is on so a faulty deploy that rewrites articles can be rolled back; replaced versions
 * expire after 30 days to bound what that safety net costs.
 */
export function secureBucketProps(): BucketProps {
  return {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    lifecycleRules: [{ id: 'expire-replaced-versions', noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/** On-demand, recoverable to any second of the last 35 days, and protected from deletion twice over. */
export function secureTableProps(): Omit<TableProps, 'partitionKey'> {
  return {
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
  };
}

/** Topics refuse publishes that do not arrive over TLS. */
export function secureTopicProps(): TopicProps {
  return { enforceSSL: true };
}
