/**
 * `wirewatch bench e2e` on a small generated corpus: the local pipeline stores every article and
 * delivers every alert the corpus's ground truth expects, once, and the figures `--json` prints have
 * exactly the documented shape. Timing is not asserted: the machine's load decides it.
 */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EndToEndResult, main, percentile, runEndToEnd, trackAlerts } from '../../bench/e2e.ts';
import type { EmailDelivery } from '../../local/sns/sns-emulator.ts';
import { articleDocumentKey } from '../../shared/articles/storage-keys.ts';
import { CliError } from '../../tools/cli-error.ts';

let result: EndToEndResult;

beforeAll(async () => {
  result = await runEndToEnd({ articles: 40, feeds: 4, seed: 3 });
}, 300_000);

describe('bench e2e', () => {
  it('stores every article and delivers every expected alert exactly once, and nothing else', () => {
    // Assess
    expect(result.check.articlesStored).toBe(40);
    expect(result.check.alertsExpected).toBeGreaterThan(0);
    expect(result.check.missingAlerts).toEqual([]);
    expect(result.check.duplicatedAlerts).toEqual([]);
    expect(result.check.unexpectedAlerts).toEqual([]);
    expect(result.check.alertsDelivered).toBe(result.check.alertsExpected);
    expect(result.check.deadLetters).toBe(0);
  });

  it('reports exactly the documented figures, as numbers', () => {
    // Act
    const printed = JSON.parse(JSON.stringify(result.figures)) as Record<string, unknown>;

    // Assess
    expect(Object.keys(printed).toSorted()).toEqual(
      ['alertLatencyMs', 'articles', 'articlesPerSec', 'feeds', 'peakRssMb', 'seconds'].toSorted(),
    );
    expect(Object.keys(printed.alertLatencyMs as object).toSorted()).toEqual(['p50', 'p95']);
    expect(printed).toMatchObject({ articles: 40, feeds: 4 });
    const { p50, p95 } = result.figures.alertLatencyMs;
    expect(p50).toBeGreaterThanOrEqual(0);
    expect(p95).toBeGreaterThanOrEqual(p50);
    expect(result.figures.articlesPerSec).toBeGreaterThan(0);
    expect(result.figures.peakRssMb).toBeGreaterThan(0);
  });

  it('refuses more articles per feed than one poll takes, and numbers that are not whole', async () => {
    // Act
    const refusals = [
      main(['--articles', '1000', '--feeds', '2']),
      main(['--articles', 'many']),
      main(['--feeds', '0']),
    ];

    // Assess
    for (const refusal of refusals) await expect(refusal).rejects.toBeInstanceOf(CliError);
  });
});

describe('percentile', () => {
  it('takes the nearest rank, so p95 of 20 values is the 19th', () => {
    // Prepare
    const values = Array.from({ length: 20 }, (_, index) => index + 1);

    // Act
    const figures = [percentile(values, 0.5), percentile(values, 0.95), percentile([], 0.95)];

    // Assess
    expect(figures).toEqual([10, 19, 0]);
  });
});

describe('trackAlerts', () => {
  it('keeps when each article an alert is expected for was stored, no other article, and each email file', () => {
    // Prepare
    const s3 = new EventEmitter();
    const emailListeners: ((delivery: EmailDelivery) => void)[] = [];
    const sns = { onEmail: (listener: (delivery: EmailDelivery) => void) => emailListeners.push(listener) };
    const storedEvent = (articleId: string, eventTime: string) => ({
      Records: [{ eventTime, s3: { object: { key: articleDocumentKey(articleId, eventTime) } } }],
    });
    const bookkeeping = trackAlerts(new Map([['rule-a', ['alerting']]]), { s3, sns });

    // Act
    for (let index = 0; index < 1000; index++) {
      s3.emit('event', storedEvent(`quiet-${index}`, '2026-12-02T10:00:00.000Z'));
    }
    s3.emit('event', storedEvent('alerting', '2026-12-02T10:00:01.000Z'));
    s3.emit('event', storedEvent('alerting', '2026-12-02T10:00:05.000Z'));
    for (const listener of emailListeners) {
      listener({ messageId: 'message-1', file: '/outbox/1.eml' } as EmailDelivery);
    }

    // Assess: the first store counts, and the thousand articles no alert is expected for left nothing.
    expect([...bookkeeping.storedAt]).toEqual([['alerting', Date.parse('2026-12-02T10:00:01.000Z')]]);
    expect([...bookkeeping.emailFiles]).toEqual([['message-1', ['/outbox/1.eml']]]);
  });
});
