/**
 * Serves the bundled sample news site (`samples/site/`) on loopback, with the validators a real site
 * sends (ETag, Last-Modified) and 304 answers to conditional requests, so polling behaves as on the web.
 * Feeds and pages are dated relative to the day the server starts (sample-calendar.ts), so the
 * samples are recent news whenever they are tried.
 * The files name their origin `http://samples.wirewatch.localhost`; the runtime connects that name to
 * this server (as curl's --connect-to does), so URLs and article ids stay the same from run to run.
 * That origin, and only it, passes the SSRF guard: the exception is pinned to its port, so
 * `http://samples.wirewatch.localhost:<another port>/` cannot reach other services on loopback.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { sampleDateShift, shiftSampleDates } from './sample-calendar.ts';

export const SAMPLE_ORIGIN = 'http://samples.wirewatch.localhost';
const SAMPLE_PORT = '80';

const CONTENT_TYPES: Record<string, string> = {
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rdf': 'application/rdf+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export interface SampleSite {
  /** Where the server really listens, e.g. 127.0.0.1:41234. */
  address: string;
  /** Requests served, by status, for the run summary. */
  requests: { path: string; status: number }[];
  close(): Promise<void>;
}

/**
 * The HTTP client settings that let the functions fetch the sample site: its origin connected to the
 * server's real address, and allowed past the SSRF guard on the origin's port only.
 */
export function sampleSiteAccess(site: SampleSite): { allowPrivateHosts: string[]; connectTo: string[] } {
  const { hostname } = new URL(SAMPLE_ORIGIN);
  return {
    allowPrivateHosts: [`${hostname}:${SAMPLE_PORT}`],
    connectTo: [`${hostname}:${SAMPLE_PORT}=${site.address}`],
  };
}

export async function startSampleSite(root: string, options: { now?: Date } = {}): Promise<SampleSite> {
  const requests: SampleSite['requests'] = [];
  const shiftDays = sampleDateShift(options.now ?? new Date());
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', SAMPLE_ORIGIN).pathname);
    const file = normalize(join(root, path));
    const reply = (status: number, headers: Record<string, string> = {}, body?: Buffer) => {
      requests.push({ path, status });
      response.writeHead(status, headers);
      response.end(body);
    };
    if (!file.startsWith(root + sep) || request.method !== 'GET') return reply(404);
    try {
      const [written, info] = await Promise.all([readFile(file), stat(file)]);
      const contentType = CONTENT_TYPES[extname(file)];
      const body =
        contentType === undefined
          ? written
          : Buffer.from(shiftSampleDates(written.toString('utf8'), shiftDays), 'utf8');
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const validators = { etag, 'last-modified': info.mtime.toUTCString() };
      if (request.headers['if-none-match'] === etag) return reply(304, validators);
      reply(200, { ...validators, 'content-type': contentType ?? 'application/octet-stream' }, body);
    } catch {
      reply(404, { 'content-type': 'text/plain' }, Buffer.from('Not found'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
