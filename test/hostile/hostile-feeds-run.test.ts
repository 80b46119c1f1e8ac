/**
 * One local run (the real handlers on the emulators) over feeds an attacker controls, next to a feed
 * that is fine: every SSRF spelling is refused with its reason recorded on its feed; titles with NUL
 * bytes, escape sequences, CR/LF and bidi controls, 10 MB titles and URLs with characters unsafe in
 * S3 keys are stored or refused cleanly; and the good feed's article is stored and alerted all the same.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalPipeline } from '../../local/local-pipeline.ts';
import { SAMPLE_ORIGIN } from '../../local/sample-site.ts';
import { createReader } from '../../reader/wirewatch-reader.ts';
import { type FeedState, feedIdFor, newFeedState } from '../../shared/polling/feed-state.ts';
import { articleIdFor, canonicalizeUrl } from '../../shared/urls/canonical-url.ts';
import { fenceTrafficToLoopback, type LoopbackFence } from '../http/loopback-fence.ts';
import { startTestAws } from '../support/test-backend.ts';

const ESC = '\u001b';
const HOSTILE_TITLE = `Counterterrorism ${ESC}[2J${ESC}]0;owned\u0007talks\r\nBcc: victim@example.com \u202Etxt.exe`;
const NUL_TITLE = 'Counterterrorism\u0000 talks with NUL';
const UNSAFE_PATH = "/articles/unsafe key {}^[]~'`<>#%.html";
const UNSAFE_URL = `${SAMPLE_ORIGIN}${encodeURI(UNSAFE_PATH).replace('#', '%23')}?next=../../raw/&x=%00`;

/** What must never reach a mail header: controls, line breaks and bidi controls. */
const UNSAFE_IN_HEADER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Controls other than the CR LF that end header lines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const CONTROL_IN_HEADERS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

/** The Subject header, unfolded, with RFC 2047 encoded words decoded. */
function subjectOf(eml: string): string {
  const folded = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(eml)?.[1] ?? '';
  return folded
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, text: string) => Buffer.from(text, 'base64').toString('utf8'));
}

const SSRF_URLS = [
  'http://127.0.0.1/feed.xml',
  'http://10.1.2.3/feed.xml',
  'http://172.16.0.1/feed.xml',
  'http://172.31.255.254/feed.xml',
  'http://192.168.1.1/feed.xml',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/feed.xml',
  'http://[fc00::1]/feed.xml',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://[::ffff:127.0.0.1]/feed.xml',
  'http://2130706433/feed.xml',
  'http://0x7f.1/feed.xml',
  'http://017700000001/feed.xml',
];

const page = (title: string, sentence: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article>
<h1>${title}</h1>
${`<p>${sentence} Officials from both governments met in the capital on Tuesday and said the talks would continue next month, with a joint statement expected after the second round.</p>\n`.repeat(4)}
</article></body></html>`;

const rss = (items: { title: string; link: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile desk</title>${items
    .map(({ title, link }) => `<item><title>${title}</title><link>${link}</link></item>`)
    .join('')}</channel></rss>`;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** Controls written as character references: a page with raw control bytes is sniffed as binary. */
const asReferences = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: writing control characters is the point
  escapeXml(text).replace(/[\u0000-\u001f\u007f-\u009f\u202e]/g, (c) => `&#${c.codePointAt(0)};`);
const LONG_TITLE = `Counterterrorism ${'very '.repeat(200_000)}long title`;

let site: string;
let outbox: string;
let pipeline: LocalPipeline;
let fence: LoopbackFence;
let feeds: Map<string, FeedState>;

const feedUrl = (name: string) => `${SAMPLE_ORIGIN}/feeds/${name}`;

beforeAll(async () => {
  // Prepare: a site with one good feed and the hostile ones, built here (nothing read from ../shared).
  site = await mkdtemp(join(tmpdir(), 'wirewatch-hostile-site-'));
  outbox = await mkdtemp(join(tmpdir(), 'wirewatch-hostile-outbox-'));
  await mkdir(join(site, 'feeds'));
  await mkdir(join(site, 'articles'));
  const good = 'Pakistan and the United States agreed to resume the counterterrorism dialogue.';
  await writeFile(join(site, 'articles', 'good.html'), page('Talks resume', good));
  await writeFile(join(site, 'articles', 'hostile.html'), page(asReferences(HOSTILE_TITLE), good));
  await writeFile(join(site, 'articles', 'nul.html'), page(asReferences(NUL_TITLE), good));
  await writeFile(join(site, 'articles', 'raw-nul.html'), page(NUL_TITLE, good));
  await writeFile(join(site, 'articles', 'long-title.html'), page(LONG_TITLE, good));
  await writeFile(join(site, UNSAFE_PATH), page('Unsafe characters in the link', good));
  await writeFile(
    join(site, 'feeds', 'good.rss'),
    rss([{ title: 'Talks resume', link: `${SAMPLE_ORIGIN}/articles/good.html` }]),
  );
  await writeFile(
    join(site, 'feeds', 'hostile.rss'),
    rss([
      { title: escapeXml(HOSTILE_TITLE), link: `${SAMPLE_ORIGIN}/articles/hostile.html` },
      { title: 'Unsafe link', link: escapeXml(UNSAFE_URL) },
    ]),
  );
  await writeFile(
    join(site, 'feeds', 'nul.rss'),
    rss([
      { title: NUL_TITLE, link: `${SAMPLE_ORIGIN}/articles/nul.html` },
      { title: NUL_TITLE, link: `${SAMPLE_ORIGIN}/articles/raw-nul.html` },
    ]),
  );
  await writeFile(
    join(site, 'feeds', 'long-title.rss'),
    rss([{ title: LONG_TITLE, link: `${SAMPLE_ORIGIN}/articles/long-title.html` }]),
  );
  await writeFile(
    join(site, 'feeds', 'huge-title.rss'),
    rss([{ title: 'x'.repeat(10 * 1024 * 1024), link: `${SAMPLE_ORIGIN}/articles/good.html` }]),
  );

  fence = fenceTrafficToLoopback();
  pipeline = await LocalPipeline.start({
    stateDir: null,
    outboxDir: outbox,
    sampleRoot: site,
    verbose: false,
    startAws: startTestAws,
  });
  const now = new Date();
  const urls = [
    ...['good.rss', 'hostile.rss', 'nul.rss', 'huge-title.rss', 'long-title.rss'].map(feedUrl),
    ...SSRF_URLS,
  ];
  // Straight into the store, as feeds registered before a check existed would be.
  for (const url of urls) await pipeline.feedStore.registerFeed(newFeedState({ url }, now));
  await pipeline.ruleStore.putRule({
    id: 'ct',
    name: 'Counterterrorism',
    query: 'counterterrorism',
    createdAt: now.toISOString(),
  });
  await pipeline.sns.send(
    new SubscribeCommand({ TopicArn: pipeline.topicArn, Protocol: 'email', Endpoint: 'analyst@example.com' }),
  );

  // Act
  await pipeline.tick();
  feeds = new Map();
  for (const url of urls) {
    const state = await pipeline.feedStore.getFeed(feedIdFor(url));
    if (state !== null) feeds.set(url, state);
  }
}, 120_000);

afterAll(async () => {
  await pipeline.close();
  vi.restoreAllMocks();
  await rm(site, { recursive: true, force: true });
  await rm(outbox, { recursive: true, force: true });
});

describe('a run with hostile feeds', () => {
  it.each(SSRF_URLS)('refuses %s with a clear reason on its feed', (url) => {
    // Assess
    const state = feeds.get(url);
    expect(state?.lastError?.code).toBe('blocked-address');
    expect(state?.lastError?.message).toMatch(/^refused to fetch .* is not a public internet address$/);
  });

  it('connects to nothing but loopback', () => {
    // Assess
    expect(fence.connectAttempts.filter((host) => !/^(127\.|::1$|localhost$|samples\.)/.test(host))).toEqual(
      [],
    );
  });

  it('stores and alerts the good feed all the same', async () => {
    // Assess
    expect(feeds.get(feedUrl('good.rss'))).toMatchObject({ lastError: null, lastStatus: 200, itemsSeen: 1 });
    const stored = await createReader(pipeline.table).getArticle(
      articleIdFor(`${SAMPLE_ORIGIN}/articles/good.html`),
    );
    expect(stored?.title).toBe('Talks resume');
  });

  it('stores a title with escape sequences, CR/LF and NUL without its controls', async () => {
    // Prepare
    const reader = createReader(pipeline.table);

    // Act
    const hostile = await reader.getArticle(articleIdFor(`${SAMPLE_ORIGIN}/articles/hostile.html`));
    const nul = await reader.getArticle(articleIdFor(`${SAMPLE_ORIGIN}/articles/nul.html`));

    // Assess
    expect(hostile?.title).toBe('Counterterrorism [2J]0;ownedtalks Bcc: victim@example.com \u202Etxt.exe');
    expect(nul?.title).not.toContain('\u0000');
    expect(feeds.get(feedUrl('nul.rss'))).toMatchObject({ lastError: null, itemsSeen: 2 });
  });

  it('cuts a 1 MB title instead of losing the feed, and refuses a feed over 10 MB with its reason', async () => {
    // Act
    const long = await createReader(pipeline.table).getArticle(
      articleIdFor(`${SAMPLE_ORIGIN}/articles/long-title.html`),
    );

    // Assess
    expect(feeds.get(feedUrl('long-title.rss'))).toMatchObject({ lastError: null, itemsSeen: 1 });
    expect([...(long?.title ?? '')].length).toBe(1000);
    expect(long?.title.endsWith('…')).toBe(true);
    expect(feeds.get(feedUrl('huge-title.rss'))?.lastError).toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('sent more than the 10485760-byte limit'),
    });
  });

  it('archives a link with characters unsafe in S3 keys under a key of safe characters', async () => {
    // Act
    const unsafe = await createReader(pipeline.table).getArticle(articleIdFor(canonicalizeUrl(UNSAFE_URL)));

    // Assess
    expect(unsafe?.title).toBe('Unsafe characters in the link');
    expect(unsafe?.documentKey).toMatch(/^articles\/yyyy=\d{4}\/mm=\d\d\/dd=\d\d\/[A-Za-z0-9_-]{22}\.json$/);
    for (const key of pipeline.archivedDocuments) expect(key).toMatch(/^[A-Za-z0-9=/_.-]+$/);
  });

  it('dead-letters only the page sent with raw NUL bytes, as not HTML', () => {
    // Assess
    const dead = [...pipeline.deadLetterQueues].flatMap(([name, queue]) =>
      queue.list().map((message) => [name, message.attributes.errorCode?.StringValue]),
    );
    expect(dead).toEqual([['articleJobs', 'extraction-not-html']]);
  });

  it('sends every alert with one-line headers free of controls and bidi overrides', async () => {
    // Act
    const names = (await readdir(outbox)).filter((name) => name.endsWith('.eml'));
    const emails = await Promise.all(names.map((name) => readFile(join(outbox, name), 'utf8')));

    // Assess
    expect(emails.length).toBe(5);
    for (const eml of emails) {
      const headers = eml.slice(0, eml.search(/\r?\n\r?\n/));
      expect(headers).not.toMatch(CONTROL_IN_HEADERS);
      expect(headers).not.toMatch(/^Bcc:/im);
      const subject = subjectOf(eml);
      expect(subject).not.toMatch(UNSAFE_IN_HEADER);
    }
    expect(emails.map(subjectOf)).toContain(
      '[wirewatch] Counterterrorism · PK-US · Counterterrorism [2J]0;ownedtalks Bcc: victim@example.com t…',
    );
  });
});
