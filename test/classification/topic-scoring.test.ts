/**
 * Topic thresholds: a single weak word never decides, several weighted hits or one strong phrase do,
 * as long as they come from more than one sentence or quotation; only the main topics are reported.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { loadTopicLexicon } from '../../shared/classification/topic-lexicon.ts';
import { mainTopics, scoreTopics, type TopicHit } from '../../shared/classification/topic-scoring.ts';

const lexicon = loadTopicLexicon();

function hit(text: string, sentence = 1, topicId = 'counterterrorism', unit = sentence): TopicHit {
  const topic = lexicon.findIndex((candidate) => candidate.id === topicId);
  const term = lexicon[topic]?.terms.find((candidate) => candidate.text === text);
  if (term === undefined) throw new Error(`no term ${text}`);
  return { topic, term, sentence, unit, zone: 'body' };
}

describe('topic scoring', () => {
  it('ignores one weak word, however often repeated', () => {
    // Prepare
    const hits = [hit('attack', 1), hit('attack', 2), hit('attack', 3), hit('attack', 4)];

    // Act
    const topics = scoreTopics(lexicon, hits);

    // Assess
    expect(topics).toEqual([]);
  });

  it('reports a topic from one strong phrase backed by a second sentence', () => {
    // Prepare
    const hits = [hit('counterterrorism', 1), hit('attack', 2)];

    // Act
    const topics = scoreTopics(lexicon, hits);

    // Assess
    expect(topics.map((topic) => topic.topic.id)).toEqual(['counterterrorism']);
    expect(topics[0]?.terms).toEqual(['counterterrorism', 'attack']);
  });

  it('scores a topic 0.5 at its threshold', () => {
    // Prepare
    const hits = [hit('terrorism', 1), hit('extremism', 2)];

    // Act
    const topics = scoreTopics(lexicon, hits);

    // Assess
    expect(topics[0]?.score).toBeCloseTo(1 - 0.5 ** (2.5 / 2), 3);
  });

  it('ignores a topic whose evidence sits in one sentence, however strong', () => {
    // Prepare
    const hits = [hit('terror attack', 4), hit('suicide bomber', 4)];

    // Act
    const topics = scoreTopics(lexicon, hits);

    // Assess
    expect(topics).toEqual([]);
  });

  it('counts a quotation running over several sentences as one piece of evidence', () => {
    // Prepare
    const quoted = [hit('terrorism', 5, 'counterterrorism', 5), hit('jihadists', 6, 'counterterrorism', 5)];
    const reported = [hit('terrorism', 5, 'counterterrorism', 5), hit('jihadists', 7, 'counterterrorism', 7)];

    // Act
    const fromQuote = scoreTopics(lexicon, quoted);
    const fromTwoSentences = scoreTopics(lexicon, reported);

    // Assess
    expect(fromQuote).toEqual([]);
    expect(fromTwoSentences.map((topic) => topic.topic.id)).toEqual(['counterterrorism']);
  });

  it('reports at most three topics, the strongest', () => {
    // Prepare
    const hits = [
      ...['bilateral relations', 'state visit', 'foreign policy', 'summit', 'envoy', 'ambassador'].map(
        (text, index) => hit(text, index + 1, 'diplomacy'),
      ),
      hit('tariffs', 1, 'trade'),
      hit('trade deal', 2, 'trade'),
      hit('trade talks', 3, 'trade'),
      hit('oil', 1, 'energy-mining'),
      hit('pipeline', 2, 'energy-mining'),
      hit('crude', 3, 'energy-mining'),
      hit('refinery', 4, 'energy-mining'),
      hit('elections', 3, 'domestic-politics'),
      hit('ballot', 4, 'domestic-politics'),
      hit('election', 5, 'domestic-politics'),
      hit('voters', 6, 'domestic-politics'),
      hit('election', 7, 'domestic-politics'),
      hit('militant', 1),
      hit('attack', 2),
      hit('bomb', 3),
    ];

    // Act
    const topics = mainTopics(scoreTopics(lexicon, hits));

    // Assess
    expect(topics.map((topic) => topic.topic.id)).toEqual(['diplomacy', 'trade', 'domestic-politics']);
  });

  it('leaves out a topic that passes its threshold but is far behind the main one', () => {
    // Prepare
    const diplomacy = [
      'bilateral relations',
      'state visit',
      'foreign policy',
      'summit',
      'envoy',
      'ambassador',
      'diplomacy',
      'counterpart',
      'delegation',
      'treaty',
      'official visit',
      'strategic partnership',
    ].map((text, index) => hit(text, index + 1, 'diplomacy'));
    const hits = [...diplomacy, hit('terrorism', 3), hit('extremism', 9)];

    // Act
    const passing = scoreTopics(lexicon, hits);
    const topics = mainTopics(passing);

    // Assess
    expect(passing.map((topic) => topic.topic.id)).toEqual(['diplomacy', 'counterterrorism']);
    expect(topics.map((topic) => topic.topic.id)).toEqual(['diplomacy']);
  });

  it('reports a topic from several weaker terms that together reach the threshold', () => {
    // Prepare
    const hits = [hit('militants', 1), hit('bombing', 2), hit('extremist', 3)];

    // Act
    const topics = scoreTopics(lexicon, hits);

    // Assess
    expect(topics[0]?.topic.id).toBe('counterterrorism');
    expect(topics[0]?.sentences[0]).toBe(3);
  });

  it('maps every topic to IPTC media topic codes', () => {
    // Prepare
    const code = /^medtop:\d{8}$/;

    // Act
    const codes = lexicon.flatMap((topic) => topic.iptc);

    // Assess
    expect(lexicon).toHaveLength(15);
    for (const topic of lexicon) expect(topic.iptc.length).toBeGreaterThan(0);
    for (const entry of codes) expect(entry).toMatch(code);
  });

  it('takes no evidence from a negated clause', () => {
    // Prepare
    const article = {
      title: 'Envoys meet',
      text: 'The delegation did not express any interest in domestic politics. It held talks on the election of a new chair. The ambassador left.',
    };

    // Act
    const topics = createClassifier().classify(article).topics;

    // Assess
    expect(topics.map((topic) => topic.id)).not.toContain('domestic-politics');
  });

  it('gives evidence terms and sentences from an article', () => {
    // Prepare
    const article = {
      title: 'Talks on trade',
      text: 'The two governments signed a trade agreement. Tariffs on steel exports will fall. The weather was fine.',
    };

    // Act
    const topics = createClassifier().classify(article).topics;

    // Assess
    const trade = topics.find((topic) => topic.id === 'trade');
    expect(trade?.terms).toContain('trade agreement');
    expect(trade?.evidence).not.toContain('The weather was fine.');
  });
});
