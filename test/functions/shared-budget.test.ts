import { describe, expect, it } from 'vitest';
import { sharedBudget } from '../../functions/commons/shared-budget.ts';

/** A task that records when it starts and finishes, and finishes when told to. */
function tracked(events: string[], name: string) {
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    finish: () => finish(),
    task: async () => {
      events.push(`start ${name}`);
      await finished;
      events.push(`end ${name}`);
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a shared budget', () => {
  it('runs light tasks side by side and makes a task wait until its weight fits', async () => {
    // Prepare
    const run = sharedBudget(10);
    const events: string[] = [];
    const a = tracked(events, 'a');
    const b = tracked(events, 'b');
    const c = tracked(events, 'c');

    // Act
    const all = Promise.all([run(4, a.task), run(4, b.task), run(4, c.task)]);
    await settle();
    const startedTogether = [...events];
    a.finish();
    await settle();
    b.finish();
    c.finish();
    await all;

    // Assess
    expect(startedTogether).toEqual(['start a', 'start b']);
    expect(events.slice(2, 4)).toEqual(['end a', 'start c']);
  });

  it('runs a task heavier than the whole budget alone, and keeps call order behind it', async () => {
    // Prepare
    const run = sharedBudget(10);
    const events: string[] = [];
    const small = tracked(events, 'small');
    const huge = tracked(events, 'huge');
    const after = tracked(events, 'after');

    // Act
    const all = Promise.all([run(2, small.task), run(50, huge.task), run(1, after.task)]);
    await settle();
    const whileSmallRuns = [...events];
    small.finish();
    await settle();
    const whileHugeRuns = [...events];
    huge.finish();
    await settle();
    after.finish();
    await all;

    // Assess: the light task behind the huge one does not overtake it
    expect(whileSmallRuns).toEqual(['start small']);
    expect(whileHugeRuns).toEqual(['start small', 'end small', 'start huge']);
    expect(events.slice(3)).toEqual(['end huge', 'start after', 'end after']);
  });

  it('frees its share when a task fails', async () => {
    // Prepare
    const run = sharedBudget(1);

    // Act
    const failed = run(1, async () => {
      throw new Error('throttled');
    });
    await expect(failed).rejects.toThrow('throttled');
    const next = await run(1, async () => 'ran');

    // Assess
    expect(next).toBe('ran');
  });
});
