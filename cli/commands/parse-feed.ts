/**
 * `wirewatch parse-feed FILE|URL [--content-type TYPE] [--charset LABEL] [--max-entries N]`: parses
 * a feed file, or a feed fetched over HTTP(S), and prints the ParsedFeed as JSON on stdout.
 */
import { readFile } from 'node:fs/promises';
import { FeedParseError, parseFeed } from '../../shared/feeds/parse-feed.ts';
import { terminalJson } from '../../shared/text/terminal-text.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';

const USAGE =
  'usage: wirewatch parse-feed [--content-type TYPE] [--charset LABEL] [--max-entries N] FILE|URL';

const FETCH_LIMITS = { maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000 };

export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      'content-type': { type: 'string' },
      charset: { type: 'string' },
      'max-entries': { type: 'string' },
    },
    USAGE,
    true,
  );
  const [source] = positionals;
  if (source === undefined || positionals.length > 1) throw new CliError('expected one FILE or URL');
  const maxEntries = values['max-entries'] === undefined ? undefined : Number(values['max-entries']);
  if (maxEntries !== undefined && !(Number.isInteger(maxEntries) && maxEntries >= 0)) {
    throw new CliError('--max-entries takes a whole number');
  }
  const { body, url, contentType } = /^https?:\/\//i.test(source)
    ? await fetchFeed(source)
    : await readFeedFile(source);
  try {
    const feed = parseFeed(body, {
      url,
      contentType: values['content-type'] ?? contentType,
      charset: values.charset ?? null,
      ...(maxEntries === undefined ? {} : { maxEntries }),
    });
    console.log(terminalJson(JSON.stringify(feed, null, 2)));
    return 0;
  } catch (error) {
    if (error instanceof FeedParseError) throw new CliError(`${source}: ${error.code}: ${error.message}`, 1);
    throw error;
  }
}

async function readFeedFile(
  path: string,
): Promise<{ body: Uint8Array; url: string; contentType: string | null }> {
  try {
    const body = new Uint8Array(await readFile(path));
    return { body, url: new URL(path, `file://${process.cwd()}/`).href, contentType: null };
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

async function fetchFeed(
  url: string,
): Promise<{ body: Uint8Array; url: string; contentType: string | null }> {
  const { createNodeHttpClient } = await import('../../adapters/http/node-http-client.ts');
  const { FetchError } = await import('../../shared/ports/http-client.ts');
  try {
    const response = await createNodeHttpClient().get({ url, ...FETCH_LIMITS });
    if (response.status !== 200) throw new CliError(`${url}: HTTP ${response.status}`, 1);
    return { body: response.body, url: response.url, contentType: response.headers['content-type'] ?? null };
  } catch (error) {
    if (error instanceof FetchError) throw new CliError(`${url}: ${error.code}: ${error.message}`, 1);
    throw error;
  }
}
