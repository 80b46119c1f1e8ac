/**
 * Reading the element tree fast-xml-parser gives with `preserveOrder` (no second conversion pass):
 * each element is `{ [name]: children[] }` plus the parser's metadata (where its tag starts), each
 * text `{ '#text': value }`. Takes elements; gives their children by name (indexed once per element),
 * text and attributes. Absent children come back as one shared empty list, so reading a feed
 * allocates only what it keeps.
 *
 * Attributes are read lazily: the parser skips them (building every attribute map of a feed cost a
 * fifth of the parse) and an element's attributes are read from its start tag in the document the
 * first time they are asked for, exactly as the parser reads them (quote-aware end of tag, values
 * trimmed, entity references decoded by the same decoder). So attributes can be read only inside
 * `readDocument` for the document the tree came from.
 */
import { XMLParser } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

const TEXT = '#text';
const METADATA = XMLParser.getMetaDataSymbol() as unknown as symbol;
const attributeCache = Symbol('attributes');
const childIndex = Symbol('children by name');
const NONE: readonly XmlNode[] = Object.freeze([]);

type IndexedNode = XmlNode & { [childIndex]?: Map<string, XmlNode[]> };
type AttributedNode = XmlNode & { [attributeCache]?: ReadonlyMap<string, string> };

/** The element's own name: its one string key (the metadata sits under a symbol). */
export function elementName(node: XmlNode): string | null {
  for (const key in node) return key;
  return null;
}

function contentOf(node: XmlNode): readonly XmlNode[] {
  const name = elementName(node);
  const content = name === null ? undefined : node[name];
  return Array.isArray(content) ? (content as XmlNode[]) : NONE;
}

function index(node: IndexedNode): Map<string, XmlNode[]> {
  let byName = node[childIndex];
  if (byName === undefined) {
    byName = new Map();
    const content = contentOf(node);
    for (let at = 0; at < content.length; at++) {
      const item = content[at] as XmlNode;
      const name = elementName(item);
      if (name === null || name === TEXT) continue;
      const list = byName.get(name);
      if (list === undefined) byName.set(name, [item]);
      else list.push(item);
    }
    node[childIndex] = byName;
  }
  return byName;
}

export function childNodes(node: XmlNode | undefined, name: string): readonly XmlNode[] {
  return node === undefined ? NONE : (index(node).get(name) ?? NONE);
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node === undefined ? undefined : index(node).get(name)?.[0];
}

/** The element's text (raw for raw elements), or null when absent. */
export function textOf(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  const content = contentOf(node);
  // Most elements hold one text node: hand it back without building a new string.
  if (content.length === 1) {
    const value = (content[0] as XmlNode)[TEXT];
    return value === undefined ? '' : typeof value === 'string' ? value : String(value);
  }
  let text = '';
  for (let at = 0; at < content.length; at++) {
    const value = (content[at] as XmlNode)[TEXT];
    if (value !== undefined) text += String(value);
  }
  return text;
}

/** Trimmed text of the first child `name`, null when absent or empty. */
export function childText(node: XmlNode | undefined, name: string): string | null {
  const element = child(node, name);
  if (element === undefined) return null;
  const text = (textOf(element) as string).trim();
  return text === '' ? null : text;
}

interface SourceDocument {
  text: string;
  decode: (value: string) => string;
}

let current: SourceDocument | null = null;

/**
 * Runs `read` over a tree parsed from `text` (with `decode` the entity decoder of that parse), so its
 * attributes can be read.
 */
export function readDocument<T>(text: string, decode: (value: string) => string, read: () => T): T {
  const outer = current;
  current = { text, decode };
  try {
    return read();
  } finally {
    current = outer;
  }
}

const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
/** fast-xml-parser's attribute syntax: name, then optionally `=` and a quoted value. */
const ATTRIBUTE = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/g;
const SPACE = /\s/;

function attributesOf(node: XmlNode | undefined): ReadonlyMap<string, string> {
  if (node === undefined) return NO_ATTRIBUTES;
  const cached = (node as AttributedNode)[attributeCache];
  if (cached !== undefined) return cached;
  if (current === null) throw new Error('feed attributes read outside readDocument');
  const metadata = (node as Record<symbol, unknown>)[METADATA] as { startIndex?: number } | undefined;
  const start = metadata?.startIndex;
  const attributes = start === undefined ? NO_ATTRIBUTES : readAttributes(current, start);
  (node as AttributedNode)[attributeCache] = attributes;
  return attributes;
}

/** The attributes of the start tag at `start` ('<'), read as fast-xml-parser reads them. */
function readAttributes(document: SourceDocument, start: number): ReadonlyMap<string, string> {
  const { text } = document;
  let end = start + 1;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (code === 62) break;
    // A quoted value is skipped whole: a '>' inside it does not end the tag.
    if (code === 34 || code === 39) {
      end = text.indexOf(code === 34 ? '"' : "'", end + 1);
      if (end === -1) return NO_ATTRIBUTES;
    }
  }
  const tag = text.slice(start + 1, end);
  const separator = tag.search(SPACE);
  if (separator === -1) return NO_ATTRIBUTES;
  let expression = tag.slice(separator + 1).trimStart();
  if (expression.endsWith('/')) expression = expression.slice(0, -1);
  let attributes: Map<string, string> | null = null;
  for (const match of expression.matchAll(ATTRIBUTE)) {
    const value = match[3] ?? match[4];
    // A name without a value is no attribute (fast-xml-parser's allowBooleanAttributes is off).
    if (value === undefined || match[1] === undefined) continue;
    attributes ??= new Map();
    attributes.set(match[1], document.decode(value.trim()));
  }
  return attributes ?? NO_ATTRIBUTES;
}

/** Whether the element carries any attribute at all (most feed elements carry none). */
export function hasAttributes(node: XmlNode | undefined): boolean {
  return attributesOf(node).size !== 0;
}

export function attribute(node: XmlNode | undefined, name: string): string | null {
  return attributesOf(node).get(name) ?? null;
}

/** All attribute values whose name starts with `prefix` (e.g. the xmlns declarations). */
export function attributesStartingWith(node: XmlNode, prefix: string): string[] {
  const values: string[] = [];
  for (const [name, value] of attributesOf(node)) if (name.startsWith(prefix)) values.push(value);
  return values;
}
