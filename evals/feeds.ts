/**
 * `wirewatch eval feeds [--data DIR] [--json] [--failures]`: feed parsing quality. Runs parseFeed over
 * feedparser's test suite (DIR/feedparser/tests/<folder>/…) and evaluates each file's `Expect:`
 * expression, split into its top-level `and` terms, each a check. Per folder it reports the share of
 * files that pass, over the files whose expectation tests a field wirewatch produces: a file passes
 * when every such check passes; checks about fields wirewatch does not produce are left out, and a
 * file with none left is not counted; an expectation the eval cannot parse, or a crash, fails the
 * file. The bare `not bozo` term, in nearly every expectation, is its own line rather than part of
 * every folder's rate. It also compares items with rss-parser's expected outputs (DIR/rss-parser/test)
 * on title, link, guid, date and content. parseFeed was developed with both suites at hand: these are
 * development figures, not held-out ones. --json prints exactly {"folders": {name: {files,
 * applicable, passed, crashed, unparsable}}, "notBozo": {files, passed}, "rssParserAgreement": r}.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { ParsedFeed } from '../shared/feeds/feed.ts';
import { FeedParseError, parseFeed } from '../shared/feeds/parse-feed.ts';
import { decodeText } from '../shared/text/decode-text.ts';
import { parseCommandArgs } from '../tools/cli-arguments.ts';
import { CliError } from '../tools/cli-error.ts';
import { filesUnder } from './corpus-files.ts';
import {
  type Environment,
  evaluate,
  isBareNotBozo,
  NotApplicable,
  parseExpectation,
  readsResult,
  splitConjuncts,
  truthy,
} from './feedparser-expectations.ts';
import { feedparserEnvironment } from './feedparser-view.ts';

const USAGE = 'usage: wirewatch eval feeds [--data DIR] [--json] [--failures]';

export interface FolderScore {
  /** Files with an `Expect:` line. */
  files: number;
  /** Files whose expectation tests a field wirewatch produces, or cannot be parsed, or that crashed. */
  applicable: number;
  /** Applicable files whose every applicable check passed. */
  passed: number;
  crashed: number;
  /** Expectations the eval cannot parse: each fails its file. */
  unparsable: number;
}

/** The bare `not bozo` check: files whose expectation has it, and those read without error. */
export interface NotBozoScore {
  files: number;
  passed: number;
}

export interface SuiteScores {
  folders: Record<string, FolderScore>;
  notBozo: NotBozoScore;
  /** One line per failed file: its path, its expectation and why. */
  failures: string[];
}

/** Slower than this counts as a hang: the eval cannot interrupt a synchronous parse, only time it. */
const HANG_MS = 2000;
/** Where feedparser's own test server serves the suite; relative Content-Location resolves against it. */
const SUITE_ORIGIN = 'http://127.0.0.1:8097/';

export async function main(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      data: { type: 'string', default: '../shared/data/feeds' },
      json: { type: 'boolean', default: false },
      failures: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const dataDir = values.data;
  const suiteDir = join(dataDir, 'feedparser', 'tests');
  if (!existsSync(suiteDir))
    throw new CliError(
      `no feedparser suite at ${suiteDir} (give --data DIR holding feedparser/ and rss-parser/)`,
    );
  const { folders, notBozo, failures } = scoreFeedparserSuite(suiteDir);
  const rssParserAgreement = scoreRssParserAgreement(join(dataDir, 'rss-parser', 'test'));
  if (values.json) {
    console.log(JSON.stringify({ folders, notBozo, rssParserAgreement }));
    return 0;
  }
  console.log(
    `feedparser's test suite (${suiteDir}) and rss-parser's fixtures; parseFeed was developed with both at hand, so these are development figures, not held-out ones`,
  );
  console.log(
    "files that pass, over the files whose Expect: tests a field wirewatch produces; unparsable expectations and crashes fail; bare 'not bozo' apart",
  );
  const rows = Object.entries(folders).map(([name, score]) => [
    name,
    String(score.files),
    String(score.applicable),
    String(score.passed),
    percent(score.passed, score.applicable),
    String(score.unparsable),
    String(score.crashed),
  ]);
  const header = ['folder', 'files', 'applicable', 'passed', 'pass rate', 'unparsable', 'crashed'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  for (const row of [header, ...rows])
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
  console.log(
    `\nnot bozo (the bare check): ${notBozo.passed} of ${notBozo.files} files that expect it read without error (${percent(notBozo.passed, notBozo.files)})`,
  );
  console.log(
    `rss-parser agreement (title, link, guid, date, content): ${(100 * rssParserAgreement).toFixed(1)}%`,
  );
  if (values.failures) for (const failure of failures) console.log(failure);
  return 0;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
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

/** What parsing one suite file gave: the feedparser view of the result, or why there is none. */
function readSuiteFile(
  path: string,
  bytes: Uint8Array,
  header: TestHeader,
  suiteDir: string,
): { environment: Environment } | { crash: string } {
  const contentType = header.headers['content-type'] ?? null;
  const options = { url: feedUrl(path, suiteDir, header.headers['content-location']), contentType };
  let feed: ParsedFeed | null = null;
  const started = performance.now();
  try {
    feed = parseFeed(bytes, options);
  } catch (error) {
    if (!(error instanceof FeedParseError)) return { crash: `crashed: ${(error as Error).message}` };
  }
  if (performance.now() - started > HANG_MS) return { crash: `took over ${HANG_MS} ms` };
  const decoded = decodeText(bytes, { kind: path.endsWith('.json') ? 'json' : 'xml', contentType });
  return {
    environment: feedparserEnvironment(feed, decoded, bytes, {
      htmlFieldsApplicable: !path.split(sep).some((folder) => folder === 'sanitize' || folder === 'base'),
    }),
  };
}

/** A check's outcome: passed, failed (with why), or not applicable to what wirewatch produces. */
function runCheck(
  check: ReturnType<typeof parseExpectation>,
  environment: Environment,
): 'passed' | 'not applicable' | { failed: string } {
  if (!readsResult(check)) return 'not applicable';
  try {
    return truthy(evaluate(check, environment)) ? 'passed' : { failed: 'false' };
  } catch (error) {
    if (error instanceof NotApplicable) return 'not applicable';
    return { failed: (error as Error).message };
  }
}

/** Scores per folder, the bare `not bozo` check, and one line per failed file. */
export function scoreFeedparserSuite(suiteDir: string): SuiteScores {
  const folders: Record<string, FolderScore> = {};
  const notBozo: NotBozoScore = { files: 0, passed: 0 };
  const failures: string[] = [];
  for (const folder of readdirSync(suiteDir).sort()) {
    const folderDir = join(suiteDir, folder);
    if (!statSync(folderDir).isDirectory()) continue;
    const score: FolderScore = { files: 0, applicable: 0, passed: 0, crashed: 0, unparsable: 0 };
    folders[folder] = score;
    for (const path of filesUnder(folderDir)) {
      const bytes = new Uint8Array(readFileSync(path));
      const header = readTestHeader(path, bytes);
      if (header === null) continue;
      score.files++;
      let checks: ReturnType<typeof splitConjuncts>;
      try {
        checks = splitConjuncts(parseExpectation(header.expect));
      } catch (error) {
        score.applicable++;
        score.unparsable++;
        failures.push(`${path}: cannot parse ${header.expect} (${(error as Error).message})`);
        continue;
      }
      const notBozoChecks = checks.filter(isBareNotBozo);
      const fieldChecks = checks.filter((check) => !isBareNotBozo(check));
      if (notBozoChecks.length > 0) notBozo.files++;
      const read = readSuiteFile(path, bytes, header, suiteDir);
      if ('crash' in read) {
        score.applicable++;
        score.crashed++;
        failures.push(`${path}: ${read.crash}`);
        continue;
      }
      if (notBozoChecks.length > 0) {
        if (notBozoChecks.every((check) => runCheck(check, read.environment) === 'passed')) notBozo.passed++;
        else failures.push(`${path}: ${header.expect} (bozo)`);
      }
      const outcomes = fieldChecks
        .map((check) => runCheck(check, read.environment))
        .filter((outcome) => outcome !== 'not applicable');
      if (outcomes.length === 0) continue;
      score.applicable++;
      const failed = outcomes.flatMap((outcome) => (outcome === 'passed' ? [] : [outcome.failed]));
      if (failed.length === 0) score.passed++;
      else failures.push(`${path}: ${header.expect} (${failed.join('; ')})`);
    }
  }
  return { folders, notBozo, failures };
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
