import { describe, expect, it } from 'vitest';
import type { MeasuredFigures } from '../../bench/cost-model.ts';
import { defaultScaleInputs, limitsAtScale, loadAt, type ScaleInputs } from '../../bench/scale-simulation.ts';

const measured: MeasuredFigures = {
  writeUnitsPerArticle: 20,
  writeUnitsPerNewsPoll: 6,
  writeUnitsPerUnchangedPoll: 6,
  cpuMsPerNewsPoll: 100,
  cpuMsPerUnchangedPoll: 100,
  articlesPerNewsPoll: 1,
  cpuMsPerArticleFetch: 0,
  cpuMsPerClassification: 500,
  awsRoundTrips: { newsPoll: 0, unchangedPoll: 0, articleFetch: 0, classification: 0 },
  alertsPerArticle: 0,
  emailsPerArticle: 0,
  logBytes: {
    newsPoll: { lineBytesPerRecord: 0, emfBytesPerInvocation: 0 },
    unchangedPoll: { lineBytesPerRecord: 0, emfBytesPerInvocation: 0 },
    articleFetch: { lineBytesPerRecord: 0, emfBytesPerInvocation: 0 },
    classification: { lineBytesPerRecord: 0, emfBytesPerInvocation: 0 },
    dispatchRun: { lineBytesPerRecord: 0, emfBytesPerInvocation: 0 },
  },
};

/** 86,400 articles a day (one a second on average) from 900 feeds polled every 15 minutes (one poll a second). */
function inputs(overrides: Partial<ScaleInputs> = {}): ScaleInputs {
  return {
    ...defaultScaleInputs({ articlesPerDay: 86_400, feeds: 900, pollMinutes: 15, days: 1 }, measured, 0.5),
    peakFactor: 2,
    maxConcurrency: { fetchFeed: 10, fetchArticle: 10, classifyArticle: 10 },
    memoryMiB: { fetchFeed: 1769, fetchArticle: 1769, classifyArticle: 1769 },
    networkWaitMs: { feedPoll: 400, pageFetch: 1000 },
    ...overrides,
  };
}

const limit = (all: ReturnType<typeof limitsAtScale>, name: string) => {
  const found = all.find((each) => each.limit.startsWith(name));
  if (found === undefined) throw new Error(`no limit ${name}`);
  return found;
};

describe('the scale simulation', () => {
  it("needs concurrency by Little's law: arrivals per second times seconds per record", () => {
    // Act
    const limits = limitsAtScale(inputs());

    // Assess: 2 articles/s at peak × 0.5 s classification = 1; 2 × 1 s page fetch = 2; 1 poll/s × 0.5 s
    expect(limit(limits, 'classify-article').loadAtDesign).toBeCloseTo(1, 10);
    expect(limit(limits, 'fetch-article').loadAtDesign).toBeCloseTo(2, 10);
    expect(limit(limits, 'fetch-feed').loadAtDesign).toBeCloseTo(0.5, 10);
    expect(limit(limits, 'fetch-article').reachedAt).toBeCloseTo(5, 10);
  });

  it('puts the busiest label share of peak articles on one gsi1 partition, and two units per poll on the feed list', () => {
    // Act
    const limits = limitsAtScale(inputs());

    // Assess
    expect(limit(limits, 'busiest label').loadAtDesign).toBeCloseTo(1, 10);
    expect(limit(limits, 'busiest label').reachedAt).toBeCloseTo(1000, 6);
    expect(limit(limits, 'FEEDS#active').loadAtDesign).toBeCloseTo(2, 10);
  });

  it('caps polls at the feeds one dispatch run may lease, once per dispatch period', () => {
    // Act
    const limits = limitsAtScale(inputs({ dispatchMaxFeedsPerRun: 600 }));

    // Assess: 600 feeds every 5 minutes is 2 polls a second; the design volume here polls once a second
    expect(limit(limits, 'dispatch-feeds: feeds per run').capacity).toBeCloseTo(2, 10);
    expect(limit(limits, 'dispatch-feeds: feeds per run').reachedAt).toBeCloseTo(2, 10);
  });

  it('caps polls at the feeds one dispatch run can lease in parallel batches within its timeout', () => {
    // Act
    const limits = limitsAtScale(
      inputs({ dispatchConcurrentBatches: 3, dispatchBatchMs: 100, dispatchTimeoutSeconds: 60 }),
    );

    // Assess: 600 batch rounds of 3 × 10 feeds is 18,000 feeds per 5-minute run, 60 polls a second
    expect(limit(limits, 'dispatch-feeds: leasing').capacity).toBeCloseTo(60, 10);
    expect(limit(limits, 'dispatch-feeds: leasing').reachedAt).toBeCloseTo(60, 10);
  });

  it('lists the nearest limit first and scales the load linearly with volume', () => {
    // Act
    const limits = limitsAtScale(inputs());
    const first = limits[0];

    // Assess
    expect(limits.map((each) => each.reachedAt)).toEqual(
      [...limits.map((each) => each.reachedAt)].sort((a, b) => a - b),
    );
    expect(first).toBeDefined();
    if (first === undefined) return;
    expect(loadAt(first, 10).load).toBeCloseTo(first.loadAtDesign * 10, 10);
    expect(loadAt(first, first.reachedAt).utilization).toBeCloseTo(1, 10);
  });

  it('measures how much of the clustering window the newest 50 candidates of a band reach', () => {
    // Prepare: 86,400 articles a day over 65,536 values of a 16-bit band is about 1.32 a day per value
    const limits = limitsAtScale(inputs());

    // Act
    const lookBack = limit(limits, 'clustering look-back');

    // Assess: 50 candidates reach 50 / 1.32 days; the window is 7 days, so about 5.4 times this volume
    expect(lookBack.reachedAt).toBeCloseTo(50 / (86_400 / 65_536) / 7, 10);
  });
});
