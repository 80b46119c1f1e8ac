/**
 * `wirewatch eval feeds [--data DIR] [--json]`: feed parsing quality. Runs parseFeed over feedparser's
 * test suite (DIR/feedparser/tests/<folder>/…), evaluating each file's `Expect:` expression split into
 * its top-level `and` terms, each a check (terms about fields wirewatch does not produce are counted as
 * not applicable); and compares items with rss-parser's expected outputs (DIR/rss-parser/test) on
 * title, link, guid, date and content. Prints a table, or with --json exactly
 * {"folders": {name: {files, applicable, passed, crashed}}, "rssParserAgreement": r}.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParsedFeed } from '../shared/feeds/feed.ts';
import { FeedParseError, parseFeed } from '../shared/feeds/parse-feed.ts';
import { decodeText } from '../shared/text/decode-text.ts';
import { CliError } from '../tools/cli-error.ts';
import { filesUnder } from './corpus-files.ts';
import {
  evaluate,
  NotApplicable,
  parseExpectation,
  splitConjuncts,
  truthy,
} from './feedparser-expectations.ts';
import { feedparserEnvironment } from './feedparser-view.ts';

export interface FolderScore {
  files: number;
  applicable: number;
  passed: number;
  crashed: number;
}

/** Slower than this counts as a hang: the eval cannot interrupt a synchronous parse, only time it. */
const HANG_MS = 2000;
/** Where feedparser's own test server serves the suite; relative Content-Location resolves against it. */
const SUITE_ORIGIN = 'http://127.0.0.1:8097/';

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string', default: '../shared/data/feeds' },
      json: { type: 'boolean', default: false },
      failures: { type: 'boolean', default: false },
    },
  });
  const dataDir = values.data;
  const suiteDir = join(dataDir, 'feedparser', 'tests');
  if (!existsSync(suiteDir))
    throw new CliError(
      `no feedparser suite at ${suiteDir} (give --data DIR holding feedparser/ and rss-parser/)`,
    );
  const { folders, failures } = scoreFeedparserSuite(suiteDir);
  const rssParserAgreement = scoreRssParserAgreement(join(dataDir, 'rss-parser', 'test'));
  if (values.json) {
    console.log(JSON.stringify({ folders, rssParserAgreement }));
    return 0;
  }
  const rows = Object.entries(folders).map(([name, score]) => [
    name,
    String(score.files),
    String(score.applicable),
    String(score.passed),
    score.applicable === 0 ? '-' : `${((100 * score.passed) / score.applicable).toFixed(1)}%`,
    String(score.crashed),
  ]);
  const header = ['folder', 'files', 'applicable', 'passed', 'pass rate', 'crashed'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  for (const row of [header, ...rows])
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
  if (values.failures) for (const failure of failures) console.log(failure);
  console.log(
    `\nrss-parser agreement (title, link, guid, date, content): ${(100 * rssParserAgreement).toFixed(1)}%`,
  );
  return 0;
}

interface TestHeader {
  expect: string;
  headers: Record<string, string>;
}

function readTestHeader(path: string, bytes: Uint8Array): TestHeader | null {
  const text = decodeText(bytes, { kind: path.endsWith('.json') ? 'json' : 'xml' }).text;
  const comment = path.endsWith('.json')
    ? /"__TEST__"\s*:\s*"([^"]*)"/.exec(text)?.[1]
    : /<!--([\s\S]*?)-->/.exec(text)?.[1];
  if (comment === undefined) return null;
  const expect = /Expect:\s*(.*?)\s*(?:-->|$)/m.exec(comment)?.[1];
  if (expect === undefined) return null;
  const headers: Record<string, string> = {};
  for (const match of comment.matchAll(/^\s*Header:\s*([\w-]+):\s*(.*?)\s*$/gm)) {
    headers[(match[1] ?? '').toLowerCase()] = match[2] ?? '';
  }
  return { expect, headers };
}

function feedUrl(path: string, suiteDir: string, contentLocation: string | undefined): string {
  const served = new URL(`tests/${relative(suiteDir, path).split(sep).join('/')}`, SUITE_ORIGIN).href;
  if (contentLocation === undefined) return served;
  try {
    const resolved = new URL(contentLocation, served);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : served;
  } catch {
    return served;
  }
}

/** Scores per folder, and one line per failed check or crash (file and the failing term). */
export function scoreFeedparserSuite(suiteDir: string): {
  folders: Record<string, FolderScore>;
  failures: string[];
} {
  const folders: Record<string, FolderScore> = {};
  const failures: string[] = [];
  for (const folder of readdirSync(suiteDir).sort()) {
    const folderDir = join(suiteDir, folder);
    if (!statSync(folderDir).isDirectory()) continue;
    const score: FolderScore = { files: 0, applicable: 0, passed: 0, crashed: 0 };
    folders[folder] = score;
    for (const path of filesUnder(folderDir)) {
      const bytes = new Uint8Array(readFileSync(path));
      const header = readTestHeader(path, bytes);
      if (header === null) continue;
      score.files++;
      const contentType = header.headers['content-type'] ?? null;
      const options = {
        url: feedUrl(path, suiteDir, header.headers['content-location']),
        contentType,
      };
      let feed: ParsedFeed | null = null;
      const started = performance.now();
      try {
        feed = parseFeed(bytes, options);
      } catch (error) {
        if (!(error instanceof FeedParseError)) {
          score.crashed++;
          failures.push(`${path}: crashed: ${(error as Error).message}`);
          continue;
        }
      }
      if (performance.now() - started > HANG_MS) {
        score.crashed++;
        failures.push(`${path}: took over ${HANG_MS} ms`);
        continue;
      }
      const decoded = decodeText(bytes, { kind: path.endsWith('.json') ? 'json' : 'xml', contentType });
      const environment = feedparserEnvironment(feed, decoded, bytes, {
        htmlFieldsApplicable: !path.split(sep).some((folder) => folder === 'sanitize' || folder === 'base'),
      });
      let checks: ReturnType<typeof splitConjuncts>;
      try {
        checks = splitConjuncts(parseExpectation(header.expect));
      } catch {
        continue;
      }
      for (const check of checks) {
        try {
          const passed = truthy(evaluate(check, environment));
          score.applicable++;
          if (passed) score.passed++;
          else failures.push(`${path}: ${header.expect}`);
        } catch (error) {
          if (error instanceof NotApplicable) continue;
          score.applicable++;
          failures.push(`${path}: ${header.expect} (${(error as Error).message})`);
        }
      }
    }
  }
  return { folders, failures };
}

type RssParserItem = Record<string, unknown>;

function normalise(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

function sameInstant(expected: unknown, ours: string | null): boolean {
  if (typeof expected !== 'string') return ours === null;
  return ours !== null && Date.parse(expected) === Date.parse(ours);
}

/** Share of (item, field) pairs where wirewatch agrees with rss-parser's expected output. */
export function scoreRssParserAgreement(testDir: string): number {
  const inputDir = join(testDir, 'input');
  if (!existsSync(inputDir)) return 0;
  let compared = 0;
  let agreed = 0;
  for (const name of readdirSync(inputDir).sort()) {
    const expectedPath = join(testDir, 'output', `${basename(name, '.rss')}.json`);
    if (!name.endsWith('.rss') || !existsSync(expectedPath)) continue;
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { feed?: { items?: RssParserItem[] } };
    let feed: ParsedFeed | null = null;
    try {
      feed = parseFeed(new Uint8Array(readFileSync(join(inputDir, name))), { url: 'http://127.0.0.1/feed' });
    } catch {
      feed = null;
    }
    for (const [index, item] of (expected.feed?.items ?? []).entries()) {
      const entry = feed?.entries[index];
      const fields: [string, boolean][] = [];
      if ('title' in item) fields.push(['title', normalise(item.title) === normalise(entry?.title ?? null)]);
      if ('link' in item) fields.push(['link', normalise(item.link) === normalise(entry?.link ?? null)]);
      if ('guid' in item || 'id' in item)
        fields.push(['guid', normalise(item.guid ?? item.id) === normalise(entry?.id ?? null)]);
      if ('isoDate' in item)
        fields.push(['date', sameInstant(item.isoDate, entry?.publishedAt ?? entry?.updatedAt ?? null)]);
      if ('content' in item) {
        const ours =
          feed?.format === 'atom'
            ? (entry?.contentHtml ?? entry?.summary)
            : (entry?.summary ?? entry?.contentHtml);
        fields.push(['content', normalise(item.content) === normalise(ours ?? null)]);
      }
      compared += fields.length;
      agreed += fields.filter(([, same]) => same).length;
    }
  }
  return compared === 0 ? 0 : agreed / compared;
}
