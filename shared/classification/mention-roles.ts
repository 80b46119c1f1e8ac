/**
 * What part a country plays where it is named. A mention is an actor when a verb of saying or doing
 * follows it ("The UK's foreign secretary said"), and so is every country listed with it ("Mali,
 * Niger and Burkina Faso announced"); it is a broker when the words around it make it the mediator
 * or the venue ("talks mediated by Qatar", "Egyptian mediators"). Two countries are linked as the
 * parties of one relation by a compound ("Pak-US", "Sino-Indian") or by "between X and Y".
 */
import { isActing, isBroker, isStateDemonym } from './context-rules.ts';
import { type GeoMention, KIND_WEIGHTS } from './country-salience.ts';

export interface PairLink {
  sentence: number;
  codes: [string, string];
}

const COMPOUND_JOIN = /^\s*[-‐‑–—/]\s*$/;
const LIST_JOIN = /^\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?$/;
const BETWEEN_BEFORE = /\bbetween\s+(?:the\s+)?$/i;
const AND_JOIN = /^\s*(?:and|&)\s+(?:the\s+)?$/;
/** A metonym joined to the country before it ("Pakistan's Foreign Office", "Indian Foreign Secretary"). */
const OWNER_JOIN = /^(?:['’]s)?\s+(?:the\s+)?$/;

/**
 * Reads each mention's role and the links between countries. Drops metonyms that belong to the
 * country named just before them, so "Pakistan's Foreign Office" is not read as the United Kingdom.
 */
export function readMentionRoles(
  document: string,
  starts: readonly number[],
  found: readonly GeoMention[],
): { mentions: GeoMention[]; links: PairLink[] } {
  const mentions: GeoMention[] = [];
  for (const mention of found) {
    const previous = mentions[mentions.length - 1];
    const owned =
      previous !== undefined &&
      previous.code !== mention.code &&
      (mention.kind === 'government' || mention.kind === 'institution') &&
      OWNER_JOIN.test(document.slice(previous.end, mention.start));
    if (!owned) mentions.push({ ...mention });
  }

  const links: PairLink[] = [];
  mentions.forEach((mention, index) => {
    const sentenceEnd = starts[mention.sentence + 1] ?? document.length;
    if (mention.kind === 'demonym' && isStateDemonym(document, mention.end)) mention.kind = 'government';
    if (isBroker(document, mention.start, mention.end)) mention.role = 'broker';
    else if (isActing(document, mention.end, sentenceEnd)) mention.role = 'actor';

    const next = mentions[index + 1];
    if (next === undefined || next.sentence !== mention.sentence) return;
    const between = document.slice(mention.end, next.start);
    if (COMPOUND_JOIN.test(between)) {
      links.push({ sentence: mention.sentence, codes: [mention.code, next.code] });
      // Both halves of "Sino-Indian" or "Franco-German" name a country, whatever form each takes.
      for (const half of [mention, next]) {
        if (KIND_WEIGHTS[half.kind] < KIND_WEIGHTS.compound) half.kind = 'compound';
      }
    } else if (
      AND_JOIN.test(between) &&
      BETWEEN_BEFORE.test(document.slice(Math.max(0, mention.start - 16), mention.start))
    ) {
      links.push({ sentence: mention.sentence, codes: [mention.code, next.code] });
    }
  });

  // Countries listed together share the list's verb: walk back from each actor through the list.
  for (let index = mentions.length - 1; index > 0; index -= 1) {
    const mention = mentions[index];
    const before = mentions[index - 1];
    if (mention === undefined || before === undefined || mention.role !== 'actor') continue;
    if (before.sentence === mention.sentence && before.role === 'plain') {
      if (LIST_JOIN.test(document.slice(before.end, mention.start))) before.role = 'actor';
    }
  }
  return { mentions, links };
}
