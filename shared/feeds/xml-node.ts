/**
 * Reading the element tree fast-xml-parser gives with `preserveOrder` (no second conversion pass):
 * each element is `{ [name]: children[], ':@'?: { '@_attr': value } }`, each text `{ '#text': value }`.
 * Takes elements; gives their children by name (indexed once per element), text and attributes.
 */

export type XmlNode = Record<string, unknown>;

const ATTRIBUTES = ':@';
const TEXT = '#text';
const childIndex = Symbol('children by name');

type IndexedNode = XmlNode & { [childIndex]?: Map<string, XmlNode[]> };

/** The element's own name: its one key besides the attributes. */
export function elementName(node: XmlNode): string | null {
  for (const key in node) if (key !== ATTRIBUTES) return key;
  return null;
}

function contentOf(node: XmlNode): XmlNode[] {
  const name = elementName(node);
  const content = name === null ? undefined : node[name];
  return Array.isArray(content) ? (content as XmlNode[]) : [];
}

function index(node: IndexedNode): Map<string, XmlNode[]> {
  let byName = node[childIndex];
  if (byName === undefined) {
    byName = new Map();
    for (const item of contentOf(node)) {
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

export function childNodes(node: XmlNode | undefined, name: string): XmlNode[] {
  return node === undefined ? [] : (index(node).get(name) ?? []);
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node === undefined ? undefined : index(node).get(name)?.[0];
}

/** The element's text (raw for raw elements), or null when absent. */
export function textOf(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  let text = '';
  for (const item of contentOf(node)) {
    const value = item[TEXT];
    if (value !== undefined) text += String(value);
  }
  return text;
}

/** Trimmed text of the first child `name`, null when absent or empty. */
export function childText(node: XmlNode | undefined, name: string): string | null {
  const text = textOf(child(node, name))?.trim();
  return text === undefined || text === '' ? null : text;
}

export function attribute(node: XmlNode | undefined, name: string): string | null {
  const attributes = node?.[ATTRIBUTES] as Record<string, unknown> | undefined;
  const value = attributes?.[`@_${name}`];
  return value === undefined ? null : String(value);
}

/** All attribute values whose name starts with `prefix` (e.g. the xmlns declarations). */
export function attributesStartingWith(node: XmlNode, prefix: string): string[] {
  const attributes = node[ATTRIBUTES] as Record<string, unknown> | undefined;
  if (attributes === undefined) return [];
  return Object.entries(attributes)
    .filter(([key]) => key.startsWith(`@_${prefix}`))
    .map(([, value]) => String(value));
}
