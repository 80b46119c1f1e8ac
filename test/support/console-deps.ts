/** ConsoleDeps over in-memory fakes, for unit tests of console routes; a test overrides what it is about. */
import type { ConsoleDeps } from '../../functions/console-api/console-deps.ts';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { FixedClock, MemoryArchive, MemoryRules } from './in-memory-ports.ts';
import { MemoryListings } from './memory-listings.ts';

export function memoryConsoleDeps(overrides: Partial<ConsoleDeps> = {}): ConsoleDeps {
  let classifier: ReturnType<typeof createClassifier> | undefined;
  return {
    clock: new FixedClock(new Date('2026-11-27T10:00:00Z')),
    listings: new MemoryListings(),
    archive: new MemoryArchive(),
    rules: new MemoryRules(),
    classifier: () => {
      classifier ??= createClassifier();
      return classifier;
    },
    subscriptionTargets: async () => [],
    ...overrides,
  };
}
