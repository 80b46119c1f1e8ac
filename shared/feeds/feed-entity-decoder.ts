/**
 * The entity decoder fast-xml-parser calls for element text and attribute values. Takes text with
 * references; gives it with XML, numeric and HTML named references decoded (feeds use `&nbsp;`,
 * `&hearts;` … without declaring them, and feedparser reads them), plus the entities of the document's
 * DOCTYPE, which feed-xml has already reduced to short literals. Expansion of those is bounded per
 * document. One instance serves every parse: building the library's own decoder per document costs
 * more than parsing a small feed.
 */
import { decodeHTMLStrict } from 'entities';

const MAX_EXPANDED_CHARACTERS = 1_000_000;
const REFERENCE = /&([A-Za-z_][\w.-]*);/g;

/** One document's declared entities and how much of the expansion budget it has used. */
interface DocumentEntities {
  declared: Map<string, string>;
  expandedCharacters: number;
}

export class FeedEntityDecoder {
  private document: DocumentEntities = { declared: new Map(), expandedCharacters: 0 };

  reset(): this {
    this.document = { declared: new Map(), expandedCharacters: 0 };
    return this;
  }

  setXmlVersion(): void {}

  /** Entities registered on the parser itself: wirewatch registers none. */
  setExternalEntities(): void {}

  addInputEntities(entities: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(entities)) {
      const text = typeof value === 'string' ? value : (value as { val?: unknown } | null)?.val;
      if (typeof text === 'string') this.document.declared.set(name, text);
    }
  }

  decode(text: string): string {
    return decodeIn(this.document, text);
  }

  /**
   * A decoder for the document parsed last that stays bound to it after the next parse (its
   * attributes are decoded when read, after parsing), sharing that document's expansion budget.
   */
  forCurrentDocument(): (text: string) => string {
    const document = this.document;
    return (text) => decodeIn(document, text);
  }
}

function decodeIn(document: DocumentEntities, text: string): string {
  if (typeof text !== 'string' || text.indexOf('&') === -1) return text;
  const withDeclared =
    document.declared.size === 0
      ? text
      : text.replace(REFERENCE, (reference, name: string) => {
          const value = document.declared.get(name);
          if (value === undefined || document.expandedCharacters + value.length > MAX_EXPANDED_CHARACTERS) {
            return reference;
          }
          document.expandedCharacters += value.length;
          return value;
        });
  return decodeHTMLStrict(withDeclared);
}
