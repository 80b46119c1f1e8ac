import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../../shared/rules/match-budget.ts';
import {
  type ChainSpan,
  type NearGroup,
  nearChainExists,
  nearChainPieces,
  nearChains,
} from '../../shared/rules/near-chains.ts';

/** The definition, by trying every combination: one span per operand, one sentence, no overlap, gaps ≤ distance. */
function everyFittingChoice(groups: readonly NearGroup<string>[], distance: number): ChainSpan<string>[][] {
  const operands = groups.flatMap((group) => Array.from({ length: group.count }, () => group.spans));
  const choices: ChainSpan<string>[][] = [];
  const choose = (operand: number, chosen: ChainSpan<string>[]) => {
    const candidates = operands[operand];
    if (candidates === undefined) {
      const sorted = [...chosen].sort((a, b) => a.first - b.first);
      let gaps = 0;
      for (let at = 1; at < sorted.length; at += 1) {
        const before = sorted[at - 1] as ChainSpan<string>;
        const after = sorted[at] as ChainSpan<string>;
        if (after.first <= before.last) return;
        gaps += after.first - before.last;
      }
      if (gaps <= distance) choices.push(sorted);
      return;
    }
    for (const span of candidates) {
      if (chosen.length > 0 && span.sentence !== chosen[0]?.sentence) continue;
      choose(operand + 1, [...chosen, span]);
    }
  };
  choose(0, []);
  return choices;
}

const span = fc
  .record({
    sentence: fc.integer({ min: 0, max: 1 }),
    first: fc.integer({ min: 0, max: 12 }),
    length: fc.nat(2),
  })
  .map(({ sentence, first, length }) => ({ sentence, first, last: first + length }));

const groups = fc
  .array(
    fc.record({
      count: fc.integer({ min: 1, max: 3 }),
      places: fc.uniqueArray(span, {
        minLength: 1,
        maxLength: 5,
        selector: (s) => `${s.sentence}:${s.first}:${s.last}`,
      }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((drawn) =>
    drawn.map(({ count, places }, group) => ({
      count,
      spans: places.map((place, at) => ({ ...place, pieces: [`g${group}s${at}`] })),
    })),
  );

const distance = fc.integer({ min: 0, max: 12 });

describe('NEAR chains', () => {
  it('hold exactly when some combination of spans fits', () => {
    fc.assert(
      fc.property(groups, distance, (drawn, within) => {
        // Prepare
        const expected = everyFittingChoice(drawn, within).length > 0;

        // Act
        const exists = nearChainExists(drawn, within, new WorkBudget());

        // Assess
        expect(exists).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('highlight exactly the spans of the combinations that fit', () => {
    fc.assert(
      fc.property(groups, distance, (drawn, within) => {
        // Prepare
        const expected = new Set(
          everyFittingChoice(drawn, within).flatMap((choice) => choice.flatMap((s) => s.pieces)),
        );

        // Act
        const pieces = new Set(nearChainPieces(drawn, within, new WorkBudget()));

        // Assess
        expect([...pieces].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 400 },
    );
  });

  it('offer an outer NEAR each place a fitting combination covers, with the pieces of the combinations there', () => {
    fc.assert(
      fc.property(groups, distance, (drawn, within) => {
        // Prepare
        const expected = new Map<string, Set<string>>();
        for (const choice of everyFittingChoice(drawn, within)) {
          const place = `${choice[0]?.sentence}:${choice[0]?.first}:${Math.max(...choice.map((s) => s.last))}`;
          const pieces = expected.get(place) ?? new Set<string>();
          for (const piece of choice.flatMap((s) => s.pieces)) pieces.add(piece);
          expected.set(place, pieces);
        }

        // Act
        const chains = nearChains(drawn, within, new WorkBudget());

        // Assess
        const found = new Map(chains.map((c) => [`${c.sentence}:${c.first}:${c.last}`, new Set(c.pieces)]));
        expect(found).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
