import { describe, expect, it } from 'vitest';
import {
  billedMs,
  billedMsPerRecord,
  DEFAULT_ASSUMPTIONS,
  estimateCost,
  estimateFixedCost,
  lambdaPlatformLines,
  type MeasuredFigures,
  monthTotal,
  PRICES,
  platformLogBytes,
  recordsPerBatch,
} from '../../bench/cost-model.ts';

const measured: MeasuredFigures = {
  writeUnitsPerArticle: 20,
  writeUnitsPerNewsPoll: 6,
  writeUnitsPerUnchangedPoll: 4,
  cpuMsPerNewsPoll: 100,
  cpuMsPerUnchangedPoll: 10,
  articlesPerNewsPoll: 5,
  cpuMsPerArticleFetch: 50,
  cpuMsPerClassification: 200,
  awsRoundTrips: { newsPoll: 0, unchangedPoll: 0, articleFetch: 0, classification: 0 },
  alertsPerArticle: 0.5,
  emailsPerArticle: 0.1,
  logBytes: {
    newsPoll: { lineBytesPerRecord: 600, emfBytesPerInvocation: 250 },
    unchangedPoll: { lineBytesPerRecord: 600, emfBytesPerInvocation: 250 },
    articleFetch: { lineBytesPerRecord: 700, emfBytesPerInvocation: 200 },
    classification: { lineBytesPerRecord: 800, emfBytesPerInvocation: 300 },
    dispatchRun: { lineBytesPerRecord: 500, emfBytesPerInvocation: 280 },
  },
};

const lineOf = (estimate: ReturnType<typeof estimateCost>, item: string) =>
  estimate.lines.find((line) => line.item === item);

describe('billed Lambda time', () => {
  it('stretches CPU time below a full vCPU and adds the time spent waiting', () => {
    // Act
    const full = billedMs(100, 1769, 0, 1769);
    const half = billedMs(100, 884.5, 50, 1769);
    const more = billedMs(100, 3538, 0, 1769);

    // Assess: half the memory gets half the CPU; more than a vCPU does not speed one thread up
    expect(full).toBe(100);
    expect(half).toBe(250);
    expect(more).toBe(100);
  });
});

describe('billed time per record', () => {
  it('adds each AWS round trip the handler waits for, priced at the assumed latency', () => {
    // Prepare: a classification of 200 ms CPU at a full vCPU that waits for 12 round trips of 10 ms
    const settings = {
      memoryMiB: { fetchFeed: 1769, fetchArticle: 1769, classifyArticle: 1769 },
      networkWaitMs: { feedPoll: 0, pageFetch: 0 },
      awsRoundTripMs: 10,
      fullVcpuMiB: 1769,
    };
    const waiting = { ...measured, awsRoundTrips: { ...measured.awsRoundTrips, classification: 12 } };

    // Act
    const without = billedMsPerRecord(measured, settings);
    const withWaits = billedMsPerRecord(waiting, settings);

    // Assess
    expect(without.classification).toBe(200);
    expect(withWaits.classification).toBe(320);
    expect(withWaits.articleFetch).toBe(without.articleFetch);
  });
});

describe('the cost model', () => {
  it('prices article and poll writes from the measured write units', () => {
    // Prepare: 1,000 articles a day from one feed polled every 15 minutes for 10 days, each poll with news
    const workload = { articlesPerDay: 1000, feeds: 1, pollMinutes: 15, days: 10 };
    const polls = { polls: 960, newsPolls: 960, articles: 10_000, meanDelayMinutes: 7.5 };

    // Act
    const estimate = estimateCost(workload, measured, DEFAULT_ASSUMPTIONS, polls);

    // Assess
    expect(estimate.articles).toBe(10_000);
    expect(estimate.polls).toBe(960);
    expect(lineOf(estimate, 'write units, articles')?.quantity).toBe(200_000);
    expect(lineOf(estimate, 'write units, feed polls')?.quantity).toBe(960 * 6);
    expect(lineOf(estimate, 'write units, articles')?.usd).toBeCloseTo(
      200_000 * PRICES.dynamodbWriteUnit.usd,
      10,
    );
  });

  it('splits polls into those that bring news and those that find the feed unchanged', () => {
    // Prepare: 100 articles a day in 20 polls with news, out of 960 polls a day
    const workload = { articlesPerDay: 100, feeds: 10, pollMinutes: 15, days: 1 };
    const polls = { polls: 960, newsPolls: 20, articles: 100, meanDelayMinutes: 7.5 };

    // Act
    const estimate = estimateCost(workload, measured, DEFAULT_ASSUMPTIONS, polls);

    // Assess
    expect(lineOf(estimate, 'write units, feed polls')?.quantity).toBe(20 * 6 + 940 * 4);
  });

  it('prices the polls that the polling policy makes: fewer than a fixed schedule when feeds are quiet', () => {
    // Prepare: 50 feeds with 2 articles a day each on average, for a week
    const workload = { articlesPerDay: 100, feeds: 50, pollMinutes: 15, days: 7 };
    const fixedSchedule = {
      ...DEFAULT_ASSUMPTIONS,
      pollingPolicy: { ...DEFAULT_ASSUMPTIONS.pollingPolicy, maxQuietBackoff: 1 },
    };

    // Act
    const adaptive = estimateCost(workload, measured);
    const fixed = estimateCost(workload, measured, fixedSchedule);

    // Assess
    expect(fixed.polls).toBe(50 * 96 * 7);
    expect(adaptive.polls).toBeLessThan(fixed.polls / 2);
    expect(adaptive.totalUsd).toBeLessThan(fixed.totalUsd);
  });

  it('bills Lambda in GB-seconds at the configured memory, and totals every line', () => {
    // Prepare
    const workload = { articlesPerDay: 1000, feeds: 1, pollMinutes: 15, days: 1 };
    const assumptions = {
      ...DEFAULT_ASSUMPTIONS,
      memoryMiB: { ...DEFAULT_ASSUMPTIONS.memoryMiB, classifyArticle: 1769 },
    };

    // Act
    const estimate = estimateCost(workload, measured, assumptions);

    // Assess: 1,000 classifications of 200 ms at 1,769 MiB
    expect(lineOf(estimate, 'GB-seconds, classifyArticle')?.quantity).toBeCloseTo(
      1000 * 0.2 * (1769 / 1024),
      6,
    );
    const sum = estimate.lines.reduce((total, line) => total + line.usd, 0);
    expect(estimate.totalUsd).toBeCloseTo(sum, 10);
    expect(estimate.usdPer100kArticles).toBeCloseTo((sum / 1000) * 100_000, 10);
  });
});

describe('invocations', () => {
  it('takes as many records as arrive at once, at least one and at most a full batch', () => {
    // Act and Assess
    expect(recordsPerBatch(2.5, 10)).toBe(2.5);
    expect(recordsPerBatch(83, 5)).toBe(5);
    expect(recordsPerBatch(0.2, 10)).toBe(1);
  });

  it("fills fetch-feed's batches and hands a poll's new articles on together", () => {
    // Prepare: 30 days of 288 dispatch runs (every 5 minutes), 8,640 runs; 864,000 polls (100 a run),
    // 200,000 of them with news bringing 500,000 articles (2.5 a poll)
    const workload = { articlesPerDay: 500_000 / 30, feeds: 1000, pollMinutes: 15, days: 30 };
    const polls = { polls: 864_000, newsPolls: 200_000, articles: 500_000, meanDelayMinutes: 7.5 };

    // Act
    const estimate = estimateCost(workload, measured, { ...DEFAULT_ASSUMPTIONS, tracing: true }, polls);

    // Assess: 864,000 / 5 fetch-feed invocations, 500,000 / 2.5 of each article function, 8,640 dispatch runs
    expect(estimate.recordsPerInvocation).toEqual({ fetchFeed: 5, fetchArticle: 2.5, classifyArticle: 2.5 });
    const invocations = 172_800 + 200_000 + 200_000 + 8640;
    expect(lineOf(estimate, 'invocations')?.quantity).toBeCloseTo(invocations, 6);
    expect(lineOf(estimate, 'traces (every invocation: the stage traces)')?.quantity).toBeCloseTo(
      invocations,
      6,
    );
    // SQS: 8,640 × 10 feed-job sends, 200,000 article-job sends, 500,000 S3 notifications, a receive and
    // a delete per consumer invocation (2 × 572,800), 3 queues × 15 idle receives a minute
    const sqsRequests = 86_400 + 200_000 + 500_000 + 1_145_600 + 1_944_000;
    expect(lineOf(estimate, 'requests')?.quantity).toBeCloseTo(sqsRequests, 6);
  });
});

describe('X-Ray', () => {
  it("prices no trace when the stage's tracing is off, and one per invocation when it is on", () => {
    // Prepare
    const workload = { articlesPerDay: 20_000, feeds: 500, pollMinutes: 15, days: 30 };

    // Act
    const off = estimateCost(workload, measured, { ...DEFAULT_ASSUMPTIONS, tracing: false });
    const on = estimateCost(workload, measured, { ...DEFAULT_ASSUMPTIONS, tracing: true });

    // Assess
    const traces = (estimate: typeof on) => estimate.lines.find((line) => line.service === 'X-Ray');
    expect(traces(off)?.usd).toBe(0);
    expect(traces(on)?.quantity).toBeCloseTo(lineOf(on, 'invocations')?.quantity ?? Number.NaN, 6);
    expect(traces(on)?.usd).toBeGreaterThan(0);
  });
});

describe('CloudWatch Logs', () => {
  it("sizes Lambda's START, END and REPORT lines from their documented format, X-Ray part when traced", () => {
    // Assess: 71 + 52 + 147 (REPORT) bytes, and 93 for the REPORT line's X-Ray part, counted by hand
    expect(lambdaPlatformLines(false).join('')).toHaveLength(270);
    expect(lambdaPlatformLines(true).join('')).toHaveLength(363);
    expect(platformLogBytes(false)).toBe(270);
  });

  it("prices each record's lines, and each invocation's metric blob and Lambda's lines", () => {
    // Prepare: one day, 288 dispatch runs of 100 polls (28,800), 10,000 with news bringing 25,000
    // articles; an unchanged poll logs less; Lambda's own lines 270 bytes an invocation (not traced)
    const workload = { articlesPerDay: 25_000, feeds: 300, pollMinutes: 15, days: 1 };
    const polls = { polls: 28_800, newsPolls: 10_000, articles: 25_000, meanDelayMinutes: 7.5 };
    const quietPolls = {
      ...measured,
      logBytes: {
        ...measured.logBytes,
        unchangedPoll: { lineBytesPerRecord: 500, emfBytesPerInvocation: 200 },
      },
    };
    const assumptions = { ...DEFAULT_ASSUMPTIONS, tracing: false };

    // Act
    const estimate = estimateCost(workload, quietPolls, assumptions, polls);

    // Assess: fetch-feed 10,000 × 600 + 18,800 × 500 + 5,760 invocations × (a blob of
    // (10,000 × 250 + 18,800 × 200) / 28,800 + 270); fetch-article 25,000 × 700 + 10,000 invocations
    // (2.5 articles each) × (200 + 270); classify 25,000 × 800 + 10,000 × (300 + 270); dispatch
    // 288 × (500 + 280 + 270)
    const gb = (item: string) => lineOf(estimate, `GB ingested, ${item}`)?.quantity;
    expect(gb('fetchFeed')).toBeCloseTo((6_000_000 + 9_400_000 + 2_807_200) / 1e9, 12);
    expect(gb('fetchArticle')).toBeCloseTo((17_500_000 + 4_700_000) / 1e9, 12);
    expect(gb('classifyArticle')).toBeCloseTo((20_000_000 + 5_700_000) / 1e9, 12);
    expect(gb('dispatchFeeds')).toBeCloseTo(302_400 / 1e9, 12);
    expect(lineOf(estimate, 'GB ingested, classifyArticle')?.usd).toBeCloseTo(0.0257 * 0.5, 12);
  });
});

describe('fixed costs of a stage', () => {
  it('prices alarms, dashboards, custom metrics and keys by the month', () => {
    // Prepare
    const resources = { alarmMetrics: 36, dashboards: 1, customMetrics: 9, customerManagedKeys: 1 };

    // Act
    const month = estimateFixedCost(resources, 30);
    const fortnight = estimateFixedCost(resources, 15);

    // Assess: 36 × $0.10 + $3 + 9 × $0.30 + $1, and half of it for half a month
    expect(month.lines.map((line) => line.usd)).toEqual([
      expect.closeTo(3.6, 10),
      expect.closeTo(3, 10),
      expect.closeTo(2.7, 10),
      expect.closeTo(1, 10),
    ]);
    expect(month.totalUsd).toBeCloseTo(10.3, 10);
    expect(fortnight.totalUsd).toBeCloseTo(5.15, 10);
  });

  it('adds the fixed part to the month, per 100,000 articles at its volume', () => {
    // Prepare: a volume part of $30 for 600,000 articles, a fixed part of $12
    const workload = { articlesPerDay: 20_000, feeds: 500, pollMinutes: 15, days: 30 };
    const estimate = { ...estimateCost(workload, measured), totalUsd: 30 };
    const fixed = { lines: [], totalUsd: 12 };

    // Act
    const month = monthTotal(estimate, fixed);

    // Assess: $42 for 600,000 articles is $7 per 100,000
    expect(month.totalUsd).toBe(42);
    expect(month.usdPer100kArticles).toBeCloseTo(7, 10);
  });
});
