/**
 * The topic lexicon: for each of the fifteen topics, its IPTC Media Topic codes
 * (data/topic-iptc.json), its threshold and its weighted terms (data/topic-lexicon.json).
 */
import iptcData from './data/topic-iptc.json' with { type: 'json' };
import lexiconData from './data/topic-lexicon.json' with { type: 'json' };
import { TOPIC_IDS, type TopicId } from './topic-ids.ts';

export interface TopicTerm {
  /** As written in the data, without a trailing '*'. */
  text: string;
  openEnd: boolean;
  weight: number;
}

export interface TopicDefinition {
  id: TopicId;
  threshold: number;
  iptc: string[];
  terms: TopicTerm[];
}

interface LexiconTopic {
  threshold?: number;
  terms: Record<string, number>;
}

/** All topics in TOPIC_IDS order; throws if a data file misses or misnames one. */
export function loadTopicLexicon(): TopicDefinition[] {
  const lexicon = lexiconData.topics as Record<string, LexiconTopic>;
  const iptc = iptcData.topics as Record<string, { code: string; label: string }[]>;
  return TOPIC_IDS.map((id) => {
    const topic = lexicon[id];
    const codes = iptc[id];
    if (topic === undefined || codes === undefined) {
      throw new Error(`topic "${id}" is missing from topic-lexicon.json or topic-iptc.json`);
    }
    return {
      id,
      threshold: topic.threshold ?? lexiconData.defaultThreshold,
      iptc: codes.map((entry) => entry.code),
      terms: Object.entries(topic.terms).map(([term, weight]) => ({
        text: term.endsWith('*') ? term.slice(0, -1) : term,
        openEnd: term.endsWith('*'),
        weight,
      })),
    };
  });
}
