/**
 * One lenient, bounded fast-xml-parser pass over a feed document. Takes the decoded text; gives the
 * root element's name and object tree (text as `#text`, namespace prefixes renamed by URI, attributes
 * read lazily from the document by xml-node inside `read`), the DOCTYPE public id, and why the input
 * was ill-formed if it had to be repaired.
 * Text-bearing elements (titles, descriptions, contents) are kept raw so HTML inside them cannot
 * derail the tree. The DOCTYPE is rebuilt from its literal internal entities only: external and
 * parameter entities are never resolved and entities cannot nest, so expansion stays bounded.
 */
import { XMLParser } from 'fast-xml-parser';
import { FeedParseError } from './feed.ts';
import { FeedEntityDecoder } from './feed-entity-decoder.ts';
import { createTagRenamer, type FeedHome, isAtomNamespace } from './feed-namespaces.ts';
import { elementName, readDocument, type XmlNode } from './xml-node.ts';

export type { XmlNode } from './xml-node.ts';

export interface FeedXml {
  rootName: string;
  root: XmlNode;
  doctypePublicId: string | null;
  /** Set when the document was not well-formed and had to be repaired to be read. */
  repairReason: string | null;
  /** Runs a reader over the tree: attributes can be read only inside it. */
  read<T>(reader: () => T): T;
}

const MAX_DOCTYPE_ENTITIES = 64;
const MAX_ENTITY_VALUE = 1024;
const MAX_REPAIRS = 6;

/** Elements whose inside is kept as raw text, decoded later by feed-markup. */
const RAW_ELEMENTS = [
  'title',
  'description',
  'summary',
  'content',
  'subtitle',
  'tagline',
  'content:encoded',
  'xhtml:body',
  'body',
];

let renameTag: (tag: string) => string = (tag) => tag;

const entityDecoder = new FeedEntityDecoder();

const parser = new XMLParser({
  // The ordered tree is what the parser builds anyway: asking for it skips a conversion pass.
  preserveOrder: true,
  // Attributes are read lazily from the start tag where the element begins (xml-node): the few a
  // feed reader asks for cost far less than the parser's map of every attribute of every element.
  ignoreAttributes: true,
  captureMetaData: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: { maxEntityCount: MAX_DOCTYPE_ENTITIES, maxEntitySize: MAX_ENTITY_VALUE },
  entityDecoder,
  stopNodes: RAW_ELEMENTS.map((name) => `..${name}`),
  // Parsing is synchronous, so one parser can rename with whichever document is being read.
  transformTagName: (tag: string) => renameTag(tag),
  jPath: false,
  maxNestedTags: 256,
});

export function parseFeedXml(text: string, maxEntries: number): FeedXml {
  const prolog = readProlog(text);
  if (prolog === null) throw new FeedParseError('not-a-feed', 'no XML root element');
  const { rootStart, rootName, doctype } = prolog;
  if (rootName.toLowerCase() === 'html' || /^html\b/i.test(doctype?.name ?? '')) {
    throw new FeedParseError('html-page', 'an HTML page, not a feed');
  }
  const home: FeedHome =
    rootName.endsWith('feed') && isAtomNamespace(prolog.defaultNamespace) ? 'atom' : 'other';
  const body = capEntries(text.slice(rootStart), maxEntries);
  let document = (doctype === null ? '' : safeDoctype(doctype.subset)) + body;
  // The parser normalises line ends itself; doing it first keeps its tag positions those of `document`.
  if (document.indexOf('\r') !== -1) document = document.replace(/\r\n?/g, '\n');
  renameTag = createTagRenamer(body, home);
  let repairReason: string | null = null;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const tree = parser.parse(document) as XmlNode[];
        const root = tree.find((node) => {
          const name = elementName(node);
          return name !== null && !name.startsWith('?') && !name.startsWith('#') && !name.startsWith('!');
        });
        const name = root === undefined ? null : elementName(root);
        if (root === undefined || name === null)
          throw new FeedParseError('not-a-feed', 'no XML root element');
        const parsed = document;
        const decodeAttribute = entityDecoder.forCurrentDocument();
        return {
          rootName: name,
          root,
          doctypePublicId: doctype?.publicId ?? null,
          repairReason,
          read: (reader) => readDocument(parsed, decodeAttribute, reader),
        };
      } catch (error) {
        if (error instanceof FeedParseError) throw error;
        const reason = (error as Error).message;
        repairReason ??= reason;
        const repaired = attempt < MAX_REPAIRS ? repair(document, reason) : null;
        if (repaired === null) throw new FeedParseError('malformed', `not well-formed XML: ${reason}`);
        document = repaired;
      }
    }
  } finally {
    renameTag = (tag) => tag;
  }
}

/** Drops the unfinishable tail the parser choked on (truncated document, unclosed CDATA/comment/tag). */
function repair(document: string, reason: string): string | null {
  let cut: number;
  if (/CDATA/i.test(reason)) cut = document.lastIndexOf('<![CDATA[');
  else if (/comment/i.test(reason)) cut = document.lastIndexOf('<!--');
  else if (/entit/i.test(reason)) cut = document.startsWith('<!DOCTYPE') ? -2 : -1;
  else cut = document.lastIndexOf('<');
  if (cut === -2) return document.slice(document.indexOf(']>') + 2);
  if (cut <= 0) return null;
  return document.slice(0, cut);
}

interface Doctype {
  name: string;
  publicId: string | null;
  subset: string;
}

interface Prolog {
  rootStart: number;
  rootName: string;
  defaultNamespace: string | null;
  doctype: Doctype | null;
}

/** Walks past declarations, comments, processing instructions and the DOCTYPE to the root tag. */
function readProlog(text: string): Prolog | null {
  let doctype: Doctype | null = null;
  let at = 0;
  for (;;) {
    at = text.indexOf('<', at);
    if (at === -1) return null;
    if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at);
      if (end === -1) return null;
      at = end + 2;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at);
      if (end === -1) return null;
      at = end + 3;
    } else if (text.startsWith('<!', at)) {
      const end = doctypeEnd(text, at);
      if (/^<!doctype/i.test(text.slice(at, at + 9))) doctype = readDoctype(text.slice(at, end));
      at = end;
    } else {
      const tag = /^<([^\s/>!?]+)([^>]*)/.exec(text.slice(at, at + 4096));
      if (tag === null) return null;
      const defaultNamespace = /\sxmlns\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag[2] ?? '');
      return {
        rootStart: at,
        rootName: tag[1] ?? '',
        defaultNamespace:
          defaultNamespace === null ? null : (defaultNamespace[1] ?? defaultNamespace[2] ?? ''),
        doctype,
      };
    }
  }
}

/** End of a `<!DOCTYPE …>`, skipping its internal subset and quoted strings. */
function doctypeEnd(text: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let index = start + 2; index < text.length; index++) {
    const char = text[index];
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '[') {
      depth++;
    } else if (char === ']') {
      depth--;
    } else if (char === '>' && depth <= 0) {
      return index + 1;
    }
  }
  return text.length;
}

function readDoctype(declaration: string): Doctype {
  const head = /^<!doctype\s+([^\s[>]+)(?:\s+public\s+(?:"([^"]*)"|'([^']*)'))?/i.exec(declaration);
  const open = declaration.indexOf('[');
  const close = declaration.lastIndexOf(']');
  return {
    name: head?.[1] ?? '',
    publicId: head?.[2] ?? head?.[3] ?? null,
    subset: open !== -1 && close > open ? declaration.slice(open + 1, close) : '',
  };
}

/**
 * A DOCTYPE keeping only general entities with short literal values that reference nothing:
 * no SYSTEM/PUBLIC (XXE), no parameter entities, no nesting (billion laughs).
 */
function safeDoctype(subset: string): string {
  const declarations: string[] = [];
  for (const match of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    const value = match[2] ?? match[3] ?? '';
    if (value.length > MAX_ENTITY_VALUE || /[&%<]/.test(value)) continue;
    declarations.push(`<!ENTITY ${match[1]} "${value}">`);
    if (declarations.length === MAX_DOCTYPE_ENTITIES) break;
  }
  return declarations.length === 0 ? '' : `<!DOCTYPE feed [${declarations.join('')}]>`;
}

/**
 * Cuts the document before its (maxEntries+1)-th item/entry, so a feed of 100,000 items costs no more
 * than one of maxEntries. The parser accepts the then-unclosed ancestors at end of input.
 */
function capEntries(body: string, maxEntries: number): string {
  // Items are rarely under 40 characters: below that size the document cannot exceed the cap.
  if (body.length < maxEntries * 40) return body;
  let count = 0;
  for (const opener of ['<item', '<entry']) {
    count = 0;
    for (let at = body.indexOf(opener); at !== -1; at = body.indexOf(opener, at + opener.length)) {
      const next = body.charCodeAt(at + opener.length);
      // '>', whitespace or '/' ends the tag name: '<items>' and '<entryx>' are other elements.
      if (next !== 62 && next !== 32 && next !== 9 && next !== 10 && next !== 13 && next !== 47) continue;
      count++;
      if (count > maxEntries) return body.slice(0, at);
    }
  }
  return body;
}
