/**
 * The article-body quality metric of the scrapinghub article-extraction-benchmark (`evaluate.py`):
 * texts are cut into `\w+` tokens (Unicode, case kept), tokens into overlapping 4-token shingles,
 * and the two shingle multisets compared. Each page's counts are normalised to sum 1 so long
 * articles weigh no more than short ones; precision and recall are averaged over pages and F1
 * is taken from the two averages.
 */

/** Normalised true-positive, false-positive and false-negative shingle shares of one page. */
export interface ShingleCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface ExtractionScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export const SHINGLE_SIZE = 4;

// Python's `\w` on str: letters, numbers (any Unicode category N) and the underscore.
const WORD_TOKEN = /[\p{L}\p{N}_]+/gu;

export function wordTokens(text: string): string[] {
  return text.match(WORD_TOKEN) ?? [];
}

/**
 * Shingle multiset of a text. A text shorter than the shingle size still yields one shingle of all
 * its tokens, and an empty text none, as in the benchmark.
 */
export function shinglesOf(text: string, size = SHINGLE_SIZE): Map<string, number> {
  const tokens = wordTokens(text);
  const shingles = new Map<string, number>();
  const last = Math.max(1, tokens.length - size + 1);
  for (let start = 0; start < last && start < tokens.length; start += 1) {
    // U+0001 cannot occur inside a token, so joined shingles never collide.
    const key = tokens.slice(start, start + size).join('\u0001');
    shingles.set(key, (shingles.get(key) ?? 0) + 1);
  }
  return shingles;
}

export function shingleCounts(expected: string, predicted: string, size = SHINGLE_SIZE): ShingleCounts {
  const expectedShingles = shinglesOf(expected, size);
  const predictedShingles = shinglesOf(predicted, size);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, predictedCount] of predictedShingles) {
    const expectedCount = expectedShingles.get(key) ?? 0;
    tp += Math.min(expectedCount, predictedCount);
    fp += Math.max(0, predictedCount - expectedCount);
  }
  for (const [key, expectedCount] of expectedShingles) {
    fn += Math.max(0, expectedCount - (predictedShingles.get(key) ?? 0));
  }
  const total = tp + fp + fn;
  return total > 0 ? { tp: tp / total, fp: fp / total, fn: fn / total } : { tp, fp, fn };
}

export function pagePrecision({ tp, fp, fn }: ShingleCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function pageRecall({ tp, fp, fn }: ShingleCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Corpus scores. A page with an empty prediction counts towards recall only and a page with an
 * empty expected text towards precision only, exactly as the benchmark filters them.
 */
export function aggregateScores(pages: readonly ShingleCounts[]): ExtractionScores {
  const precision = mean(pages.filter((page) => page.tp + page.fp > 0).map(pagePrecision));
  const recall = mean(pages.filter((page) => page.tp + page.fn > 0).map(pageRecall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
