import { describe, expect, it } from 'vitest';
import { newDigestSubscription } from '../../shared/alerts/digest-subscription.ts';
import { previousUtcDay, sendDailyDigests } from '../../shared/pipeline/send-daily-digests.ts';
import { anAlert, anArticle } from '../support/builders.ts';
import {
  MemoryAlertHistory,
  MemoryDigestLedger,
  MemorySubscriptions,
  RecordingDigestPublisher,
} from '../support/digest-fakes.ts';
import { FixedClock, MemoryCatalog, MemoryRules } from '../support/in-memory-ports.ts';

const DAY = '2026-11-27';

async function setup() {
  const catalog = new MemoryCatalog();
  for (const article of [
    anArticle({ id: 'pk-us', title: 'Pakistan and US resume talks' }),
    anArticle({
      id: 'in-pk',
      title: 'India and Pakistan talk trade',
      countries: [
        { code: 'IN', score: 0.9 },
        { code: 'PK', score: 0.8 },
      ],
      countryPairs: [{ pair: 'IN-PK', score: 0.9 }],
      primaryPair: 'IN-PK',
      topics: [{ id: 'trade', score: 0.8 }],
    }),
  ]) {
    catalog.articles.set(article.id, article);
  }
  const alerts = new MemoryAlertHistory([
    anAlert({ articleId: 'pk-us', ruleId: 'ct-dialogue', matchedAt: `${DAY}T09:00:00.000Z` }),
    anAlert({ articleId: 'in-pk', ruleId: 'ct-dialogue', matchedAt: `${DAY}T11:00:00.000Z` }),
    anAlert({ articleId: 'in-pk', ruleId: 'trade', ruleName: 'Trade', matchedAt: `${DAY}T11:00:00.000Z` }),
    // The days around it are not part of its digest.
    anAlert({
      articleId: 'pk-us',
      ruleId: 'trade',
      ruleName: 'Trade',
      matchedAt: '2026-11-26T23:59:59.999Z',
    }),
    anAlert({ articleId: 'in-pk', ruleId: 'arms', ruleName: 'Arms', matchedAt: '2026-11-28T00:00:00.000Z' }),
  ]);
  const rules = new MemoryRules(
    ['ct-dialogue', 'trade', 'arms'].map((id) => ({ id, name: id, query: id, createdAt: DAY })),
  );
  const subscriptions = new MemorySubscriptions();
  const ledger = new MemoryDigestLedger();
  const publisher = new RecordingDigestPublisher();
  const clock = new FixedClock(new Date('2026-11-28T06:00:00.000Z'));
  const deps = { subscriptions, rules, alerts, catalog, ledger, publisher, clock, leaseSeconds: 60 };
  return { deps, subscriptions, publisher, ledger, clock };
}

const subscribe = (email: string, filter = {}, createdAt = '2026-11-01T00:00:00.000Z') =>
  newDigestSubscription(email, filter, createdAt);

describe('sending the daily digests', () => {
  it("sends each subscriber the day's matches that pass their filter, grouped by rule", async () => {
    // Prepare
    const { deps, subscriptions, publisher } = await setup();
    await subscriptions.putSubscription(subscribe('everything@example.com'));
    await subscriptions.putSubscription(subscribe('pk-us@example.com', { pairs: ['PK-US'] }));
    await subscriptions.putSubscription(
      subscribe('trade@example.com', { rules: ['trade'], countries: ['IN'] }),
    );

    // Act
    const summary = await sendDailyDigests(DAY, deps);

    // Assess
    expect(summary).toEqual({ day: DAY, recipients: 3, sent: 3, alreadySent: 0, quiet: 0 });
    const byRecipient = new Map(publisher.sent.map((digest) => [digest.recipient, digest]));
    expect(byRecipient.get('everything@example.com')?.matchCount).toBe(3);
    expect(byRecipient.get('everything@example.com')?.body).toMatch(
      /== Counterterrorism dialogue \(2\) ==[\s\S]*Pakistan and US[\s\S]*India and Pakistan[\s\S]*== Trade \(1\) ==/,
    );
    expect(byRecipient.get('pk-us@example.com')?.matchCount).toBe(1);
    expect(byRecipient.get('pk-us@example.com')?.body).not.toContain('India and Pakistan');
    expect(byRecipient.get('trade@example.com')?.subject).toBe(
      '[wirewatch] Daily digest · 2026-11-27 · 1 match',
    );
  });

  it('sends one email per address and day, with the union of its subscriptions, even when run twice', async () => {
    // Prepare
    const { deps, subscriptions, publisher } = await setup();
    await subscriptions.putSubscription(subscribe('analyst@example.com', { rules: ['trade'] }));
    await subscriptions.putSubscription(subscribe('Analyst@example.com', { pairs: ['PK-US'] }, '2026-11-02'));

    // Act
    const first = await sendDailyDigests(DAY, deps);
    const second = await sendDailyDigests(DAY, deps);

    // Assess
    expect([first.sent, second.sent, second.alreadySent]).toEqual([1, 0, 1]);
    expect(publisher.sent).toHaveLength(1);
    expect(publisher.sent[0]).toMatchObject({ recipient: 'analyst@example.com', matchCount: 2 });
  });

  it('sends the others when one publish fails, and only the failed one on the rerun', async () => {
    // Prepare
    const { deps, subscriptions, publisher, ledger } = await setup();
    await subscriptions.putSubscription(subscribe('a@example.com'));
    await subscriptions.putSubscription(subscribe('b@example.com'));
    publisher.failOnceFor.add('a@example.com');

    // Act
    const failed = sendDailyDigests(DAY, deps);
    await expect(failed).rejects.toThrow(/1 of 2 digests for 2026-11-27 failed/);
    const rerun = await sendDailyDigests(DAY, deps);

    // Assess
    expect(rerun).toMatchObject({ sent: 1, alreadySent: 1 });
    expect(publisher.sent.map(({ recipient }) => recipient).sort()).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
    expect([...ledger.digests.values()]).toMatchObject([
      { status: 'published', attempts: 2 },
      { status: 'published', attempts: 1 },
    ]);
  });

  it('sends nothing to a subscriber whose filter matched nothing, nor on a quiet day', async () => {
    // Prepare
    const { deps, subscriptions, publisher, ledger } = await setup();
    await subscriptions.putSubscription(subscribe('quiet@example.com', { topics: ['space'] }));
    await subscriptions.putSubscription(subscribe('everything@example.com'));

    // Act
    const filtered = await sendDailyDigests(DAY, deps);
    const quietDay = await sendDailyDigests('2026-11-20', deps);

    // Assess
    expect(filtered).toMatchObject({ sent: 1, quiet: 1 });
    expect(quietDay).toMatchObject({ sent: 0, quiet: 2 });
    expect(publisher.sent.map(({ recipient }) => recipient)).toEqual(['everything@example.com']);
    expect(ledger.digests.size).toBe(1);
  });

  it('covers the UTC day before the scheduled time, and refuses a malformed day', async () => {
    // Prepare
    const { deps } = await setup();

    // Act
    const day = previousUtcDay(new Date('2026-11-28T06:00:00Z'));
    const newYear = previousUtcDay(new Date('2027-01-01T00:00:00Z'));

    // Assess
    expect([day, newYear]).toEqual(['2026-11-27', '2026-12-31']);
    await expect(sendDailyDigests('2026-02-30', deps)).rejects.toThrow(/YYYY-MM-DD/);
  });
});
