/** The Reuters topic eval: category → topic map, story parsing and per-topic / averaged scores. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import mapData from '../../evals/reuters-topic-map.json' with { type: 'json' };
import {
  emptyTopicTally,
  expectedTopics,
  loadTopicMap,
  parseReutersTopicStories,
  type ReutersTopicStory,
  tallyStories,
  topicScoresOf,
} from '../../evals/reuters-topics.ts';
import { TOPIC_IDS } from '../../shared/classification/topic-ids.ts';

const SGML = `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="1">
<TOPICS><D>trade</D></TOPICS><PLACES><D>usa</D><D>japan</D></PLACES>
<TEXT><TITLE>U.S. AND JAPAN IN TRADE TALKS</TITLE><BODY>Trade talks resumed.</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" NEWID="2">
<TOPICS><D>crude</D><D>acq</D></TOPICS><PLACES></PLACES>
<TEXT><TITLE>OIL COMPANY BUYS STAKE</TITLE><BODY>Crude output and a stake.</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" NEWID="3">
<TOPICS><D>earn</D></TOPICS><PLACES></PLACES>
<TEXT><TITLE>ACME QTR NET</TITLE><BODY>Net profit rose.</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="4">
<TOPICS></TOPICS><PLACES></PLACES>
<TEXT><TITLE>NOT INDEXED</TITLE><BODY>Trade and tariffs.</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" NEWID="5">
<TOPICS><D>trade</D></TOPICS><PLACES></PLACES>
<TEXT TYPE="BRIEF"><TITLE>NO BODY</TITLE></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" NEWID="6">
<TOPICS><D>money-fx</D><D>dlr</D></TOPICS><PLACES></PLACES>
<TEXT><TITLE>DOLLAR FALLS</TITLE><BODY>The dollar fell.</BODY></TEXT>
</REUTERS>`;

describe('the Reuters topic map', () => {
  it('judges exactly trade, investment, energy-mining and economy-finance', () => {
    // Prepare
    const data = mapData;

    // Act
    const map = loadTopicMap(data);

    // Assess
    expect(map.judged).toEqual(['trade', 'investment', 'energy-mining', 'economy-finance']);
    expect([...map.labels.values()].every((topic) => (TOPIC_IDS as readonly string[]).includes(topic))).toBe(
      true,
    );
    expect(Object.keys(mapData.notes)).toEqual(expect.arrayContaining([...map.judged, 'not mapped']));
  });

  it('maps the economic categories and leaves company results, industry and farm goods unmapped', () => {
    // Prepare
    const map = loadTopicMap();

    // Act
    const topicOf = (category: string) => map.labels.get(category);

    // Assess
    expect(topicOf('trade')).toBe('trade');
    expect(topicOf('acq')).toBe('investment');
    for (const category of ['crude', 'nat-gas', 'gold', 'copper', 'zinc']) {
      expect(topicOf(category)).toBe('energy-mining');
    }
    for (const category of ['money-fx', 'interest', 'gnp', 'cpi', 'bop', 'money-supply', 'dlr']) {
      expect(topicOf(category)).toBe('economy-finance');
    }
    for (const category of ['earn', 'ship', 'grain', 'wheat', 'pet-chem', 'alum', 'iron-steel']) {
      expect(topicOf(category)).toBeUndefined();
    }
    expect(expectedTopics(['crude', 'nat-gas', 'acq', 'earn'], map)).toEqual(
      new Set(['energy-mining', 'investment']),
    );
  });

  it('rejects a category mapped to an unknown topic', () => {
    // Prepare
    const data = { map: { crude: 'oil' } };

    // Act
    const load = () => loadTopicMap(data);

    // Assess
    expect(load).toThrow(/"crude" maps to unknown topic "oil"/);
  });

  const catalogue = fileURLToPath(
    new URL('../../../shared/data/reuters/all-topics-strings.lc.txt', import.meta.url),
  );
  it.skipIf(!existsSync(catalogue))('maps only categories that Reuters-21578 defines', () => {
    // Prepare
    const defined = new Set(readFileSync(catalogue, 'latin1').split(/\s+/).filter(Boolean));

    // Act
    const undefinedCategories = [...loadTopicMap().labels.keys()].filter(
      (category) => !defined.has(category),
    );

    // Assess
    expect(undefinedCategories).toEqual([]);
  });
});

describe('the Reuters topic eval', () => {
  it('parses TOPICS categories and whether the story was indexed for them', () => {
    // Prepare
    const source = SGML;

    // Act
    const stories = parseReutersTopicStories(source);

    // Assess
    expect(stories.map((story) => [story.id, story.topics, story.indexed])).toEqual([
      ['1', ['trade'], true],
      ['2', ['crude', 'acq'], true],
      ['3', ['earn'], true],
      ['4', [], false],
      ['5', ['trade'], true],
      ['6', ['money-fx', 'dlr'], true],
    ]);
    expect(stories[0]).toMatchObject({ title: 'U.S. AND JAPAN IN TRADE TALKS', places: ['usa', 'japan'] });
  });

  it('scores judged topics only, on indexed stories with a body, with micro and macro averages', () => {
    // Prepare
    const map = loadTopicMap();
    const stories = parseReutersTopicStories(SGML);
    const predictions: Record<string, string[]> = {
      '1': ['trade', 'diplomacy'], // trade right; diplomacy is not judged
      '2': ['energy-mining', 'economy-finance'], // investment missed, economy-finance wrong
      '3': ['economy-finance'], // earn is unmapped: a false positive
      '4': ['trade'], // TOPICS="NO": skipped
      '5': [], // no body: skipped
      '6': ['economy-finance'], // right
    };
    const predict = (story: ReutersTopicStory) => predictions[story.id] ?? [];

    // Act
    const scores = topicScoresOf(tallyStories(emptyTopicTally(map), stories, predict, map));

    // Assess
    expect(scores).toEqual({
      docs: 4,
      topics: {
        trade: { precision: 1, recall: 1, f1: 1, support: 1 },
        investment: { precision: 0, recall: 0, f1: 0, support: 1 },
        'energy-mining': { precision: 1, recall: 1, f1: 1, support: 1 },
        'economy-finance': { precision: 0.333, recall: 1, f1: 0.5, support: 1 },
      },
      // 3 true positives, 2 false positives, 1 false negative.
      microPrecision: 0.6,
      microRecall: 0.75,
      microF1: 0.667,
      macroF1: 0.625,
    });
  });
});
