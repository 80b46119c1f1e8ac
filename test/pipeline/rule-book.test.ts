import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/pipeline/rule-book.ts';
import { FixedClock, MemoryRules } from '../support/in-memory-ports.ts';

const rule = (id: string, query: string) => ({ id, name: id, query, createdAt: '2026-11-27T00:00:00.000Z' });

describe('the rule book', () => {
  it('leaves out a rule that no longer parses, reports it, and keeps matching with the others', async () => {
    // Prepare
    const store = new MemoryRules([
      rule('good', '"counterterrorism dialogue"'),
      rule('broken', '(sanctions OR'),
    ]);
    const reported: string[] = [];
    const book = new RuleBook(store, new FixedClock(new Date()), 60_000, ({ id }) => reported.push(id));

    // Act
    const { ruleSet, rules, invalid } = await book.current();
    const matches = ruleSet.match({ title: '', text: 'They resumed the counterterrorism dialogue.' });

    // Assess
    expect(reported).toEqual(['broken']);
    expect(invalid).toMatchObject([{ id: 'broken', error: expect.stringContaining('rule "broken"') }]);
    expect([...rules.keys()]).toEqual(['good']);
    expect(matches.map(({ ruleId }) => ruleId)).toEqual(['good']);
  });

  it('reloads the rules once its time is up, not before', async () => {
    // Prepare
    const store = new MemoryRules([rule('first', 'sanctions')]);
    const clock = new FixedClock(new Date('2026-11-27T08:00:00.000Z'));
    const book = new RuleBook(store, clock, 60_000);
    await book.current();
    await store.putRule(rule('second', 'tariffs'));

    // Act
    const before = (await book.current()).ruleSet.size;
    clock.advance(60);
    const after = (await book.current()).ruleSet.size;

    // Assess
    expect([before, after]).toEqual([1, 2]);
  });
});
