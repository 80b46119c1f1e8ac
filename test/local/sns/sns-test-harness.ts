/** Starts an SNS emulator in a fresh temporary directory, with a real SNS client pointed at it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  type SnsEmulator,
  type SnsEmulatorOptions,
  startSnsEmulator,
} from '../../../local/sns/sns-emulator.ts';

export interface SnsTestHarness {
  readonly directory: string;
  readonly emulator: SnsEmulator;
  readonly client: SNSClient;
  /** Creates (or finds) a topic through the real client and returns its ARN. */
  createTopic(name?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestEmulator(options: Partial<SnsEmulatorOptions> = {}): Promise<SnsTestHarness> {
  const directory = await mkdtemp(join(tmpdir(), 'wirewatch-sns-'));
  const emulator = await startSnsEmulator({ outboxDir: join(directory, 'outbox'), ...options });
  const client = snsClient(emulator.endpoint);
  return {
    directory,
    emulator,
    client,
    async createTopic(name = 'analyst-alerts') {
      const { TopicArn } = await client.send(new CreateTopicCommand({ Name: name }));
      if (!TopicArn) throw new Error('CreateTopic returned no TopicArn');
      return TopicArn;
    },
    stop: async () => {
      await emulator.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export function snsClient(endpoint: string): SNSClient {
  return new SNSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** The rejection of `promise`, failing the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('Expected the call to fail');
}
