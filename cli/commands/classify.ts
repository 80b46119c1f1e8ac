/**
 * `wirewatch classify [--jsonl] [FILE|-]`: classifies {"id"?, "title", "text", "lang"?} documents (lang: a
 * BCP-47 tag such as "ur" or "zh-Hans" selects that language's profile; absent: English) and prints one
 * JSON object per document with its countries, country pairs (each with its relation on the CAMEO
 * QuadClass scale), primary pair and topics. With --jsonl the input is streamed line by line, so a
 * process handles any number of documents in bounded memory.
 */
import { createClassifier } from '../../shared/classification/classifier.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { readDocuments, writeJsonLine } from '../input.ts';

const USAGE = 'usage: wirewatch classify [--jsonl] [FILE|-]';

export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { jsonl: { type: 'boolean' } }, USAGE, true);
  if (positionals.length > 1) throw new CliError(`expected at most one input file\n${USAGE}`);
  const classifier = createClassifier();
  for await (const document of readDocuments(positionals[0], values.jsonl === true)) {
    const { countries, pairs, primaryPair, topics } = classifier.classify({
      title: document.title,
      text: document.text,
      lang: document.lang,
    });
    await writeJsonLine({ id: document.id ?? null, countries, pairs, primaryPair, topics });
  }
  return 0;
}
