/**
 * Drop caps re-joined to their words. Magazines set an article's first letter in an element of its
 * own ("<div class="dropcap">I</div><p>slamabad is keen…"), which text extraction turns into a
 * stray "I" and a word "slamabad" that no classifier knows. The letter is moved into the text that
 * follows it when that text continues the word (starts with a lower-case letter) and the letter's
 * element is a block, is named like a drop cap, or touches the text directly.
 */
import { type DomDocument, type DomElement, type DomNode, TEXT_NODE } from './dom.ts';
import { isBlockTag } from './element-paragraphs.ts';

const SINGLE_CAPITAL = /^\s*(\p{Lu})\s*$/u;
const CONTINUES_WORD = /^\s*\p{Ll}/u;
const DROP_CAP_NAME = /drop-?cap|initial|first-?letter|big-?letter|capital/i;

/** The first text node after `element`'s subtree in document order that is not only white space. */
function followingText(element: DomElement): DomNode | null {
  let node: DomNode | null = element;
  while (node !== null) {
    let next: DomNode | null = node.nextSibling;
    let up: DomNode | null = node;
    while (next === null && up !== null) {
      up = up.parentNode;
      next = up?.nextSibling ?? null;
    }
    node = next;
    while (node !== null && node.nodeType !== TEXT_NODE && node.childNodes.length > 0) {
      node = node.childNodes[0] ?? null;
    }
    if (node !== null && node.nodeType === TEXT_NODE && (node.textContent ?? '').trim() !== '') return node;
  }
  return null;
}

function repairDropCap(element: DomElement): void {
  const letter = SINGLE_CAPITAL.exec(element.textContent ?? '')?.[1];
  if (letter === undefined) return;
  const text = followingText(element);
  const rest = text?.textContent ?? '';
  if (text === null || !CONTINUES_WORD.test(rest)) return;
  const touching = element.nextSibling === text && !/^\s/.test(rest);
  const named = DROP_CAP_NAME.test(
    `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`,
  );
  if (touching || named || isBlockTag(element.localName)) {
    text.textContent = letter + rest.trimStart();
    element.remove();
  }
}

export function repairDropCaps(document: DomDocument): void {
  const body = document.body;
  if (body === null) return;
  // Leaves in document order, found with a stack rather than recursion: a page nested 10,000 deep
  // overflowed the call stack here.
  const candidates: DomElement[] = [];
  const pending: DomElement[] = [body];
  for (let element = pending.pop(); element !== undefined; element = pending.pop()) {
    const children = element.children;
    if (children.length === 0) {
      if ((element.textContent ?? '').length <= 3) candidates.push(element);
      continue;
    }
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const child = children[index];
      if (child !== undefined) pending.push(child);
    }
  }
  for (const element of candidates) repairDropCap(element);
}
