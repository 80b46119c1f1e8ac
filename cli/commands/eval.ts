/** `wirewatch eval <name>`: quality evaluations over the corpora in ../shared/data; each is evals/<name>.ts. */
import { runSuites } from '../suites.ts';

export const main = (args: string[]) =>
  runSuites(
    'eval',
    {
      feeds: () => import('../../evals/feeds.ts'),
      extraction: () => import('../../evals/extraction.ts'),
      reuters: () => import('../../evals/reuters.ts'),
      'reuters-topics': () => import('../../evals/reuters-topics.ts'),
      news: () => import('../../evals/news.ts'),
      relations: () => import('../../evals/relations.ts'),
      multilingual: () => import('../../evals/multilingual.ts'),
    },
    args,
  );
