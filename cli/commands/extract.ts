/**
 * `wirewatch extract [--url URL] FILE|URL`: extracts the article from a saved page (`.html` or
 * `.html.gz`) or from a page fetched over http(s), and prints it as JSON. For a file, the page URL is
 * `--url` when given (it decides which canonical links are same-site), else the file's own `file://`
 * URL; for a fetched page it is the address that answered, after redirects.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ExtractionError, extractArticle } from '../../shared/extraction/extract-article.ts';
import { FetchError } from '../../shared/ports/http-client.ts';
import { decodeText } from '../../shared/text/decode-text.ts';
import { terminalJson } from '../../shared/text/terminal-text.ts';
import { parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';

const USAGE = 'usage: wirewatch extract [--url URL] FILE|URL';

interface Page {
  readonly url: string;
  readonly html: string;
}

// Article pages larger than this are galleries or archives, not articles.
const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 20_000;
const WEB_URL = /^https?:\/\//i;

async function fetchPage(url: string): Promise<Page> {
  // Loaded only for URLs: reading a saved page needs no network stack.
  const { createNodeHttpClient } = await import('../../adapters/http/node-http-client.ts');
  try {
    const response = await createNodeHttpClient().get({
      url,
      maxBytes: MAX_PAGE_BYTES,
      timeoutMs: FETCH_TIMEOUT_MS,
    });
    if (response.status !== 200) throw new CliError(`${url}: HTTP ${response.status}`, 1);
    const contentType = response.headers['content-type'] ?? null;
    return { url: response.url, html: decodeText(response.body, { contentType, kind: 'html' }).text };
  } catch (error) {
    if (error instanceof FetchError) throw new CliError(`${url}: ${error.message} (${error.code})`, 1);
    throw error;
  }
}

function checkedUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    throw new CliError(`--url: not a URL: ${value}`);
  }
}

async function readPageFile(path: string, url: string | undefined): Promise<Page> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (path.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new CliError(`${path}: not a valid gzip file`);
    }
  }
  return {
    url: url ?? pathToFileURL(resolve(path)).href,
    html: decodeText(bytes, { kind: 'html' }).text,
  };
}

export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { url: { type: 'string' } }, USAGE, true);
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) throw new CliError(USAGE);
  const url = values.url === undefined ? undefined : checkedUrl(values.url);
  const page = WEB_URL.test(source) ? await fetchPage(source) : await readPageFile(source, url);
  try {
    const article = extractArticle(page.html, { url: page.url });
    const { canonicalUrl, title, byline, publishedAt, lang, text, siteName } = article;
    console.log(
      terminalJson(
        JSON.stringify(
          { url: article.url, canonicalUrl, title, byline, publishedAt, lang, text, siteName },
          null,
          2,
        ),
      ),
    );
    return 0;
  } catch (error) {
    if (error instanceof ExtractionError)
      throw new CliError(`${source}: ${error.message} (${error.code})`, 1);
    throw error;
  }
}
