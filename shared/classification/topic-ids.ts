/** The fifteen topics wirewatch labels articles with; analysts filter alerts by these ids. */
export const TOPIC_IDS = [
  'diplomacy',
  'counterterrorism',
  'security-defence',
  'conflict',
  'trade',
  'investment',
  'energy-mining',
  'economy-finance',
  'domestic-politics',
  'human-rights-justice',
  'humanitarian-disaster',
  'technology-cyber',
  'health',
  'climate-environment',
  'migration',
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];
