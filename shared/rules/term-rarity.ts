/**
 * How rare a presearch key is likely to be in news text, without a corpus at hand: the presearcher
 * indexes an AND by its rarest part, so that a rule is only evaluated for the few articles that
 * could match it. Long words are rarer than short ones; the commonest words of English news are
 * the least telling of all; labels are as common as the share of the news they describe.
 */
import type { LabelField } from './article-labels.ts';
import { wordKey } from './normalise.ts';

// Keys (folded, plural-free) of the words found in most articles: function words and the like.
const FUNCTION_WORDS =
  keySet(`a about above after again against all also an and any are as at be because been before
  being between both but by can could did do does during each even for from had has have he her here him his how
  i if in into is it its just like made make many may me more most much must my no not now of off on one only or
  other our out over own same say says said she should since so some still such than that the their them then
  there these they this those through to too under up us very was way we were what when where which while who
  will with would you your`);

// Keys of words that most news articles use somewhere, however long: a rule is better indexed by
// a name or a rarer term beside them.
const NEWS_WORDS = keySet(`according action added administration affair agency agreement aid already announced
  annual another area army around attack authority back bank based became become behind bilateral billion
  board border budget business called campaign capital case central change chief citizen city claim close
  commission committee community company concern conference confidence continue control cooperation council
  country court crisis current deal decision defence demand department deputy despite development director
  discuss dispute district during early economic economy effort election end energy engagement expected
  family federal finance first following force foreign former forum friday future general global government
  group head health help high however house important including increase industry information interest
  interior international investment issue job joint june last later law leader leadership least legal
  level local long major march market media meeting member military million minister ministry month monday
  move national need network new news next number office officer official operation opposition order
  organisation part party past people percent plan police policy political power president press pressure
  prime private process programme project province public question recent region regional relation report
  reported representative resource response result right role security senior service session several
  side situation social source south spokesperson statement state strategic support system talk team term
  thursday time today told trade tuesday united visit war water wednesday week well whether world year
  yesterday`);

function keySet(words: string): Set<string> {
  return new Set(
    words
      .split(/\s+/)
      .filter((word) => word !== '')
      .map(wordKey),
  );
}

const LABEL_RARITY: Record<LabelField, number> = {
  lang: 1,
  relation: 3,
  topic: 4,
  country: 5,
  source: 6,
  pair: 9,
};
// "Any label in this field", as a label wildcard needs: present in nearly every classified article.
const ANY_LABEL_RARITY = 0.5;
const LONGEST_TELLING_LENGTH = 12;

export function wordRarity(key: string): number {
  if (FUNCTION_WORDS.has(key)) return 1;
  if (NEWS_WORDS.has(key)) return 3;
  return 2 + Math.min(key.length, LONGEST_TELLING_LENGTH);
}

export function prefixRarity(prefix: string): number {
  return Math.min(prefix.length, LONGEST_TELLING_LENGTH);
}

export function labelRarity(field: LabelField, anyValue: boolean): number {
  return anyValue ? ANY_LABEL_RARITY : LABEL_RARITY[field];
}
