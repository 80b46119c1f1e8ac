/**
 * Namespace prefixes, mapped by URI rather than by the prefix a feed happens to use. Takes the feed
 * text; gives a function renaming each `prefix:local` tag to its conventional prefix (`content:`,
 * `dc:`, `media:` …), with the feed's own vocabulary (Atom in an Atom feed, RSS 1.0 in RDF) unprefixed.
 */

const ATOM_URIS = new Set([
  'http://www.w3.org/2005/atom',
  'http://purl.org/atom/ns#',
  'http://purl.org/echo/',
  'http://purl.org/pie/',
  'http://example.com/newformat#',
  'http://example.com/necho',
]);

/** RSS vocabularies that are always the home namespace of the document that declares them. */
const RSS_URIS = new Set([
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://backend.userland.com/rss',
  'http://backend.userland.com/rss2',
  'http://blogs.law.harvard.edu/tech/rss',
]);

const CONVENTIONAL_PREFIXES: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://example.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://www.georss.org/georss': 'georss',
  'http://www.w3.org/2003/01/geo/wgs84_pos#': 'geo',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://wellformedweb.org/commentapi/': 'wfw',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.w3.org/xml/1998/namespace': 'xml',
};

const TAKEN = new Set(['atom', ...Object.values(CONVENTIONAL_PREFIXES)]);

/** Sticky: tried only where an `xmlns` was found, never scanning ahead from there. */
const DECLARATION = /\bxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

export type FeedHome = 'atom' | 'other';

/**
 * Builds the tag renamer for one document. `home` says whether the root is an Atom feed, where
 * Atom elements stay unprefixed; everywhere else they become `atom:`.
 */
export function createTagRenamer(xml: string, home: FeedHome): (tag: string) => string {
  const canonicalByPrefix = new Map<string, string>();
  // Declarations sit mostly on the root but may appear anywhere; the first binding of a prefix wins.
  for (let at = xml.indexOf('xmlns'); at !== -1; at = xml.indexOf('xmlns', at + 5)) {
    DECLARATION.lastIndex = at;
    const match = DECLARATION.exec(xml);
    if (match === null) continue;
    const prefix = match[1];
    if (prefix === undefined || canonicalByPrefix.has(prefix)) continue;
    canonicalByPrefix.set(prefix, canonicalPrefix(prefix, match[2] ?? match[3] ?? '', home));
  }
  const renamed = new Map<string, string>();
  return (tag) => {
    const colon = tag.indexOf(':');
    if (colon === -1) return tag;
    let name = renamed.get(tag);
    if (name === undefined) {
      const canonical = canonicalByPrefix.get(tag.slice(0, colon));
      const local = tag.slice(colon + 1);
      name = canonical === undefined ? tag : canonical === '' ? local : `${canonical}:${local}`;
      renamed.set(tag, name);
      // The renamer runs again on names it produced (self-closing tags): keep it idempotent.
      renamed.set(name, name);
    }
    return name;
  };
}

function canonicalPrefix(prefix: string, uri: string, home: FeedHome): string {
  const key = uri.trim().toLowerCase();
  if (RSS_URIS.has(key)) return '';
  if (ATOM_URIS.has(key)) return home === 'atom' ? '' : 'atom';
  const conventional = CONVENTIONAL_PREFIXES[key] ?? CONVENTIONAL_PREFIXES[`${key}/`];
  if (conventional !== undefined) return conventional;
  // An unknown vocabulary bound to a conventional prefix must not pass for the real one.
  return TAKEN.has(prefix) ? `x-${prefix}` : prefix;
}

/** Whether a namespace URI is Atom's (1.0, 0.3 or a pre-0.3 draft). */
export function isAtomNamespace(uri: string | null): boolean {
  return uri !== null && ATOM_URIS.has(uri.trim().toLowerCase());
}
