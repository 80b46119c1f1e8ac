/**
 * AWS SDK clients, created once per cold start and traced. Endpoints come from the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables, which is all the local runtime changes; a custom S3 endpoint
 * (the local emulator) is addressed path-style.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from './observability.ts';

export const dynamodb = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
export const s3 = tracer.captureAWSv3Client(
  new S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined }),
);
export const sns = tracer.captureAWSv3Client(new SNSClient({}));
export const sqs = tracer.captureAWSv3Client(new SQSClient({}));
