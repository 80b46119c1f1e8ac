/**
 * `wirewatch bench feeds [--json] [--data DIR] [--rounds N]`: feed parsing speed beside its peers, in
 * one process. Parses the rss-parser fixtures and feedparser's wellformed/ files with wirewatch's
 * parseFeed, rss-parser, @extractus/feed-extractor and a bare fast-xml-parser (`new XMLParser()`,
 * default options), all third-party libraries; a warm-up round, then rounds that alternate the order
 * of the parsers; reports each one's median MB/s per CPU-second of this process (one core), so other
 * load on the machine does not skew it. Every parser starts from the same input, the feed's bytes as fetched, and the
 * timing includes getting text out of them: wirewatch detects the charset and decodes (its real
 * work), each peer decodes as UTF-8 with a plain TextDecoder (the cheapest way, which the peers need
 * since they take strings). --json prints exactly
 * {"wirewatch": {"mbPerSec": x}, "rss-parser": {…}, "feed-extractor": {…}, "fast-xml-parser": {…}}.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFromXml } from '@extractus/feed-extractor';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { filesUnder } from '../evals/corpus-files.ts';
import { parseFeed } from '../shared/feeds/parse-feed.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';
import { alternatingRounds, cpuMs, median } from './measure.ts';

const USAGE = 'usage: wirewatch bench feeds [--json] [--data DIR] [--rounds N]';

type Peer = { name: string; parse: (bytes: Uint8Array) => Promise<unknown> | unknown };

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      data: { type: 'string', default: '../shared/data/feeds' },
      json: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '7' },
    },
    USAGE,
  );
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new CliError('--rounds takes a whole number ≥ 1');
  const rssParserInputs = join(values.data, 'rss-parser', 'test', 'input');
  const wellformed = join(values.data, 'feedparser', 'tests', 'wellformed');
  if (!existsSync(rssParserInputs) || !existsSync(wellformed)) {
    throw new CliError(
      `no feeds under ${values.data} (expected rss-parser/test/input and feedparser/tests/wellformed)`,
    );
  }
  const corpus = [...filesUnder(rssParserInputs), ...filesUnder(wellformed)]
    .sort()
    .map((path) => new Uint8Array(readFileSync(path)));
  const megabytes = corpus.reduce((sum, bytes) => sum + bytes.byteLength, 0) / 1e6;

  const rssParser = new Parser();
  const bareParser = new XMLParser();
  const utf8 = new TextDecoder('utf-8');
  const peers: Peer[] = [
    { name: 'wirewatch', parse: (bytes) => parseFeed(bytes, { url: 'http://127.0.0.1/feed' }) },
    { name: 'rss-parser', parse: (bytes) => rssParser.parseString(utf8.decode(bytes)) },
    { name: 'feed-extractor', parse: (bytes) => extractFromXml(utf8.decode(bytes)) },
    { name: 'fast-xml-parser', parse: (bytes) => bareParser.parse(utf8.decode(bytes)) },
  ];
  // Every parser meets broken feeds in the suite: a failure costs its time like a success.
  const cpuSecondsOnce = async (peer: Peer): Promise<number> => {
    const started = cpuMs();
    for (const bytes of corpus) {
      try {
        await peer.parse(bytes);
      } catch {}
    }
    return (cpuMs() - started) / 1000;
  };
  for (const peer of peers) await cpuSecondsOnce(peer);
  const seconds = await alternatingRounds(peers, rounds, cpuSecondsOnce);
  const result = Object.fromEntries(
    peers.map((peer, index) => [
      peer.name,
      { mbPerSec: Number((megabytes / median(seconds[index] ?? [])).toFixed(2)) },
    ]),
  ) as Record<string, { mbPerSec: number }>;
  if (values.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  const bare = result['fast-xml-parser']?.mbPerSec ?? 1;
  console.log(
    `${corpus.length} feeds, ${megabytes.toFixed(2)} MB; MB per CPU-second of one core, median of ${rounds} rounds alternating which runs first`,
  );
  console.log(
    'each parser gets the bytes and the time includes decoding them: wirewatch with charset detection, the peers as UTF-8 (TextDecoder)',
  );
  for (const peer of peers) {
    const speed = result[peer.name]?.mbPerSec ?? 0;
    console.log(
      `${peer.name.padEnd(16)} ${speed.toFixed(2).padStart(7)} MB/s  ${(speed / bare).toFixed(2)}× bare fast-xml-parser`,
    );
  }
  return 0;
}
