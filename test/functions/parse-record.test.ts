import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../functions/commons/queue-consumer.ts';
import { ArticleJobSchema, PermanentJobError } from '../../shared/pipeline/jobs.ts';

function recordWithBody(body: string): SQSRecord {
  return { messageId: 'm-1', body } as SQSRecord;
}

const VALID_JOB = {
  articleId: 'a-1',
  url: 'https://news.example/story',
  feedId: 'f-1',
  feedUrl: 'https://news.example/feed.xml',
  entry: { title: 'A story', publishedAt: null },
};

describe('parseRecord', () => {
  it('gives the validated job of a well-formed message', () => {
    // Act
    const job = parseRecord(ArticleJobSchema, recordWithBody(JSON.stringify(VALID_JOB)));

    // Assess
    expect(job).toEqual(VALID_JOB);
  });

  it('makes a message that fails its schema poison, naming each field and what is wrong in English', () => {
    // Prepare
    const record = recordWithBody(JSON.stringify({ ...VALID_JOB, feedId: '', url: 'ftp://news.example/x' }));

    // Act
    const parsing = () => parseRecord(ArticleJobSchema, record);

    // Assess
    expect(parsing).toThrow(PermanentJobError);
    expect(parsing).toThrow(
      'Message does not match its schema: url: Invalid URL; feedId: Too small: expected string to have >=1 characters',
    );
  });

  it('makes a body that is not JSON poison', () => {
    // Act
    const parsing = () => parseRecord(ArticleJobSchema, recordWithBody('{not json'));

    // Assess
    expect(parsing).toThrow('Message body is not JSON');
  });
});
