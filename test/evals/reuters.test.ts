/** The Reuters country eval: how stories count, and how each figure says whether it was tuned on. */
import { describe, expect, it } from 'vitest';
import {
  emptyTally,
  provenanceOf,
  type ReutersStory,
  scoresOf,
  TUNING_SPLIT,
  tallyStory,
} from '../../evals/reuters.ts';

const PLACE_CODES = { usa: 'US', japan: 'JP' };

function story(places: string[], text = 'TOKYO, March 3 - Talks resumed.'): ReutersStory {
  return { id: '1', title: 'TALKS', text, places };
}

describe('tallyStory', () => {
  it('scores stories with a place against their places', () => {
    // Prepare
    const tally = emptyTally();

    // Act
    tallyStory(tally, story(['usa', 'japan']), new Set(['US', 'JP']), PLACE_CODES);
    tallyStory(tally, story(['japan']), new Set(['JP', 'US']), PLACE_CODES);

    // Assess
    expect(scoresOf(tally)).toEqual({ docs: 2, precision: 0.75, recall: 1, f1: 0.857, exact: 0.5 });
    expect([...tally.falsePositives]).toEqual([['US', 1]]);
  });

  it('counts stories with no place as the false-positive check, apart from the scores', () => {
    // Prepare
    const tally = emptyTally();

    // Act
    tallyStory(tally, story([]), new Set(['JP']), PLACE_CODES);
    tallyStory(tally, story([]), new Set(), PLACE_CODES);

    // Assess
    expect(tally.noPlaces).toEqual({ docs: 2, withCountries: 1 });
    expect(tally.docs).toBe(0);
    expect([...tally.noPlaceCountries]).toEqual([['JP', 1]]);
    expect(tally.falsePositives.size).toBe(0);
  });

  it('skips and counts stories without a body, and those whose places have no ISO code', () => {
    // Prepare
    const tally = emptyTally();

    // Act
    tallyStory(tally, story(['usa'], '  \n'), new Set(), PLACE_CODES);
    tallyStory(tally, story(['atlantis']), new Set(['JP']), PLACE_CODES);

    // Assess
    expect([tally.withoutBody, tally.unmappedPlaces]).toEqual([1, 1]);
    expect(tally.docs + tally.noPlaces.docs).toBe(0);
    expect(tally.falsePositives.size).toBe(0);
  });
});

describe('provenanceOf', () => {
  it('says which splits were tuned on, wholly or partly, and which is the check', () => {
    // Prepare
    const splits = [TUNING_SPLIT, 'all', '010-013'];

    // Act
    const labels = splits.map(provenanceOf);

    // Assess
    expect(labels[0]).toMatch(/^tuned on/);
    expect(labels[1]).toMatch(/^partly tuned on/);
    expect(labels[2]).toMatch(/^check: not used for tuning/);
  });
});
