/**
 * `wirewatch bench <name>`: benchmarks, each printing its numbers beside a peer library or an in-house
 * baseline measured in the same process; each is bench/<name>.ts.
 */
import { runSuites } from '../suites.ts';

export const main = (args: string[]) =>
  runSuites(
    'bench',
    {
      feeds: () => import('../../bench/feeds.ts'),
      'feed-dates': () => import('../../bench/feed-dates.ts'),
      extraction: () => import('../../bench/extraction.ts'),
      classify: () => import('../../bench/classify.ts'),
      match: () => import('../../bench/match.ts'),
      bundles: () => import('../../bench/bundles.ts'),
      e2e: () => import('../../bench/e2e.ts'),
      console: () => import('../../bench/console-views.ts'),
    },
    args,
  );
