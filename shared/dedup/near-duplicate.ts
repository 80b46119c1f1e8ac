/**
 * Near-duplicate fingerprints for wire copy that many sites republish with small edits: a 64-bit
 * SimHash (Charikar 2002) over 2-word shingles of the normalised text, written as 16 hex digits.
 *
 * Threshold: two articles are the same story when their fingerprints differ in at most 7 bits.
 * Measured on the benchmark articles of over 100 words (ground-truth bodies): a copy with a new
 * dateline and one word changed lands at a median of 1 bit, 95% within 5 and never beyond 6 bits
 * (cut to 150 words: within 8, 95% within 7); unrelated articles are at least 16 bits apart (0.1th
 * percentile 19, median 31, as random 64-bit pairs would be). 7 sits in that gap, looser than the 3
 * bits Manku et al. (WWW 2007) used for whole web pages, because news copies differ by a larger
 * share of a shorter text. 2-word shingles rather than 3: each edit disturbs fewer of them, while
 * unrelated texts stay as far apart.
 *
 * Candidate lookup: the 64 bits are cut into 4 bands of 16 bits, and a store keeps each fingerprint
 * under its 4 band values. Two fingerprints within 7 bits differ in at most one bit on some band
 * (pigeonhole: 4 bands each differing in 2 or more bits would make 8), so looking up each band's
 * value and its 16 one-bit neighbours (68 keys, candidateBandKeys) finds every fingerprint within
 * the threshold. Four bands of 16 bits without the neighbours would only guarantee 3 bits: a pair
 * 4 bits apart shares no band one time in ten, 5 apart a quarter, 7 apart 56 %, while the copies
 * measured above reach 7 bits. Eight bands of 8 bits (schema 1.1 and 1.2) gave
 * the guarantee with exact lookups but 8 stored items per article, and a band value shared by
 * 1/256 of all articles: at 20,000 articles a day each value's partition takes 78 a day, so the
 * newest 50 candidates a lookup reads reached back about 15 hours instead of the 7-day window. A
 * 16-bit value is shared by 1/65,536 of the articles: 50 candidates reach back 164 days at that
 * volume, and the window is covered up to about 23 times it.
 */

export const NEAR_DUPLICATE_MAX_DISTANCE = 7;
const SHINGLE_WORDS = 2;
const BANDS = 4;
const BAND_BITS = 16;
/** The values one band takes: one band key is shared by 1 / BAND_VALUES of all articles. */
export const BAND_VALUES = 2 ** BAND_BITS;
/** Schema 1.1 and 1.2 stored fingerprints under 8 bands of 8 bits, which expire 7 days after writing. */
const LEGACY_BANDS = 8;
const BITS = 64;

export interface StoryCandidate {
  readonly clusterId: string;
  readonly fingerprint: string;
}

function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** FNV-1a over UTF-16 code units from a given offset basis: 32 bits. */
function fnv1a(text: string, basis: number): number {
  let hash = basis;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32): FNV alone leaves the high bits of short keys poorly mixed.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function shinglesOf(words: readonly string[]): string[] {
  if (words.length <= SHINGLE_WORDS) return words.length === 0 ? [] : [words.join(' ')];
  const shingles: string[] = [];
  for (let start = 0; start + SHINGLE_WORDS <= words.length; start += 1) {
    shingles.push(words.slice(start, start + SHINGLE_WORDS).join(' '));
  }
  return shingles;
}

/** 64-bit SimHash of the text as 16 lower-case hex digits ("0000000000000000" for no words). */
export function simhashOf(text: string): string {
  const weights = new Int32Array(BITS);
  for (const shingle of shinglesOf(wordsOf(text))) {
    const high = fnv1a(shingle, 0x811c9dc5);
    const low = fnv1a(shingle, 0x050c5d1f);
    for (let bit = 0; bit < 32; bit += 1) {
      weights[bit] = (weights[bit] ?? 0) + ((high >>> (31 - bit)) & 1 ? 1 : -1);
      weights[bit + 32] = (weights[bit + 32] ?? 0) + ((low >>> (31 - bit)) & 1 ? 1 : -1);
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit += 1) {
    if ((weights[bit] ?? 0) > 0) high |= 1 << (31 - bit);
    if ((weights[bit + 32] ?? 0) > 0) low |= 1 << (31 - bit);
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

function halvesOf(fingerprint: string): [number, number] {
  if (!/^[0-9a-f]{16}$/i.test(fingerprint))
    throw new TypeError(`Not a 64-bit hex fingerprint: ${fingerprint}`);
  return [Number.parseInt(fingerprint.slice(0, 8), 16), Number.parseInt(fingerprint.slice(8), 16)];
}

function popcount(value: number): number {
  let bits = value >>> 0;
  let count = 0;
  while (bits !== 0) {
    bits &= bits - 1;
    count += 1;
  }
  return count;
}

/** Number of differing bits between two fingerprints (0–64). */
export function hammingDistance(a: string, b: string): number {
  const [highA, lowA] = halvesOf(a);
  const [highB, lowB] = halvesOf(b);
  return popcount(highA ^ highB) + popcount(lowA ^ lowB);
}

function bandsOf(fingerprint: string, bands: number): string[] {
  halvesOf(fingerprint);
  const width = 16 / bands;
  return Array.from({ length: bands }, (_, band) => {
    const digits = fingerprint.slice(band * width, (band + 1) * width).toLowerCase();
    return `${band}:${digits}`;
  });
}

/** Keys a fingerprint is stored under: "<band>:<4 hex digits>" for each of its 4 16-bit bands. */
export function fingerprintBands(fingerprint: string): string[] {
  return bandsOf(fingerprint, BANDS);
}

/**
 * Keys to look up to find every stored fingerprint within NEAR_DUPLICATE_MAX_DISTANCE: each band's
 * own key, then the keys of its 16 one-bit neighbours (68 in all).
 */
export function candidateBandKeys(fingerprint: string): string[] {
  return fingerprintBands(fingerprint).flatMap((key) => {
    const [band, digits] = key.split(':') as [string, string];
    const value = Number.parseInt(digits, 16);
    const neighbours = Array.from(
      { length: BAND_BITS },
      (_, bit) => `${band}:${(value ^ (1 << bit)).toString(16).padStart(BAND_BITS / 4, '0')}`,
    );
    return [key, ...neighbours];
  });
}

/**
 * Keys schema 1.1 and 1.2 stored fingerprints under: "<band>:<2 hex digits>" for 8 8-bit bands.
 * Fingerprints within the threshold share one. Read (and deleted) until those items expire.
 */
export function legacyFingerprintBands(fingerprint: string): string[] {
  return bandsOf(fingerprint, LEGACY_BANDS);
}

/**
 * The story cluster an article with this fingerprint belongs to: the closest candidate within
 * `maxDistance` bits (the first one on a tie), or null when it starts a new story.
 */
export function clusterIdFor(
  fingerprint: string,
  candidates: Iterable<StoryCandidate>,
  maxDistance = NEAR_DUPLICATE_MAX_DISTANCE,
): string | null {
  let best: StoryCandidate | null = null;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = hammingDistance(fingerprint, candidate.fingerprint);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best?.clusterId ?? null;
}
