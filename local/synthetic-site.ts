/**
 * Serves a generated corpus (synthetic-corpus.ts) on loopback: every publisher host's feed and
 * article pages, generated on request from the seed, so 20,000 articles cost no more memory than 20.
 * Each answer carries an ETag and a conditional request for an unchanged resource gets 304, as a
 * real site answers a poller. Requests are told apart by their Host header, so one server stands in
 * for every publisher; the runtime connects each publisher's name to this server (as curl's
 * --connect-to does).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SyntheticCorpus } from './synthetic-corpus.ts';

export interface SyntheticSite {
  /** Where the server really listens, e.g. 127.0.0.1:41234. */
  address: string;
  /** Requests answered so far, by status. */
  readonly statusCounts: ReadonlyMap<number, number>;
  close(): Promise<void>;
}

export interface SyntheticSiteOptions {
  /**
   * Sees each request first; returns true when it has answered it itself (a fault-injection run
   * makes a feed fail, stall or change this way), false to let the site answer.
   */
  intercept?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

const ARTICLE_PATH = /^\/articles\/(\d+)\.html$/;
const FEED_PATH = /^\/feed\.(rss|atom|json)$/;

/** The page for a request, or null: which publisher from the Host header, which resource from the path. */
export function resolveSyntheticRequest(
  corpus: SyntheticCorpus,
  host: string,
  path: string,
): { contentType: string; body: string } | null {
  const feed = corpus.feedOfHost(host);
  if (feed === null) return null;
  const article = ARTICLE_PATH.exec(path);
  if (article !== null) {
    const index = Number(article[1]);
    if (index >= corpus.articleCount || index % corpus.feedCount !== feed) return null;
    return corpus.renderArticle(index);
  }
  const feedPath = FEED_PATH.exec(path);
  if (feedPath !== null && corpus.feed(feed).format === feedPath[1]) return corpus.renderFeed(feed);
  return null;
}

export async function startSyntheticSite(
  corpus: SyntheticCorpus,
  options: SyntheticSiteOptions = {},
): Promise<SyntheticSite> {
  const statusCounts = new Map<number, number>();
  const count = (status: number) => statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
  const server = createServer((request, response) => {
    if (options.intercept?.(request, response) === true) return;
    const reply = (status: number, headers: Record<string, string>, body?: string) => {
      count(status);
      response.writeHead(status, headers);
      response.end(body);
    };
    const path = new URL(request.url ?? '/', 'http://synthetic.invalid').pathname;
    const page =
      request.method === 'GET' ? resolveSyntheticRequest(corpus, request.headers.host ?? '', path) : null;
    if (page === null) return reply(404, { 'content-type': 'text/plain' }, 'Not found');
    const etag = `"${createHash('sha1').update(page.body).digest('hex').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) return reply(304, { etag });
    reply(200, { etag, 'content-type': page.contentType }, page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    statusCounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
