/**
 * Rebuilds the news development set's texts outside the repository. The repository keeps each
 * article's provenance (evals/data/news/sources.jsonl) and labels (labels.jsonl), not its text, whose
 * licence does not allow it; this joins them with the texts of a checkout of the source corpus
 * (github.com/ramybaly/Article-Bias-Prediction, data/jsons/<ID>.json) into the JSONL that
 * `wirewatch eval news` reads.
 *
 *   npx tsx scripts/assemble-news-devset.ts --corpus DIR [--out ../devset-private/news.jsonl]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonLines } from '../evals/json-lines.ts';

const HERE = dirname(new URL(import.meta.url).pathname);
const DATA = join(HERE, '..', 'evals', 'data', 'news');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (values.corpus === undefined) throw new Error('give --corpus DIR, a checkout of the corpus');
  const out = values.out ?? join(HERE, '..', '..', 'devset-private', 'news.jsonl');
  const sources = await readJsonLines(join(DATA, 'sources.jsonl'));
  const labels = new Map(
    (await readJsonLines(join(DATA, 'labels.jsonl'))).map((row) => [row.id, row.labels]),
  );
  const lines: string[] = [];
  for (const source of sources) {
    const id = String(source.id);
    const file = join(values.corpus, 'data', 'jsons', `${id.replace(/^abp-/, '')}.json`);
    const article = JSON.parse(await readFile(file, 'utf8')) as { title: string; content_original: string };
    const articleLabels = labels.get(id);
    if (articleLabels === undefined) throw new Error(`no labels for ${id}`);
    lines.push(
      JSON.stringify({
        id,
        title: article.title.trim(),
        text: article.content_original,
        source: source.source,
        labels: articleLabels,
      }),
    );
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${lines.join('\n')}\n`);
  console.log(`${lines.length} articles written to ${out}`);
}

await main();
