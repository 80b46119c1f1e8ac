/** Where commands read and write: the errors a person gets when the target is missing or busy. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTarget } from '../../cli/target.ts';
import { CliError } from '../../tools/cli-error.ts';

describe('the target of a command', () => {
  it('without --state, names the variables to set from the stack outputs for what the command needs', async () => {
    // Act
    const open = openTarget({
      state: undefined,
      needs: ['table', 'alerts'],
      env: { WIREWATCH_TABLE_NAME: 't' },
    });

    // Assess
    await expect(open).rejects.toBeInstanceOf(CliError);
    await expect(open).rejects.toThrow(/--state DIR.*WIREWATCH_TOPIC_ARN=<AlertTopicArn>/);
  });

  it('on AWS, builds only the clients asked for, from the environment', async () => {
    // Act
    const target = await openTarget({
      state: undefined,
      needs: ['archive'],
      env: { WIREWATCH_BUCKET_NAME: 'wirewatch-archive' },
    });
    await target.close();

    // Assess
    expect(target.archive.bucketName).toBe('wirewatch-archive');
    expect(target.stateDir).toBeNull();
    expect(target).not.toHaveProperty('table');
  });

  it('says which process holds a local state that is already open', async () => {
    // Prepare
    const state = await mkdtemp(join(tmpdir(), 'wirewatch-target-'));
    const first = await openTarget({ state, needs: ['table'] });

    try {
      // Act
      const second = openTarget({ state, needs: ['table'] });

      // Assess
      await expect(second).rejects.toThrow(/is `wirewatch run --watch` still running on this state\?/);
    } finally {
      await first.close();
      await rm(state, { recursive: true, force: true });
    }
  });
});
