import { DynamoDbFeedStateStore } from '../../adapters/dynamodb/feed-state-store.dynamodb.ts';
import { SAMPLE_ORIGIN } from '../../local/sample-site.ts';
import {
  createReader,
  type FeedItem,
  type Page,
  type WirewatchReader,
} from '../../reader/wirewatch-reader.ts';
import { unfetchableReason } from '../../shared/net/unfetchable-url.ts';
import { registerFeeds } from '../../shared/pipeline/register-feeds.ts';
import { type FeedState, feedIdFor } from '../../shared/polling/feed-state.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { terminalLine } from '../../shared/text/terminal-text.ts';
import { onlyArgument, parseCommandArgs } from '../../tools/cli-arguments.ts';
import { CliError } from '../../tools/cli-error.ts';
import { alignColumns } from '../columns.ts';
import { withTarget } from '../target.ts';

const USAGE = `Usage: wirewatch feeds add URL [--title TITLE] [--charset CHARSET] [--state DIR]
       wirewatch feeds list [--broken] [--state DIR]
       wirewatch feeds remove URL|FEED_ID [--state DIR]

  --charset    decode the feed with this charset whatever it declares (for feeds that declare the wrong one)
  --broken     only the feeds marked broken (after 10 failed polls in a row; still polled once a day)
  Without --state, the table is WIREWATCH_TABLE_NAME.`;

// Every active feed is due by the end of time: listing "due" feeds up to it lists them all.
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

async function allPages(list: (cursor: string | null) => Promise<Page<FeedItem>>): Promise<FeedItem[]> {
  const feeds: FeedItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(cursor);
    feeds.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== null);
  return feeds;
}

export async function listFeeds(reader: WirewatchReader, brokenOnly: boolean): Promise<FeedState[]> {
  const broken = await allPages((cursor) => reader.brokenFeeds({ cursor, limit: 100 }));
  const active = brokenOnly
    ? []
    : await allPages((cursor) => reader.dueFeeds(END_OF_TIME, { cursor, limit: 100 }));
  // Broken feeds first: they are what someone listing feeds is usually looking for.
  const rank = (feed: FeedState) => (feed.status === 'broken' ? 0 : 1);
  return [...broken, ...active].sort((a, b) => rank(a) - rank(b) || a.nextDueAt.localeCompare(b.nextDueAt));
}

const shortTime = (at: string | null) => (at === null ? '-' : at.slice(0, 16).replace('T', ' '));
const clip = (text: string, length: number) =>
  [...text].length <= length ? text : `${[...text].slice(0, length - 1).join('')}…`;

export function formatFeeds(feeds: readonly FeedState[]): string {
  return alignColumns(
    ['status', 'last', 'next due', 'errors', 'last error', 'feed'],
    feeds.map((feed) => [
      feed.status,
      feed.lastStatus === null ? '-' : String(feed.lastStatus),
      shortTime(feed.nextDueAt),
      String(feed.consecutiveErrors),
      feed.lastError === null ? '-' : clip(`${feed.lastError.code}: ${feed.lastError.message}`, 60),
      feed.title === null ? feed.url : `${feed.url}  (${feed.title})`,
    ]),
  );
}

/**
 * The feed URL, normalised; refused with the SSRF guard's reason when every poll would be refused (a
 * loopback, private or metadata address, a `localhost` name). On the local state the bundled sample
 * site, which the local runtime serves on loopback, is the one exception.
 */
export function checkFeedUrl(value: string, onLocalState: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(
      `"${value}" is not a URL: give the feed's full address, e.g. https://example.com/feed.xml`,
    );
  }
  if (onLocalState && url.origin === SAMPLE_ORIGIN) return url.toString();
  const refusal = unfetchableReason(url.toString());
  if (refusal !== null) throw new CliError(`${refusal}; every poll of this feed would be refused`);
  return url.toString();
}

function checkCharset(charset: string | undefined): string | undefined {
  if (charset === undefined) return undefined;
  try {
    new TextDecoder(charset);
  } catch {
    throw new CliError(
      `--charset "${charset}" is not a character set this machine can decode (try utf-8, windows-1252, iso-8859-1)`,
    );
  }
  return charset;
}

/** The feed named by its URL (the first one it was added with, or where it moved to) or by its id. */
async function findFeed(
  store: DynamoDbFeedStateStore,
  reader: WirewatchReader,
  urlOrId: string,
): Promise<FeedState | null> {
  if (URL.canParse(urlOrId)) {
    const url = new URL(urlOrId).toString();
    return (
      (await store.getFeed(feedIdFor(url))) ??
      (await listFeeds(reader, false)).find((feed) => feed.url === url) ??
      null
    );
  }
  return store.getFeed(urlOrId);
}

function parse(args: string[]) {
  return parseCommandArgs(
    args,
    {
      title: { type: 'string' },
      charset: { type: 'string' },
      broken: { type: 'boolean', default: false },
      state: { type: 'string' },
    },
    USAGE,
    true,
  );
}

export async function main(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [action, ...rest] = positionals;
  if (action === undefined) {
    console.log(USAGE);
    return 2;
  }
  if (!['add', 'list', 'remove'].includes(action)) {
    throw new CliError(`unknown action "${action}": add, list or remove\n\n${USAGE}`);
  }
  const url =
    action === 'list'
      ? undefined
      : onlyArgument(rest, action === 'add' ? 'feed URL' : 'feed URL or id', USAGE);
  const charset = checkCharset(values.charset);
  const feedUrl = action === 'add' ? checkFeedUrl(url as string, values.state !== undefined) : undefined;
  return withTarget({ state: values.state, needs: ['table'] }, async (target) => {
    const store = new DynamoDbFeedStateStore(target.table);
    const reader = createReader(target.table);
    if (feedUrl !== undefined) {
      const { added } = await registerFeeds(
        [{ url: feedUrl, title: values.title ?? null, charset: charset ?? null }],
        {
          feeds: store,
          clock: systemClock,
        },
      );
      const id = feedIdFor(feedUrl);
      if (added.length === 0) {
        console.log(`Feed ${terminalLine(feedUrl)} is already registered (id ${id}); nothing changed.`);
      } else {
        console.log(`Added feed ${terminalLine(feedUrl)} (id ${id}) to ${target.description}.`);
        console.log(
          target.stateDir === null
            ? 'It is due now: the next scheduled dispatch (every 5 minutes) polls it.'
            : `It is due now: \`wirewatch run --state ${target.stateDir}\` polls it.`,
        );
      }
    } else if (action === 'list') {
      const feeds = await listFeeds(reader, values.broken);
      if (feeds.length === 0)
        console.log(values.broken ? 'No broken feeds.' : 'No feeds: add one with `wirewatch feeds add URL`.');
      else console.log(formatFeeds(feeds));
    } else {
      const feed = await findFeed(store, reader, url as string);
      if (feed === null || !(await store.removeFeed(feed.feedId))) {
        throw new CliError(`there is no feed ${url} (see \`wirewatch feeds list\`)`);
      }
      console.log(
        `Removed feed ${terminalLine(feed.url)} (id ${feed.feedId}): it is no longer polled. Its articles stay.`,
      );
    }
    return 0;
  });
}
