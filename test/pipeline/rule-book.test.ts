import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/pipeline/rule-book.ts';
import { FixedClock, MemoryRuleIndex, MemoryRules } from '../support/in-memory-ports.ts';

const rule = (id: string, query: string) => ({ id, name: id, query, createdAt: '2026-11-27T00:00:00.000Z' });

describe('the rule book', () => {
  it('leaves out a rule that no longer parses, reports it, and keeps matching with the others', async () => {
    // Prepare
    const store = new MemoryRules([
      rule('good', '"counterterrorism dialogue"'),
      rule('broken', '(sanctions OR'),
    ]);
    const reported: string[] = [];
    const book = new RuleBook({
      store,
      clock: new FixedClock(new Date()),
      ttlMs: 60_000,
      onInvalidRule: ({ id }) => reported.push(id),
    });

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
    const book = new RuleBook({ store, clock, ttlMs: 60_000 });
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

/** A rule store that counts how often the rules are listed. */
class CountingRules extends MemoryRules {
  listings = 0;
  override async listRules() {
    this.listings += 1;
    return super.listRules();
  }
}

describe('the rule book under concurrent records', () => {
  it("shares one load among a batch's records asking at once, and one after its time is up", async () => {
    // Prepare
    const store = new CountingRules([rule('ct', '"counterterrorism dialogue"')]);
    const clock = new FixedClock(new Date('2026-11-27T08:00:00.000Z'));
    const book = new RuleBook({ store, clock, ttlMs: 60_000 });

    // Act
    const batch = await Promise.all(Array.from({ length: 10 }, () => book.current()));
    clock.advance(60);
    await store.putRule(rule('tariffs', 'tariffs'));
    const nextBatch = await Promise.all(Array.from({ length: 10 }, () => book.current()));

    // Assess
    expect(store.listings).toBe(2);
    expect(new Set(batch).size).toBe(1);
    expect(new Set(nextBatch).size).toBe(1);
    expect(nextBatch[0]?.ruleSet.size).toBe(2);
  });

  it('lets the next caller try again after a load fails', async () => {
    // Prepare
    const store = new CountingRules([rule('ct', 'sanctions')]);
    const book = new RuleBook({ store, clock: new FixedClock(new Date()), ttlMs: 60_000 });
    const listRules = store.listRules.bind(store);
    store.listRules = async () => {
      store.listRules = listRules;
      throw new Error('throttled');
    };

    // Act
    const failed = await Promise.allSettled([book.current(), book.current()]);
    const retried = await book.current();

    // Assess
    expect(failed.map(({ status }) => status)).toEqual(['rejected', 'rejected']);
    expect(retried.ruleSet.size).toBe(1);
  });
});

describe('the rule book with precompiled rules', () => {
  it('compiles and saves the rules once; another process loads them without listing the rules', async () => {
    // Prepare
    const store = new CountingRules();
    await store.putRule(rule('ct', '"counterterrorism dialogue"'));
    await store.putRule(rule('broken', '(sanctions OR'));
    const index = new MemoryRuleIndex();
    const clock = new FixedClock(new Date('2026-11-27T08:00:00.000Z'));
    const first = new RuleBook({ store, index, clock, ttlMs: 60_000 });
    const reported: string[] = [];
    const coldStart = new RuleBook({
      store,
      index,
      clock,
      ttlMs: 60_000,
      onInvalidRule: ({ id }) => reported.push(id),
    });

    // Act
    await first.current();
    const loaded = await coldStart.current();
    const matches = loaded.ruleSet.match({ title: '', text: 'They resumed the counterterrorism dialogue.' });

    // Assess
    expect(store.listings).toBe(1);
    expect([index.saves, index.loads]).toEqual([1, 2]);
    expect(matches.map(({ ruleId }) => ruleId)).toEqual(['ct']);
    expect(loaded.rules.get('ct')?.name).toBe('ct');
    expect(reported).toEqual(['broken']);
  });

  it('compiles again when the rules changed since the saved index, and keeps what it has while they do not', async () => {
    // Prepare
    const store = new CountingRules([rule('first', 'sanctions')]);
    const index = new MemoryRuleIndex();
    const clock = new FixedClock(new Date('2026-11-27T08:00:00.000Z'));
    const book = new RuleBook({ store, index, clock, ttlMs: 60_000 });
    await book.current();

    // Act
    clock.advance(60);
    await book.current();
    const unchanged = { listings: store.listings, loads: index.loads };
    await store.putRule(rule('second', 'tariffs'));
    clock.advance(60);
    const changed = await book.current();

    // Assess
    expect(unchanged).toEqual({ listings: 1, loads: 1 });
    expect(changed.ruleSet.size).toBe(2);
    expect(store.listings).toBe(2);
    expect(index.saves).toBe(2);
    expect(JSON.parse(index.saved ?? '{}').version).toBe(1);
  });

  it('compiles the rules itself when the saved index cannot be read, and says so', async () => {
    // Prepare
    const store = new MemoryRules([rule('first', 'sanctions')]);
    const index = new MemoryRuleIndex();
    index.saved = '{"version": 0, "ruleSet": ';
    const errors: string[] = [];
    const book = new RuleBook({
      store,
      index,
      clock: new FixedClock(new Date()),
      ttlMs: 60_000,
      onIndexError: (action) => errors.push(action),
    });

    // Act
    const { ruleSet } = await book.current();

    // Assess
    expect(errors).toEqual(['load']);
    expect(ruleSet.match({ title: '', text: 'New sanctions.' }).map(({ ruleId }) => ruleId)).toEqual([
      'first',
    ]);
    expect(index.saves).toBe(1);
  });
});
