/**
 * `run --watch` waits between polls and stops on Ctrl-C or SIGTERM during the wait; once a wait is
 * over its handlers are gone, so a signal during the next poll is not swallowed.
 */
import { describe, expect, it } from 'vitest';
import { stoppedBeforeNextPoll } from '../../cli/commands/run.ts';

const handlers = () => process.listenerCount('SIGINT') + process.listenerCount('SIGTERM');

describe('the wait between polls', () => {
  it('ends with the interval and leaves no signal handler behind', async () => {
    // Prepare
    const before = handlers();

    // Act
    const stopped = await stoppedBeforeNextPoll(0.01);

    // Assess
    expect(stopped).toBe(false);
    expect(handlers()).toBe(before);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops on %s, and leaves no signal handler behind',
    async (signal) => {
      // Prepare
      const before = handlers();
      const waiting = stoppedBeforeNextPoll(60);

      // Act
      process.emit(signal, signal);
      const stopped = await waiting;

      // Assess
      expect(stopped).toBe(true);
      expect(handlers()).toBe(before);
    },
  );
});
