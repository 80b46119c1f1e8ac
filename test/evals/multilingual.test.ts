/** The multilingual eval: per-language labels and halves, texts in or out of the repository, scores per language. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  joinTexts,
  loadLanguages,
  type MultilingualArticle,
  main,
  parseLabelLines,
  parseTextLines,
  scoreByLanguage,
} from '../../evals/multilingual.ts';
import type { NewsPrediction } from '../../evals/news.ts';
import type { RelationType } from '../../shared/classification/pair-relations.ts';
import { captureOutput } from '../cli/capture-output.ts';

const labelLine = (id: string, half: string, labels: object): string => JSON.stringify({ id, half, labels });
const textLine = (id: string, title: string, text: string): string => JSON.stringify({ id, title, text });

const URDU_LABELS = [
  labelLine('ur-1', 'check', {
    countries: ['PK', 'US'],
    primaryPair: 'PK-US',
    topics: ['diplomacy'],
    relations: { 'PK-US': 'verbal-cooperation' },
  }),
  labelLine('ur-2', 'tuning', {
    countries: ['PK'],
    primaryPair: null,
    topics: ['counterterrorism'],
    relations: {},
  }),
].join('\n');
const URDU_TEXTS = [
  textLine('ur-1', 'پاکستان اور امریکہ', 'اسلام آباد اور واشنگٹن نے معاہدہ کیا۔'),
  textLine('ur-2', 'کوئٹہ میں حملہ', 'کوئٹہ میں سکیورٹی فورسز پر حملہ ہوا۔'),
].join('\n');
const PERSIAN_LABELS = labelLine('fa-1', 'check', {
  countries: [],
  primaryPair: null,
  topics: [],
  relations: {},
});
const PERSIAN_TEXTS = textLine('fa-1', 'جام جهانی', 'تیم ملی فوتبال پیروز شد.');
const CHINESE_LABELS = labelLine('zh-1', 'check', {
  countries: ['CN'],
  primaryPair: null,
  topics: [],
  relations: {},
});

const prediction = (
  countries: string[],
  primaryPair: string | null,
  topics: string[],
  relations: Record<string, RelationType> = {},
): NewsPrediction => ({ countries, primaryPair, topics, relations: new Map(Object.entries(relations)) });

/** Labels for ur (texts outside), fa (texts beside the labels) and zh (no texts anywhere). */
function writeFixture(root: string): { labelsDir: string; dataDir: string } {
  const labelsDir = join(root, 'labels');
  const dataDir = join(root, 'private');
  for (const lang of ['ur', 'fa', 'zh']) mkdirSync(join(labelsDir, lang), { recursive: true });
  mkdirSync(dataDir);
  writeFileSync(join(labelsDir, 'ur', 'labels.jsonl'), URDU_LABELS);
  writeFileSync(join(dataDir, 'ur.jsonl'), URDU_TEXTS);
  writeFileSync(join(labelsDir, 'fa', 'labels.jsonl'), PERSIAN_LABELS);
  writeFileSync(join(labelsDir, 'fa', 'articles.jsonl'), PERSIAN_TEXTS);
  writeFileSync(join(labelsDir, 'zh', 'labels.jsonl'), CHINESE_LABELS);
  return { labelsDir, dataDir };
}

describe('the multilingual eval', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reads each label line with its stored half', () => {
    // Act
    const items = parseLabelLines(URDU_LABELS, 'ur/labels.jsonl');

    // Assess
    expect(items.map((item) => [item.id, item.half])).toEqual([
      ['ur-1', 'check'],
      ['ur-2', 'tuning'],
    ]);
    expect(items[0]?.labels.relations).toEqual({ 'PK-US': 'verbal-cooperation' });
  });

  it('names the line of a half or a label it cannot use', () => {
    // Prepare
    const noHalf = labelLine('x', 'test', { countries: [], primaryPair: null, topics: [], relations: {} });
    const badTopic = labelLine('y', 'check', {
      countries: [],
      primaryPair: null,
      topics: ['sport'],
      relations: {},
    });

    // Act / Assess
    expect(() => parseLabelLines(`${URDU_LABELS}\n${noHalf}`, 'ur.jsonl')).toThrow(
      'ur.jsonl:3: "half" must be "tuning" or "check"',
    );
    expect(() => parseLabelLines(badTopic, 'ur.jsonl')).toThrow('ur.jsonl:1: unknown topic "sport"');
    expect(() => parseTextLines('{"id":"x","title":"t"}', 'texts.jsonl')).toThrow(
      'texts.jsonl:1: needs string "id", "title" and "text"',
    );
  });

  it('joins labels with texts and lists the labelled ids a stale text file lacks', () => {
    // Prepare
    const items = parseLabelLines(URDU_LABELS, 'labels');
    const partial = parseTextLines(textLine('ur-1', 't', 'x'), 'ur.jsonl');

    // Act
    const joined = joinTexts('ur', items, parseTextLines(URDU_TEXTS, 'ur.jsonl'), 'ur.jsonl');

    // Assess
    expect(joined.map((article) => [article.id, article.lang, article.half, article.title])).toEqual([
      ['ur-1', 'ur', 'check', 'پاکستان اور امریکہ'],
      ['ur-2', 'ur', 'tuning', 'کوئٹہ میں حملہ'],
    ]);
    expect(() => joinTexts('ur', items, partial, 'ur.jsonl')).toThrow(
      'ur.jsonl lacks 1 of 2 labelled ur articles (ur-2)',
    );
  });

  it('takes texts from beside the labels or from outside, and skips a language with none', async () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'wirewatch-multilingual-'));
    const { labelsDir, dataDir } = writeFixture(dir);

    // Act
    const everything = await loadLanguages(labelsDir, dataDir);
    const urduOnly = await loadLanguages(labelsDir, dataDir, ['ur']);

    // Assess
    expect(everything.articles.map((article) => article.id)).toEqual(['fa-1', 'ur-1', 'ur-2']);
    expect(everything.skipped).toEqual([
      { lang: 'zh', reason: `no texts (${join(dataDir, 'zh.jsonl')} is missing)` },
    ]);
    expect(urduOnly.articles.map((article) => article.lang)).toEqual(['ur', 'ur']);
    expect(urduOnly.skipped).toEqual([]);
    await expect(loadLanguages(labelsDir, dataDir, ['xx'])).rejects.toThrow(
      `no labels for xx in ${labelsDir}`,
    );
  });

  it('scores each language with the English metrics and all of them together', () => {
    // Prepare
    const articles: MultilingualArticle[] = [
      ...joinTexts('ur', parseLabelLines(URDU_LABELS, 'l'), parseTextLines(URDU_TEXTS, 't'), 't'),
      ...joinTexts('fa', parseLabelLines(PERSIAN_LABELS, 'l'), parseTextLines(PERSIAN_TEXTS, 't'), 't'),
    ];
    const predictions = [
      prediction(['PK', 'US'], 'PK-US', ['diplomacy'], { 'PK-US': 'verbal-conflict' }),
      prediction(['PK', 'AF'], 'AF-PK', []),
      prediction([], null, []),
    ];

    // Act
    const scores = scoreByLanguage(articles, predictions);

    // Assess: Urdu countries 3 right of 4 predicted and 3 expected; pair right on ur-1 only.
    expect(Object.keys(scores)).toEqual(['fa', 'ur', 'all']);
    expect(scores.ur?.countries).toEqual({ precision: 0.75, recall: 1, f1: 0.857 });
    expect(scores.ur?.primaryPairAccuracy).toBe(0.5);
    expect(scores.ur?.topics).toEqual({ precision: 1, recall: 0.5, f1: 0.667 });
    expect(scores.ur?.relation).toEqual({ onMatchedPair: 0, matchedDocs: 1, onGoldPair: 0, goldPairDocs: 1 });
    expect(scores.fa?.primaryPairAccuracy).toBe(1);
    expect(scores.fa?.offTopic).toEqual({ docs: 1, givenPair: 0 });
    expect(scores.all?.docs).toBe(3);
    expect(scores.all?.primaryPairAccuracy).toBe(0.667);
  });

  it('runs the chosen half, says which one it ran and which languages it skipped', async () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'wirewatch-multilingual-'));
    const { labelsDir, dataDir } = writeFixture(dir);
    const output = captureOutput();

    // Act
    let checkStatus: number;
    let jsonStatus: number;
    let human: string;
    try {
      checkStatus = await main(['--labels', labelsDir, '--data', dataDir]);
      human = output.stdout();
      jsonStatus = await main(['--labels', labelsDir, '--data', dataDir, '--half', 'tuning', '--json']);
    } finally {
      output.restore();
    }

    // Assess
    expect(checkStatus).toBe(0);
    expect(human).toContain('check half: never tuned on');
    expect(human).toContain('zh: skipped, no texts');
    expect(human).toMatch(/^fa {4}\s+1 /m);
    expect(human).toMatch(/^ur {4}\s+1 /m);
    expect(human).toMatch(/^all {3}\s+2 /m);
    expect(jsonStatus).toBe(0);
    const figures = JSON.parse(output.stdout().slice(human.length)) as Record<
      string,
      Record<string, { docs: number }>
    >;
    expect(Object.keys(figures)).toEqual(['tuning']);
    expect(Object.keys(figures.tuning ?? {})).toEqual(['ur', 'all']);
    expect(figures.tuning?.ur?.docs).toBe(1);
  });

  it('skips with a line and succeeds when no language has texts, and rejects a wrong half', async () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'wirewatch-multilingual-'));
    const { labelsDir } = writeFixture(dir);
    rmSync(join(labelsDir, 'fa', 'articles.jsonl'));
    const output = captureOutput();

    // Act
    let emptyStatus: number;
    let wrongStatus: number;
    try {
      emptyStatus = await main(['--labels', labelsDir, '--data', join(dir, 'nowhere')]);
      wrongStatus = await main(['--labels', labelsDir, '--half', 'both']);
    } finally {
      output.restore();
    }

    // Assess
    expect(emptyStatus).toBe(0);
    expect(output.stdout()).toContain('multilingual: skipped, no language has texts to score');
    expect(wrongStatus).toBe(2);
    expect(output.stderr()).toContain('--half must be one of tuning, check, all');
  });
});
