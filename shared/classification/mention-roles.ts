/**
 * What part a country plays where it is named. A mention is an actor when a verb of saying or doing
 * follows it ("The UK's foreign secretary said"), and so is every country listed with it ("Mali,
 * Niger and Burkina Faso announced"); it is a broker when the words around it make it the mediator
 * or the venue ("talks mediated by Qatar", "Egyptian mediators"). Two countries are linked as the
 * parties of one relation by a compound ("Pak-US", "Sino-Indian"), by "between X and Y", by acting
 * together ("Egypt and Ethiopia resumed talks") or as actor and object ("Egypt accused Ethiopia").
 */
import { actingVerbEnd, isBroker, isObjectOfVerb, isStateDemonym } from './context-rules.ts';
import { type GeoMention, KIND_WEIGHTS } from './country-salience.ts';

export interface PairLink {
  sentence: number;
  codes: [string, string];
}

/** How a language says who acts, who is listed with whom, and "between X and Y". */
export interface RoleGrammar {
  /** The text between a country and a metonym that belongs to it. */
  ownerJoin: RegExp;
  /** The text between two countries listed together. */
  listJoin: RegExp;
  /** Whether two consecutive mentions are the parties of one relation: "between X and Y". */
  linksPair(text: string, first: GeoMention, second: GeoMention): boolean;
  /** Where the verb of the country named at [start, end) ends, or -1 when it does not act there. */
  actingVerbEnd(text: string, start: number, end: number, sentenceStart: number, sentenceEnd: number): number;
  isObjectOfVerb(text: string, verbEnd: number, objectStart: number): boolean;
  isBroker(text: string, start: number, end: number): boolean;
  /** Whether the demonym at [start, end) stands for the state: "Iranian officials", "le président américain". */
  isStateDemonym(text: string, start: number, end: number): boolean;
}

const MAX_JOIN = 12;
const COMPOUND_JOIN = /^\s*[-‐‑–—/]\s*$/;
const LIST_JOIN = /^\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?$/;
const BETWEEN_BEFORE = /\bbetween\s+(?:the\s+)?$/i;
const AND_JOIN = /^\s*(?:and|&)\s+(?:the\s+)?$/;
/** A metonym joined to the country before it ("Pakistan's Foreign Office", "Indian Foreign Secretary"). */
const OWNER_JOIN = /^(?:['’]s)?\s+(?:the\s+)?$/;

export const ENGLISH_ROLES: RoleGrammar = {
  ownerJoin: OWNER_JOIN,
  listJoin: LIST_JOIN,
  linksPair: (text, first, second) =>
    AND_JOIN.test(text.slice(first.end, second.start)) &&
    BETWEEN_BEFORE.test(text.slice(Math.max(0, first.start - 16), first.start)),
  actingVerbEnd: (text, _start, end, _sentenceStart, sentenceEnd) => actingVerbEnd(text, end, sentenceEnd),
  isObjectOfVerb,
  isBroker,
  isStateDemonym: (text, _start, end) => isStateDemonym(text, end),
};

/**
 * Reads each mention's role (updating the mentions) and the links between countries. Drops metonyms
 * that belong to the country named just before them, so "Pakistan's Foreign Office" is not read as
 * the United Kingdom.
 */
export function readMentionRoles(
  document: string,
  starts: readonly number[],
  found: GeoMention[],
  grammar: RoleGrammar = ENGLISH_ROLES,
): { mentions: GeoMention[]; links: PairLink[] } {
  const mentions: GeoMention[] = [];
  for (const mention of found) {
    const previous = mentions[mentions.length - 1];
    const owned =
      previous !== undefined &&
      previous.code !== mention.code &&
      (mention.kind === 'government' || mention.kind === 'institution') &&
      grammar.ownerJoin.test(document.slice(previous.end, mention.start));
    if (!owned) mentions.push(mention);
  }

  const links: PairLink[] = [];
  const verbEnds = new Map<GeoMention, number>();
  mentions.forEach((mention, index) => {
    const sentenceEnd = starts[mention.sentence + 1] ?? document.length;
    if (mention.kind === 'demonym' && grammar.isStateDemonym(document, mention.start, mention.end))
      mention.kind = 'government';
    const sentenceStart = starts[mention.sentence] ?? 0;
    const verbEnd = grammar.actingVerbEnd(document, mention.start, mention.end, sentenceStart, sentenceEnd);
    if (grammar.isBroker(document, mention.start, mention.end)) mention.role = 'broker';
    else if (verbEnd >= 0) {
      mention.role = 'actor';
      verbEnds.set(mention, verbEnd);
    }

    const next = mentions[index + 1];
    // Joins are short: "-", "/", " and the ".
    if (next === undefined || next.sentence !== mention.sentence || next.start - mention.end > MAX_JOIN)
      return;
    const between = document.slice(mention.end, next.start);
    if (COMPOUND_JOIN.test(between)) {
      links.push({ sentence: mention.sentence, codes: [mention.code, next.code] });
      // Both halves of "Sino-Indian" or "Franco-German" name a country, whatever form each takes.
      for (const half of [mention, next]) {
        if (KIND_WEIGHTS[half.kind] < KIND_WEIGHTS.compound) half.kind = 'compound';
      }
    } else if (grammar.linksPair(document, mention, next)) {
      links.push({ sentence: mention.sentence, codes: [mention.code, next.code] });
    }
  });

  // Countries listed together share the list's verb ("Mali, Niger and Burkina Faso said"), act
  // together, and act on the country the verb names next ("Egypt accused Ethiopia").
  for (let index = mentions.length - 1; index >= 0; index -= 1) {
    const actor = mentions[index];
    const verbEnd = actor === undefined ? undefined : verbEnds.get(actor);
    if (actor === undefined || verbEnd === undefined) continue;
    const group = [actor];
    for (let before = index - 1; before >= 0; before -= 1) {
      const member = mentions[before];
      const next = group[group.length - 1];
      if (member === undefined || next === undefined || member.sentence !== actor.sentence) break;
      if (member.role === 'broker' || !grammar.listJoin.test(document.slice(member.end, next.start))) break;
      member.role = 'actor';
      group.push(member);
    }
    let objectIndex = index + 1;
    while ((mentions[objectIndex]?.start ?? Number.POSITIVE_INFINITY) < verbEnd) objectIndex += 1;
    const object = mentions[objectIndex];
    if (object !== undefined && object.sentence === actor.sentence && object.role !== 'broker') {
      if (grammar.isObjectOfVerb(document, verbEnd, object.start)) group.push(object);
    }
    for (let first = 0; first < group.length; first += 1) {
      for (let second = first + 1; second < group.length; second += 1) {
        const [a, b] = [group[first], group[second]];
        if (a !== undefined && b !== undefined && a.code !== b.code) {
          links.push({ sentence: actor.sentence, codes: [a.code, b.code] });
        }
      }
    }
  }
  return { mentions, links };
}
