import { describe, expect, it } from 'vitest';
import { deliverAlertOnce } from '../../shared/pipeline/deliver-alert.ts';
import { anAlert, anArticle } from '../support/builders.ts';
import { FixedClock, MemoryLedger, RecordingPublisher } from '../support/in-memory-ports.ts';

function setup() {
  const ledger = new MemoryLedger();
  const publisher = new RecordingPublisher();
  const clock = new FixedClock(new Date('2026-11-27T08:00:00.000Z'));
  return { ledger, publisher, clock, deps: { ledger, publisher, clock, leaseSeconds: 60 } };
}

describe('exactly-once alert delivery', () => {
  it('records, publishes and marks an alert once; every later attempt stops at the record', async () => {
    // Prepare
    const { deps, publisher, ledger } = setup();

    // Act
    const first = await deliverAlertOnce(anAlert(), anArticle(), deps);
    const again = await deliverAlertOnce(anAlert(), anArticle(), deps);
    const afterUpdate = await deliverAlertOnce(
      anAlert(),
      anArticle({ title: 'Updated title', revision: 2 }),
      deps,
    );

    // Assess
    expect([first, again, afterUpdate]).toEqual(['sent', 'already-handled', 'already-handled']);
    expect(publisher.sent).toHaveLength(1);
    expect([...ledger.alerts.values()]).toMatchObject([{ status: 'published', messageId: 'message-1' }]);
  });

  it('retries a failed publish without a second record and sends it once', async () => {
    // Prepare
    const { deps, publisher, ledger } = setup();
    publisher.failuresLeft = 2;

    // Act
    await expect(deliverAlertOnce(anAlert(), anArticle(), deps)).rejects.toThrow('SNS is unavailable');
    await expect(deliverAlertOnce(anAlert(), anArticle(), deps)).rejects.toThrow('SNS is unavailable');
    const third = await deliverAlertOnce(anAlert(), anArticle(), deps);

    // Assess
    expect(third).toBe('sent');
    expect(publisher.sent).toHaveLength(1);
    expect(ledger.alerts.size).toBe(1);
    expect([...ledger.alerts.values()][0]).toMatchObject({ status: 'published', attempts: 3 });
  });

  it('recovers an alert left pending by a crash once its lease expires: sent once, not zero times', async () => {
    // Prepare: a delivery claimed the alert, then the process died before publishing.
    const { deps, publisher, ledger, clock } = setup();
    await ledger.claimAlert(anAlert(), clock.now().toISOString(), '2026-11-27T08:01:00.000Z');

    // Act
    const whileLeased = await deliverAlertOnce(anAlert(), anArticle(), deps);
    clock.advance(61);
    const afterLease = await deliverAlertOnce(anAlert(), anArticle(), deps);
    const later = await deliverAlertOnce(anAlert(), anArticle(), deps);

    // Assess
    expect([whileLeased, afterLease, later]).toEqual(['already-handled', 'sent', 'already-handled']);
    expect(publisher.sent).toHaveLength(1);
  });

  it('keeps the first match details when a retry claims the pending alert', async () => {
    // Prepare
    const { deps, publisher } = setup();
    publisher.failuresLeft = 1;
    await expect(deliverAlertOnce(anAlert({ snippet: 'first' }), anArticle(), deps)).rejects.toThrow();

    // Act
    await deliverAlertOnce(anAlert({ snippet: 'second' }), anArticle(), deps);

    // Assess
    expect(publisher.sent[0]?.message.match.snippet).toBe('first');
  });
});
