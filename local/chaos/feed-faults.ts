/**
 * Feed servers misbehaving for `wirewatch chaos`, in front of the generated corpus's site: a poll may
 * get a 500 or a 503 with Retry-After, stall and then lose its connection, or see the feed as it
 * changes between polls (without its newest entries, as before they were published, or with the newest
 * entry's title edited). Drawn from the seed and the request (host, path, how many times it was asked
 * for), so concurrent polls do not change which poll gets which fault. Article pages are left alone:
 * the faults under test there are the AWS ones.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SyntheticCorpus } from '../synthetic-corpus.ts';
import { resolveSyntheticRequest } from '../synthetic-site.ts';
import { SeededDraws } from './seeded-draw.ts';

export const FEED_FAULT_KINDS = ['server-error', 'unavailable', 'stall', 'stale', 'edited'] as const;
export type FeedFaultKind = (typeof FEED_FAULT_KINDS)[number];

const FEED_PATH = /^\/feed\.(rss|atom|json)$/;
/** How many of the newest entries a stale feed leaves out. */
const STALE_ENTRIES = 2;

/** The feed without its newest `count` entries, in whichever of the corpus's three formats it is. */
export function withoutNewestEntries(body: string, format: string, count: number): string {
  if (format === 'json') {
    const feed = JSON.parse(body) as { items?: unknown[] };
    return JSON.stringify({ ...feed, items: (feed.items ?? []).slice(count) });
  }
  const [open, close] = format === 'atom' ? ['<entry>', '</entry>'] : ['<item>', '</item>'];
  let result = body;
  for (let removed = 0; removed < count; removed++) {
    const start = result.indexOf(open);
    const end = start < 0 ? -1 : result.indexOf(close, start);
    if (end < 0) break;
    result = result.slice(0, start) + result.slice(end + close.length);
  }
  return result;
}

/** The feed with its newest entry's title edited, as a publisher correcting a headline. */
export function withNewestTitleEdited(body: string, format: string): string {
  if (format === 'json') {
    const feed = JSON.parse(body) as { items?: { title?: string }[] };
    const [first, ...rest] = feed.items ?? [];
    if (first === undefined) return body;
    return JSON.stringify({
      ...feed,
      items: [{ ...first, title: `${first.title ?? ''} (corrected)` }, ...rest],
    });
  }
  const open = format === 'atom' ? '<entry>' : '<item>';
  const entry = body.indexOf(open);
  const titleEnd = entry < 0 ? -1 : body.indexOf('</title>', entry);
  if (titleEnd < 0) return body;
  return `${body.slice(0, titleEnd)} (corrected)${body.slice(titleEnd)}`;
}

export class FeedFaults {
  readonly counts = Object.fromEntries(FEED_FAULT_KINDS.map((kind) => [kind, 0])) as Record<
    FeedFaultKind,
    number
  >;
  private readonly draws: SeededDraws;

  constructor(
    seed: number,
    private readonly rate: number,
    private readonly corpus: SyntheticCorpus,
    /** How long a stalled server holds a request before the connection drops. */
    private readonly stallMs = 400,
  ) {
    this.draws = new SeededDraws(seed);
  }

  /** The fault for this request, or null: a function of the seed, the resource and its request count. */
  draw(host: string, path: string): FeedFaultKind | null {
    const random = this.draws.next(`${host}${path}`);
    if (random() >= this.rate) return null;
    return FEED_FAULT_KINDS[Math.floor(random() * FEED_FAULT_KINDS.length)] as FeedFaultKind;
  }

  /** The synthetic site's intercept: answers a feed request itself when it draws a fault. */
  readonly intercept = (request: IncomingMessage, response: ServerResponse): boolean => {
    const path = new URL(request.url ?? '/', 'http://synthetic.invalid').pathname;
    const format = FEED_PATH.exec(path)?.[1];
    const host = request.headers.host ?? '';
    if (format === undefined || request.method !== 'GET') return false;
    const fault = this.draw(host, path);
    if (fault === null) return false;
    const page = resolveSyntheticRequest(this.corpus, host, path);
    if (page === null) return false;
    this.counts[fault] += 1;
    switch (fault) {
      case 'server-error':
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return true;
      case 'unavailable':
        response
          .writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' })
          .end('Service Unavailable');
        return true;
      case 'stall':
        setTimeout(() => request.socket.destroy(), this.stallMs).unref();
        return true;
      case 'stale':
      case 'edited': {
        const body =
          fault === 'stale'
            ? withoutNewestEntries(page.body, format, STALE_ENTRIES)
            : withNewestTitleEdited(page.body, format);
        const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
        response.writeHead(200, { etag, 'content-type': page.contentType }).end(body);
        return true;
      }
    }
  };
}
