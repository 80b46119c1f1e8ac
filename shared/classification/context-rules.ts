/**
 * Checks on the words around a gazetteer match that decide whether it names a country: part of a
 * person's name ("Michael Jordan"), the pronoun in an all-caps line ("LET US"), a compound-only prefix
 * ("Sino-" in "Sino-Indian"), a state abbreviation after a comma ("Greenwich, Conn.").
 */
import type { PersonNameContext } from './gazetteer.ts';

const LINE_WINDOW = 40;

/** Whether the line around text[start, end) has capitals and no lower-case letters (headline, dateline). */
export function isAllCapsContext(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const from = Math.max(lineStart, start - LINE_WINDOW);
  const to = Math.min(lineEnd === -1 ? text.length : lineEnd, end + LINE_WINDOW);
  const around = text.slice(from, start) + text.slice(end, to);
  return !/[a-z]/.test(around) && (around.match(/[A-Z]/g)?.length ?? 0) >= 3;
}

const WORD_BEFORE = /([A-Za-z][\w.'’-]*)[ \t]+$/;
const WORD_AFTER = /^[ \t]+([A-Za-z][\w'’-]*\.?)/;

/** The word right before `start`, separated by spaces only (no punctuation between). */
export function wordBefore(text: string, start: number): string | undefined {
  return WORD_BEFORE.exec(text.slice(Math.max(0, start - 30), start))?.[1];
}

/** The word right after `end`, separated by spaces only. */
export function wordAfter(text: string, end: number): string | undefined {
  return WORD_AFTER.exec(text.slice(end, end + 30))?.[1];
}

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first >= 'A' && first <= 'Z';
}

/**
 * Whether the match reads as part of a person's name: after a title ("Mr Washington"), or joined to a
 * capitalised word that is neither a function word nor a place word ("Michael Jordan", "Chad Smith",
 * but not "Lake Chad" or "Jordan Valley").
 */
export function isPersonNameContext(
  text: string,
  start: number,
  end: number,
  context: PersonNameContext,
): boolean {
  const before = wordBefore(text, start);
  if (before !== undefined && context.titles.has(before)) return true;
  if (isAllCapsContext(text, start, end)) return false;
  if (before !== undefined && isCapitalised(before) && !context.wordsBefore.has(before)) return true;
  const after = wordAfter(text, end);
  return after !== undefined && isCapitalised(after) && !context.wordsAfter.has(after.replace(/\.$/, ''));
}

const PRONOUN_NEIGHBOURS_BEFORE = new Set([
  'LET',
  'TOLD',
  'TELL',
  'TELLS',
  'GIVE',
  'GIVES',
  'HELP',
  'HELPS',
  'JOIN',
  'ASK',
  'ASKS',
  'SHOW',
  'SEND',
  'CALL',
  'MAKE',
  'MAKES',
  'LEAVE',
  'WITH',
  'AMONG',
  'ABOUT',
  'BEHIND',
  'OF',
  'BEFORE',
  'AFTER',
  'WE',
  'THEY',
]);
const PRONOUN_NEIGHBOURS_AFTER = new Set(['ALL', 'BOTH', 'OUT', 'DOWN', 'UP', 'IN']);

/** Whether an upper-case "US" in an all-caps line is the pronoun ("LET US", "TOLD US", "US ALL"). */
export function isCapsPronoun(text: string, start: number, end: number): boolean {
  if (!isAllCapsContext(text, start, end)) return false;
  const before = wordBefore(text, start);
  const after = wordAfter(text, end);
  return (
    (before !== undefined && PRONOUN_NEIGHBOURS_BEFORE.has(before)) ||
    (after !== undefined && PRONOUN_NEIGHBOURS_AFTER.has(after))
  );
}

const DASHES = '-‐‑–—';

/** Whether the match is joined to another word by a hyphen or dash ("Sino-Indian", "Indo-Pak"). */
export function isHyphenated(text: string, start: number, end: number): boolean {
  return DASHES.includes(text.charAt(end) || ' ') || (start > 0 && DASHES.includes(text.charAt(start - 1)));
}

/** Whether a comma precedes the match ("Greenwich, Conn."), as a state abbreviation needs. */
export function followsComma(text: string, start: number): boolean {
  let index = start - 1;
  while (index >= 0 && (text.charAt(index) === ' ' || text.charAt(index) === '\t')) index -= 1;
  return text.charAt(index) === ',';
}

/**
 * Words after which, in the same clause, a term is no evidence for its topic: negators ("did not
 * express any interest in domestic politics", "denied any attack") and labelling verbs ("which the
 * United States designates a terror group"). Found in the classifier's one pass.
 */
export const NON_EVIDENCE_WORDS: readonly string[] = [
  'not',
  'no',
  'never',
  'without',
  'nor',
  'neither',
  'denied',
  'denies',
  'deny',
  'ruled out',
  'rules out',
  'rejected',
  'cannot',
  ...['did', 'do', 'does', 'was', 'were', 'is', 'are', 'has', 'have', 'had', 'could', 'would', 'should'].map(
    (verb) => `${verb}n't`,
  ),
  "won't",
  "can't",
  'designates',
  'designated',
  'designate',
  'branded',
  'brands',
  'labelled',
  'labeled',
];
const NEGATION_WINDOW = 48;
/** Clause marks, with the Arabic-script and Chinese ones: a negator beyond one negates nothing here. */
const CLAUSE_END = /[,;:.،؛，；：、。]/;

/**
 * Whether the non-evidence word ending at `wordEnd` cancels a term starting at `start`: both in one
 * clause of one sentence, a few words apart.
 */
export function cancelsEvidence(
  text: string,
  wordEnd: number,
  sentenceStart: number,
  start: number,
): boolean {
  if (wordEnd > start || wordEnd < Math.max(sentenceStart, start - NEGATION_WINDOW)) return false;
  return !CLAUSE_END.test(text.slice(wordEnd, start));
}

/** "US one billion dollars": the words after a country that make it a currency. */
const CURRENCY_AFTER =
  /[ \t]*(?:[\d.,]+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|half a)[ \t]+(?:(?:hundred|thousand|million|billion|trillion|mln|bln|bn)[ \t]+)?dollars?\b/iy;
/** "U.S.-bound", "London-based", "Chinese-made": a participle describing something else. */
const MODIFIER_AFTER =
  /[-‐‑][ \t]*(?:bound|based|born|made|built|listed|registered|flagged|educated|trained|headquartered|owned|focused|centric|style|grown|raised|origin)\b/iy;
/** "Australian Open", "Qatar World Cup", "Bondi Beach": a sports event, a venue, a beach. */
const EVENT_AFTER =
  /[ \t]+(?:Open|Opens|Cup|World Cup|Championships?|Grand Prix|GP|Masters|Derby|Classic|Marathon|Trophy|Beach|Series|Premier League|Super League|Rally|Tour|Invitational|Gaming|Edition)\b/y;

function matchesAt(pattern: RegExp, text: string, end: number): boolean {
  pattern.lastIndex = end;
  return pattern.test(text);
}

/**
 * Whether the words right after a country word make it name something else: a currency ("US$10
 * billion", "US one billion dollars"), a description ("U.S.-bound flight", "London-based firm") or an
 * event or venue ("Australian Open", "Bondi Beach"), as stories outside public affairs do.
 */
export function namesSomethingElse(text: string, end: number): boolean {
  const next = text.charAt(end);
  if (next === '$') return true;
  if (next === '-' || next === '‐' || next === '‑') return matchesAt(MODIFIER_AFTER, text, end);
  if (next !== ' ' && next !== '\t') return false;
  const word = text.charAt(end + 1);
  return word >= 'A' && word <= 'Z'
    ? matchesAt(EVENT_AFTER, text, end)
    : matchesAt(CURRENCY_AFTER, text, end);
}

/** Nouns that turn a demonym into the state acting: "South Korean government", "Iranian officials". */
const STATE_NOUN_AFTER =
  /[ \t]+(?:government|officials?|authorities|president|prime minister|premier|foreign minister|minister|ministry|army|military|armed forces|forces|troops|navy|air force|embassy|ambassador|envoy|diplomats?|delegation|leaders?|leadership|counterpart|state media|parliament|coast guard|regime|administration|side)\b/iy;

export function isStateDemonym(text: string, end: number): boolean {
  return matchesAt(STATE_NOUN_AFTER, text, end);
}

/**
 * A country that acts: its mention is followed, within a few words of the same clause, by a verb of
 * saying, deciding or doing ("The UK's foreign secretary said", "Mali, Niger and Burkina Faso
 * announced"). Such countries are parties to the story even when named few times.
 */
const ACT_VERBS = new Set(
  (
    'said says say told announced announces agreed agrees signed signs accused accuses condemned condemns ' +
    'warned warns urged urges rejected rejects denied denies demanded demands called calls pledged pledges ' +
    'offered offers welcomed welcomes hosted hosts launched launches imposed imposes sanctioned attacked ' +
    'attacks struck strikes deployed deploys sent sends summoned summons expelled expels recalled threatened ' +
    'threatens vowed vows met meets held holds criticised criticized protested approved approves backed backs ' +
    'supported supports seized seizes arrested invaded bombed fired shot proposed proposes reached issued ' +
    'released declared insisted responded retaliated blamed blames ordered orders suspended suspends halted ' +
    'banned bans joined joins resumed resumes began begins opened opens discussed discusses negotiated ' +
    'talked traded exchanged clashed fought killed captured returned visited visits hailed praised thanked ' +
    'invited signed vetoed'
  ).split(' '),
);
/** Words between a country and its verb: "The UK's Foreign Secretary David Lammy said". */
const ACT_WINDOW_WORDS = 7;
const WORD = /[A-Za-z]+/g;
const CLAUSE_BREAKS = new Set([...',;:()“”"'].map((char) => char.charCodeAt(0)));
/** Characters from a verb to its object: "accused the government of Ethiopia". */
const OBJECT_WINDOW = 40;

/** Where the verb of an acting country ends, or -1 when the country does not act there. */
export function actingVerbEnd(text: string, end: number, sentenceEnd: number): number {
  const limit = Math.min(sentenceEnd, end + 64);
  let previousEnd = end;
  WORD.lastIndex = end;
  for (let words = 0; words < ACT_WINDOW_WORDS; words += 1) {
    const match = WORD.exec(text);
    if (match === null || match.index >= limit) return -1;
    // The clause ends at punctuation: in "China, which Britain accused, said" only China acts.
    if (hasClauseBreak(text, previousEnd, match.index)) return -1;
    previousEnd = match.index + match[0].length;
    if (ACT_VERBS.has(match[0])) return previousEnd;
  }
  return -1;
}

/** Whether the words from a verb to the next country stay in one clause: "Egypt accused Ethiopia". */
export function isObjectOfVerb(text: string, verbEnd: number, objectStart: number): boolean {
  return objectStart - verbEnd <= OBJECT_WINDOW && !hasClauseBreak(text, verbEnd, objectStart);
}

function hasClauseBreak(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) {
    if (CLAUSE_BREAKS.has(text.charCodeAt(index))) return true;
  }
  return false;
}

/** Words before a country that make it the go-between or the venue, not a party. */
const BROKER_BEFORE =
  /(?:mediated|brokered|hosted|facilitated|sponsored|arranged|convened) by(?: the)?[ \t]+$|\b(?:mediators?|mediation|go-between|host|hosts|hosted|venue)(?: from| of| in| by)?(?: the)?[ \t]+$/i;
const BROKER_HINTS = ['by', 'media', 'host', 'Host', 'Media', 'venue', 'go-between'];
const BROKER_AFTER =
  /(?:[-‐‑][ \t]*(?:brokered|mediated|hosted|led mediation)|[ \t]+(?:mediators?|mediation))\b/iy;

export function isBroker(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  return (
    (BROKER_HINTS.some((hint) => before.includes(hint)) && BROKER_BEFORE.test(before)) ||
    matchesAt(BROKER_AFTER, text, end)
  );
}
