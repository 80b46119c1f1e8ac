/**
 * Reading the element tree fast-xml-parser gives with `preserveOrder` (no second conversion pass):
 * each element is `{ [name]: children[], ':@'?: { '@_attr': value } }`, each text `{ '#text': value }`.
 * Takes elements; gives their children by name (indexed once per element), text and attributes.
 * Absent children come back as one shared empty list, so reading a feed allocates only what it keeps.
 */

export type XmlNode = Record<string, unknown>;

const ATTRIBUTES = ':@';
const TEXT = '#text';
const childIndex = Symbol('children by name');
const NONE: readonly XmlNode[] = Object.freeze([]);

type IndexedNode = XmlNode & { [childIndex]?: Map<string, XmlNode[]> };

/** The element's own name: its one key besides the attributes. */
export function elementName(node: XmlNode): string | null {
  for (const key in node) if (key !== ATTRIBUTES) return key;
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

/** `@_name` for each attribute name asked for, built once rather than per lookup. */
const attributeKeys = new Map<string, string>();

function attributeKey(name: string): string {
  let key = attributeKeys.get(name);
  if (key === undefined) {
    key = `@_${name}`;
    attributeKeys.set(name, key);
  }
  return key;
}

/** Whether the element carries any attribute at all (most feed elements carry none). */
export function hasAttributes(node: XmlNode | undefined): boolean {
  return node?.[ATTRIBUTES] !== undefined;
}

export function attribute(node: XmlNode | undefined, name: string): string | null {
  const attributes = node?.[ATTRIBUTES] as Record<string, unknown> | undefined;
  if (attributes === undefined) return null;
  const value = attributes[attributeKey(name)];
  return value === undefined ? null : typeof value === 'string' ? value : String(value);
}

/** All attribute values whose name starts with `prefix` (e.g. the xmlns declarations). */
export function attributesStartingWith(node: XmlNode, prefix: string): string[] {
  const attributes = node[ATTRIBUTES] as Record<string, unknown> | undefined;
  if (attributes === undefined) return [];
  const key = attributeKey(prefix);
  const values: string[] = [];
  for (const name in attributes) if (name.startsWith(key)) values.push(String(attributes[name]));
  return values;
}
