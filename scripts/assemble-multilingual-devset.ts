/**
 * Rebuilds the texts of the multilingual development set outside the repository. The repository keeps
 * each article's provenance (evals/data/multilingual/<lang>/sources.jsonl) and labels (labels.jsonl);
 * a language whose texts may be redistributed keeps them there too (articles.jsonl) and needs nothing
 * from here. For the others this reads each article from a checkout of its source repository, at the
 * commit sources.jsonl names, and writes `OUT/<lang>.jsonl`, one
 * `{"id","title","text","lang","source","labels","half"}` per line, which `wirewatch eval
 * multilingual` reads.
 *
 *   npx tsx scripts/assemble-multilingual-devset.ts --corpus github.com/OWNER/NAME=DIR [--corpus …]
 *     [--lang ur,ar] [--out ../devset-private/multilingual]
 *
 * Each source's `dataset.format` says how its file holds the article (scripts/multilingual-sources.ts).
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readJsonLines } from '../evals/json-lines.ts';
import { READERS, type Source } from './multilingual-sources.ts';

const HERE = dirname(new URL(import.meta.url).pathname);
const DATA = join(HERE, '..', 'evals', 'data', 'multilingual');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', multiple: true },
      lang: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const checkouts = new Map(
    (values.corpus ?? []).map((pair) => {
      const [repo, dir] = pair.split('=');
      if (repo === undefined || dir === undefined) throw new Error(`--corpus wants REPO=DIR, got ${pair}`);
      return [repo, dir];
    }),
  );
  const out = values.out ?? join(HERE, '..', '..', 'devset-private', 'multilingual');
  const only = values.lang?.split(',');
  const langs = (await readdir(DATA, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && (only === undefined || only.includes(entry.name)))
    .map((entry) => entry.name)
    .sort();
  await mkdir(out, { recursive: true });
  for (const lang of langs) {
    const files = await readdir(join(DATA, lang));
    if (files.includes('articles.jsonl') || !files.includes('sources.jsonl')) continue;
    const labels = new Map(
      (await readJsonLines(join(DATA, lang, 'labels.jsonl'))).map((row) => [row.id, row]),
    );
    const lines: string[] = [];
    for (const row of await readJsonLines(join(DATA, lang, 'sources.jsonl'))) {
      const id = String(row.id);
      const source = row.source as Source;
      const { repo, commit, format } = source.dataset;
      const checkout = checkouts.get(repo);
      if (checkout === undefined)
        throw new Error(`${lang} ${id} needs --corpus ${repo}=DIR (a checkout at ${commit})`);
      const reader = READERS[format];
      if (reader === undefined) throw new Error(`${lang} ${id}: no reader for format ${format}`);
      const label = labels.get(id);
      if (label === undefined) throw new Error(`${lang} ${id} has no labels`);
      const { title, text } = await reader(checkout, source.dataset, source);
      lines.push(JSON.stringify({ id, title, text, lang, source, labels: label.labels, half: label.half }));
    }
    await writeFile(join(out, `${lang}.jsonl`), `${lines.join('\n')}\n`);
    console.log(`${lang}: ${lines.length} articles written to ${join(out, `${lang}.jsonl`)}`);
  }
}

await main();
