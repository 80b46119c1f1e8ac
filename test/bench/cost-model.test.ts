import { describe, expect, it } from 'vitest';
import {
  billedMs,
  billedMsPerRecord,
  DEFAULT_ASSUMPTIONS,
  estimateCost,
  type MeasuredFigures,
  PRICES,
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
