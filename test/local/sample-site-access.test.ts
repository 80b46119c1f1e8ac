/**
 * The local runtime's one exception to the SSRF guard: the sample site's origin reaches the sample
 * server on loopback, and the same host name on any other port is refused, so a feed or page cannot
 * use the name to reach other services on the machine.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpClient } from '../../adapters/http/node-http-client.ts';
import { SAMPLES_DIR } from '../../cli/local-runtime.ts';
import {
  SAMPLE_ORIGIN,
  type SampleSite,
  sampleSiteAccess,
  startSampleSite,
} from '../../local/sample-site.ts';
import { type LoopbackServer, startLoopbackServer } from '../http/loopback-server.ts';

const LIMITS = { maxBytes: 1_000_000, timeoutMs: 5000 };

let site: SampleSite;
let otherService: LoopbackServer;

beforeAll(async () => {
  site = await startSampleSite(join(SAMPLES_DIR, 'site'));
  otherService = await startLoopbackServer((_request, response) => response.end('internal secret'));
});

afterAll(async () => {
  await Promise.all([site.close(), otherService.close()]);
});

describe('the sample site past the SSRF guard', () => {
  it('fetches the sample feeds under their stable origin', async () => {
    // Prepare
    const client = createNodeHttpClient(sampleSiteAccess(site));

    // Act
    const response = await client.get({ url: `${SAMPLE_ORIGIN}/feeds/world.rss`, ...LIMITS });

    // Assess
    expect(response.status).toBe(200);
    expect(site.requests).toContainEqual({ path: '/feeds/world.rss', status: 200 });
  });

  it('refuses the sample host name on another loopback port, without connecting', async () => {
    // Prepare
    const client = createNodeHttpClient(sampleSiteAccess(site));
    const elsewhere = new URL(SAMPLE_ORIGIN);
    elsewhere.port = String(otherService.port);

    // Act
    const fetching = client.get({ url: elsewhere.href, ...LIMITS });

    // Assess
    await expect(fetching).rejects.toMatchObject({ code: 'blocked-address' });
    expect(otherService.connections()).toBe(0);
  });
});
