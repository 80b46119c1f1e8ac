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

export class FeedEntityDecoder {
  private declared = new Map<string, string>();
  private expandedCharacters = 0;

  reset(): this {
    this.declared = new Map();
    this.expandedCharacters = 0;
    return this;
  }

  setXmlVersion(): void {}

  /** Entities registered on the parser itself: wirewatch registers none. */
  setExternalEntities(): void {}

  addInputEntities(entities: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(entities)) {
      const text = typeof value === 'string' ? value : (value as { val?: unknown } | null)?.val;
      if (typeof text === 'string') this.declared.set(name, text);
    }
  }

  decode(text: string): string {
    if (typeof text !== 'string' || text.indexOf('&') === -1) return text;
    const withDeclared =
      this.declared.size === 0
        ? text
        : text.replace(REFERENCE, (reference, name: string) => {
            const value = this.declared.get(name);
            if (value === undefined || this.expandedCharacters + value.length > MAX_EXPANDED_CHARACTERS) {
              return reference;
            }
            this.expandedCharacters += value.length;
            return value;
          });
    return decodeHTMLStrict(withDeclared);
  }
}
