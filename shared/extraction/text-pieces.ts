/**
 * How many pieces of text Readability will handle on a page. linkedom makes a text node of every
 * character reference (`&amp;`, `&nbsp;`) it parses, and Readability, when it retries with looser
 * settings, re-parses the page from its own serialisation, in which every `&`, `<`, `>` and no-break
 * space of the text is a character reference again. Its cost grows with those nodes, some 30 µs of
 * CPU each: a page of 80,000 `&` took 2.3 s, and a 5 MB one would take minutes. The count is taken
 * on the parsed tree, without recursion, before Readability runs.
 */
import type { DomNode } from './dom.ts';
import { TEXT_NODE } from './dom.ts';

/**
 * The most text pieces a page may have. The 121 benchmark pages (tuned on) have at most 13,661,
 * the others at most 2,517 (median 697); at this limit Readability takes about 0.8 s of CPU.
 */
export const MAX_TEXT_PIECES = 30_000;

/** Characters the serialiser writes as character references, each a text node when parsed again. */
function isEscaped(code: number): boolean {
  return code === 0x26 || code === 0x3c || code === 0x3e || code === 0xa0;
}

/**
 * Text nodes under `root`, plus the characters in them that would each become one when the page is
 * serialised and parsed again; stops as soon as the count passes `limit`, returning a count above it.
 */
export function textPieces(root: DomNode, limit: number): number {
  let pieces = 0;
  const pending: DomNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.nodeType === TEXT_NODE) {
      pieces += 1;
      const text = node.textContent ?? '';
      for (let index = 0; index < text.length; index += 1) if (isEscaped(text.charCodeAt(index))) pieces += 1;
      if (pieces > limit) return pieces;
      continue;
    }
    const children = node.childNodes;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index];
      if (child !== undefined) pending.push(child);
    }
  }
  return pieces;
}
