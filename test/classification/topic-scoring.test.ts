/** Topic thresholds: a single weak word never decides, several weighted hits or one strong phrase do. */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { loadTopicLexicon } from '../../shared/classification/topic-lexicon.ts';
import { scoreTopics, type TopicHit } from '../../shared/classification/topic-scoring.ts';

const lexicon = loadTopicLexicon();
const counterterrorism = lexicon.findIndex((topic) => topic.id === 'counterterrorism');

function hit(text: string, sentence = 1): TopicHit {
  const term = lexicon[counterterrorism]?.terms.find((candidate) => candidate.text === text);
  if (term === undefined) throw new Error(`no term ${text}`);
  return { topic: counterterrorism, term, sentence, inTitle: false };
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

  it('reports a topic from one strong phrase, scored 0.5 at the threshold', () => {
    // Prepare
    const hits = [hit('counterterrorism')];

    // Act
    const topics = scoreTopics(lexicon, hits);

    // Assess
    expect(topics.map((topic) => topic.topic.id)).toEqual(['counterterrorism']);
    expect(topics[0]?.score).toBe(0.5);
    expect(topics[0]?.terms).toEqual(['counterterrorism']);
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
