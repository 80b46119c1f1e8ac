/** The news eval: JSONL labels, the fixed halves, and the scores against hand-made predictions. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  main,
  mistakesOf,
  type NewsPrediction,
  parseNewsJsonl,
  predictionOf,
  scoreNews,
  splitOf,
} from '../../evals/news.ts';
import type { Classification } from '../../shared/classification/classifier.ts';
import type { RelationType } from '../../shared/classification/pair-relations.ts';
import { captureOutput } from '../cli/capture-output.ts';

const line = (id: string, title: string, text: string, labels: object): string =>
  JSON.stringify({ id, title, text, source: { outlet: 'Test Wire' }, labels });

const JSONL = [
  line('a1', 'Pakistan and US sign trade pact', 'Islamabad and Washington agreed.', {
    countries: ['PK', 'US'],
    primaryPair: 'PK-US',
    topics: ['diplomacy', 'trade'],
    relations: { 'PK-US': 'verbal-cooperation' },
  }),
  line('a2', 'Iran warns the United States', 'Tehran threatened Washington.', {
    countries: ['IR', 'US'],
    primaryPair: 'IR-US',
    topics: ['security-defence'],
    relations: { 'IR-US': 'verbal-conflict' },
  }),
  line('a3', 'Slow-roasted tomatoes', 'Heat the oven and add olive oil.', {
    countries: [],
    primaryPair: null,
    topics: [],
    relations: {},
  }),
  '',
  line('a4', 'French cabinet reshuffled', 'The prime minister named three ministers.', {
    countries: ['FR'],
    primaryPair: null,
    topics: ['domestic-politics'],
    relations: {},
  }),
].join('\n');

const prediction = (
  countries: string[],
  primaryPair: string | null,
  topics: string[],
  relations: Record<string, RelationType> = {},
): NewsPrediction => ({
  countries,
  primaryPair,
  topics,
  relations: new Map(Object.entries(relations)),
});

const PREDICTIONS = [
  prediction(['PK', 'US', 'IN'], 'PK-US', ['diplomacy'], { 'PK-US': 'verbal-cooperation' }),
  prediction(['IR'], null, ['security-defence', 'conflict']),
  prediction(['GB', 'FR'], 'FR-GB', [], { 'FR-GB': 'none' }),
  prediction(['FR'], null, ['domestic-politics']),
];

describe('the news eval', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('parses one labelled article per line and skips blank lines', () => {
    // Act
    const articles = parseNewsJsonl(JSONL, 'test.jsonl');

    // Assess
    expect(articles.map((article) => article.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(articles[0]?.labels.relations).toEqual({ 'PK-US': 'verbal-cooperation' });
    expect(articles[0]?.source).toEqual({ outlet: 'Test Wire' });
  });

  it('names the line of a label it cannot use', () => {
    // Prepare
    const bad = `${JSONL}\n${line('a5', 't', 'x', { countries: [], primaryPair: null, topics: ['sport'], relations: {} })}`;

    // Act / Assess
    expect(() => parseNewsJsonl(bad, 'bad.jsonl')).toThrow('bad.jsonl:6: unknown topic "sport"');
    expect(() => parseNewsJsonl('{"id":"x"}', 'ids.jsonl')).toThrow(
      'ids.jsonl:1: needs string "id", "title" and "text"',
    );
  });

  it('scores countries and topics micro-averaged, the pair with null as an answer, and the relation two ways', () => {
    // Prepare
    const articles = parseNewsJsonl(JSONL, 'test.jsonl');

    // Act
    const scores = scoreNews(articles, PREDICTIONS);

    // Assess: countries 4 right of 7 predicted and 5 expected; pairs right on a1 and a4 (null = null).
    expect(scores.docs).toBe(4);
    expect(scores.countries).toEqual({ precision: 0.571, recall: 0.8, f1: 0.667 });
    expect(scores.primaryPairAccuracy).toBe(0.5);
    expect(scores.topics).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(scores.relation).toEqual({ onMatchedPair: 1, matchedDocs: 1, onGoldPair: 0.5, goldPairDocs: 2 });
    expect(scores.offTopic).toEqual({ docs: 1, givenPair: 1 });
    expect(scores.perTopic).toEqual({
      diplomacy: { precision: 1, recall: 1, f1: 1, support: 1 },
      'security-defence': { precision: 1, recall: 1, f1: 1, support: 1 },
      conflict: { precision: 0, recall: 0, f1: 0, support: 0 },
      trade: { precision: 0, recall: 0, f1: 0, support: 1 },
      'domestic-politics': { precision: 1, recall: 1, f1: 1, support: 1 },
    });
  });

  it('lists what each article got wrong, expected → got', () => {
    // Prepare
    const [first, second] = parseNewsJsonl(JSONL, 'test.jsonl');
    const wrongRelation = prediction(['PK', 'US'], 'PK-US', ['diplomacy', 'trade'], {
      'PK-US': 'verbal-conflict',
    });

    // Act / Assess
    expect(second && mistakesOf(second, PREDICTIONS[1] as NewsPrediction)).toEqual([
      'countries IR US → IR',
      'pair IR-US → null',
      'topics security-defence → security-defence conflict',
    ]);
    expect(first && mistakesOf(first, wrongRelation)).toEqual([
      'relation verbal-cooperation → verbal-conflict',
    ]);
  });

  it('reads each reported pair’s relation', () => {
    // Prepare
    const classification = {
      countries: [],
      pairs: [
        { pair: 'PK-US', score: 0.9, evidence: [], relation: { type: 'material-conflict', evidence: 'x' } },
        { pair: 'AF-PK', score: 0.4, evidence: [], relation: { type: 'none', evidence: null } },
      ],
      primaryPair: 'PK-US',
      topics: [],
    } as unknown as Classification;

    // Act
    const read = predictionOf(classification);

    // Assess
    expect([...read.relations]).toEqual([
      ['PK-US', 'material-conflict'],
      ['AF-PK', 'none'],
    ]);
  });

  it('fixes each half by the id alone, splitting ids about evenly', () => {
    // Prepare
    const ids = Array.from({ length: 200 }, (_, index) => `doc-${index}`);

    // Act
    const halves = ids.map(splitOf);

    // Assess
    const tuning = halves.filter((half) => half === 'tuning').length;
    expect(tuning).toBeGreaterThan(70);
    expect(tuning).toBeLessThan(130);
    expect(ids.map(splitOf)).toEqual(halves);
  });

  it('runs the classifier over a file outside the repository and prints the figures as JSON', async () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'wirewatch-news-'));
    const data = join(dir, 'news.jsonl');
    writeFileSync(data, JSONL);
    const output = captureOutput();

    // Act
    let status: number;
    try {
      status = await main(['--data', data, '--split', 'all', '--json']);
    } finally {
      output.restore();
    }

    // Assess
    expect(status).toBe(0);
    const figures = JSON.parse(output.stdout()) as Record<
      string,
      { docs: number; offTopic: { docs: number } }
    >;
    expect(Object.keys(figures)).toEqual(['all']);
    expect(figures.all?.docs).toBe(4);
    expect(figures.all?.offTopic.docs).toBe(1);
  });

  it('says which half was tuned on, and fails with the usage on a wrong split', async () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'wirewatch-news-'));
    const data = join(dir, 'news.jsonl');
    writeFileSync(data, JSONL);
    const output = captureOutput();

    // Act
    let status: number;
    let wrongSplit: number;
    try {
      status = await main(['--data', data]);
      wrongSplit = await main(['--data', data, '--split', 'train']);
    } finally {
      output.restore();
    }

    // Assess
    expect(status).toBe(0);
    expect(output.stdout()).toContain('tuning half: the classifier was tuned on it');
    expect(output.stdout()).toContain('check half: never tuned on');
    expect(wrongSplit).toBe(2);
    expect(output.stderr()).toContain('--split must be one of tuning, check, all');
  });
});
