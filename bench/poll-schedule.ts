/**
 * How many polls a month of the workload takes under the polling policy the product runs
 * (`secondsToNextPoll` and `quietPollsAfter` in shared/polling/feed-state.ts), by simulating every
 * feed poll by poll: each feed publishes at its own steady rate (a Poisson process), a poll finds
 * what appeared since the previous one, and the policy decides when the feed is next due. The cost
 * model prices these polls (bench/cost-model.ts).
 *
 * What is assumed, not measured: how the articles are spread over the feeds. News sites differ by
 * orders of magnitude (a wire's world feed against a regional section), so feed k of n carries a
 * share proportional to 1 / k^s (Zipf); s = 1 by default (at the design workload the busiest feed
 * has about 2,900 articles a day, the median one 12, the quietest 6). Rates are steady around the
 * clock: real news is quieter at night, where the policy would save more, so this understates the
 * saving.
 */
import { type PollingPolicy, quietPollsAfter, secondsToNextPoll } from '../shared/polling/feed-state.ts';
import { type Random, seededRandom } from './seeded-random.ts';

export interface PollingWorkload {
  articlesPerDay: number;
  feeds: number;
  /** A feed's usual interval: the policy's minimum, which a feed without hints is polled at. */
  pollMinutes: number;
  days: number;
}

export interface FeedActivity {
  /** Feed k of n carries a share of the articles proportional to 1 / k^zipfExponent. */
  zipfExponent: number;
  seed: number;
}

export const DEFAULT_FEED_ACTIVITY: FeedActivity = { zipfExponent: 1, seed: 1 };

export interface PollCounts {
  polls: number;
  /** Polls that found at least one new article. */
  newsPolls: number;
  /** Articles the polls found: the simulated arrivals, close to articlesPerDay × days. */
  articles: number;
  /** Mean minutes from an article's appearing in its feed to the poll that finds it. */
  meanDelayMinutes: number;
}

/** Articles a day of each feed, busiest first, summing to `articlesPerDay`. */
export function feedRates(articlesPerDay: number, feeds: number, zipfExponent: number): number[] {
  const weights = Array.from({ length: feeds }, (_, rank) => 1 / (rank + 1) ** zipfExponent);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => (articlesPerDay * weight) / total);
}

/** A Poisson draw: Knuth's product method, or the normal approximation for large means (no underflow). */
function poisson(mean: number, random: Random): number {
  if (mean > 500) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const floor = Math.exp(-mean);
  let draws = 0;
  let product = random();
  while (product > floor) {
    draws += 1;
    product *= random();
  }
  return draws;
}

/** Simulates every feed's polls over `workload.days` under `policy`, from a seeded random source. */
export function simulatePolling(
  workload: PollingWorkload,
  policy: PollingPolicy,
  activity: FeedActivity = DEFAULT_FEED_ACTIVITY,
): PollCounts {
  const random = seededRandom(activity.seed);
  const feedPolicy = { ...policy, minIntervalSeconds: workload.pollMinutes * 60 };
  const end = workload.days * 86_400;
  let polls = 0;
  let newsPolls = 0;
  let articles = 0;
  let delaySeconds = 0;
  for (const perDay of feedRates(workload.articlesPerDay, workload.feeds, activity.zipfExponent)) {
    const perSecond = perDay / 86_400;
    // Feeds are registered at different times, so their schedules are spread over one interval.
    let previous = 0;
    let at = random() * feedPolicy.minIntervalSeconds;
    let quietPolls = 0;
    while (at < end) {
      const waited = at - previous;
      const found = poisson(perSecond * waited, random);
      polls += 1;
      if (found > 0) newsPolls += 1;
      articles += found;
      // Arrivals of a Poisson process are spread evenly over the wait: each waits half of it on average.
      delaySeconds += (found * waited) / 2;
      quietPolls = quietPollsAfter(quietPolls, found);
      previous = at;
      at += secondsToNextPoll({}, feedPolicy, quietPolls);
    }
  }
  return {
    polls,
    newsPolls,
    articles,
    meanDelayMinutes: articles === 0 ? 0 : delaySeconds / articles / 60,
  };
}
