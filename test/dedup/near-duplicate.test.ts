import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidateBandKeys,
  clusterIdFor,
  fingerprintBands,
  hammingDistance,
  legacyFingerprintBands,
  NEAR_DUPLICATE_MAX_DISTANCE,
  simhashOf,
} from '../../shared/dedup/near-duplicate.ts';

const WIRE_STORY = [
  'Pakistan and the United States will hold a dedicated counterterrorism dialogue in June, officials said on Sunday,',
  'after a congressional delegation ended a five-day visit to Islamabad. The delegation met the army chief and the',
  'interior minister and discussed regional security, border management and defence cooperation. Officials described',
  'the talks as frank and forward-looking, and said both sides wanted sustained engagement based on mutual respect.',
  'Analysts cautioned that the warmth may not last without policy continuity, but said investment in minerals and',
  'cooperation against militant groups gave the relationship a firmer base than in recent years. The foreign minister',
  'is expected to travel to Washington later this year to prepare a visit by the prime minister, according to two',
  'people familiar with the plans, who spoke on condition of anonymity because the dates have not been announced.',
].join(' ');

const UNRELATED_STORY = [
  'The city council approved a new budget for public libraries on Tuesday, extending opening hours on weekends and',
  'funding a mobile reading van that will visit schools in outlying districts. Librarians welcomed the decision but',
  'warned that staffing shortages could delay the changes. The council also voted to repair the roof of the central',
  'library, which has leaked during heavy rain for three winters, and to replace its ageing computers next spring.',
  'Residents who spoke at the meeting asked for more books in languages other than English and for quiet study rooms',
  'for students preparing for examinations. The mayor said the plan would be reviewed after its first full year.',
].join(' ');

describe('simhashOf', () => {
  it('gives 16 hex digits, the same for the same text', () => {
    // Prepare
    const text = WIRE_STORY;

    // Act
    const first = simhashOf(text);
    const second = simhashOf(text);

    // Assess
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(second).toBe(first);
  });

  it('ignores case, punctuation and spacing differences', () => {
    // Prepare
    const reformatted = WIRE_STORY.toUpperCase().replace(/,/g, ' ;').replace(/ /g, '\n  ');

    // Act
    const distance = hammingDistance(simhashOf(WIRE_STORY), simhashOf(reformatted));

    // Assess
    expect(distance).toBe(0);
  });
});

describe('near-duplicate threshold', () => {
  it('keeps a republished copy with a dateline and a changed word within the threshold', () => {
    // Prepare
    const republished = `ISLAMABAD (Reuters) - ${WIRE_STORY.replace('frank and', 'candid and')}`;

    // Act
    const distance = hammingDistance(simhashOf(WIRE_STORY), simhashOf(republished));

    // Assess
    expect(distance).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
  });

  it('puts an unrelated story well beyond the threshold', () => {
    // Prepare
    const story = simhashOf(WIRE_STORY);
    const other = simhashOf(UNRELATED_STORY);

    // Act
    const distance = hammingDistance(story, other);

    // Assess
    expect(distance).toBeGreaterThan(2 * NEAR_DUPLICATE_MAX_DISTANCE);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits across both 32-bit halves', () => {
    // Prepare
    const a = '0000000000000000';
    const b = '8000000100000003';

    // Act
    const distance = hammingDistance(a, b);

    // Assess
    expect(distance).toBe(4);
  });

  it('rejects what is not a 64-bit hex fingerprint', () => {
    // Prepare
    const malformed = 'xyz';

    // Act
    const act = () => hammingDistance(malformed, '0000000000000000');

    // Assess
    expect(act).toThrow(TypeError);
  });
});

/** Flips the given bit positions (0 = the first hex digit's high bit) of a fingerprint. */
function flipped(fingerprint: string, bits: readonly number[]): string {
  let value = BigInt(`0x${fingerprint}`);
  for (const bit of bits) value ^= 1n << BigInt(63 - bit);
  return value.toString(16).padStart(16, '0');
}

describe('band keys', () => {
  it('stores a fingerprint under four 16-bit bands', () => {
    // Act
    const bands = fingerprintBands('0123456789abcdef');

    // Assess
    expect(bands).toEqual(['0:0123', '1:4567', '2:89ab', '3:cdef']);
  });

  it('looks up each band and its 16 one-bit neighbours', () => {
    // Act
    const keys = candidateBandKeys('0123456789abcdef');

    // Assess
    expect(keys).toHaveLength(4 * 17);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 3)).toEqual(['0:0123', '0:0122', '0:0121']);
    expect(keys).toContain('3:4def');
  });

  it('finds every fingerprint within the threshold, even with two or more differing bits in three bands', () => {
    // Prepare: seven flipped bits, two in each of bands 0-2 and one in band 3
    const stored = '0123456789abcdef';
    const query = flipped(stored, [0, 15, 16, 31, 32, 47, 63]);

    // Act
    const shared = candidateBandKeys(query).filter((key) => fingerprintBands(stored).includes(key));

    // Assess
    expect(hammingDistance(stored, query)).toBe(NEAR_DUPLICATE_MAX_DISTANCE);
    expect(shared).toEqual(['3:cdef']);
  });

  it('finds every fingerprint within the threshold, wherever the differing bits fall', () => {
    // Assess
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: NEAR_DUPLICATE_MAX_DISTANCE }),
        (value, bits) => {
          const stored = value.toString(16).padStart(16, '0');
          const stores = new Set(fingerprintBands(stored));
          return candidateBandKeys(flipped(stored, bits)).some((key) => stores.has(key));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('still gives the eight 8-bit bands schema 1.1 and 1.2 stored, which share one within the threshold', () => {
    // Prepare: flip one bit in each of seven different bytes.
    const a = '0123456789abcdef';
    const b = '1133557799bbddef';

    // Act
    const shared = legacyFingerprintBands(a).filter((band) => legacyFingerprintBands(b).includes(band));

    // Assess
    expect(hammingDistance(a, b)).toBe(7);
    expect(shared).toEqual(['7:ef']);
  });
});

describe('clusterIdFor', () => {
  it('links a republished copy to the existing story cluster', () => {
    // Prepare
    const candidates = [
      { clusterId: 'libraries', fingerprint: simhashOf(UNRELATED_STORY) },
      { clusterId: 'pk-us-dialogue', fingerprint: simhashOf(WIRE_STORY) },
    ];
    const copy = simhashOf(`WASHINGTON (AP) — ${WIRE_STORY}`);

    // Act
    const clusterId = clusterIdFor(copy, candidates);

    // Assess
    expect(clusterId).toBe('pk-us-dialogue');
  });

  it('returns null when no candidate is close enough', () => {
    // Prepare
    const candidates = [{ clusterId: 'libraries', fingerprint: simhashOf(UNRELATED_STORY) }];

    // Act
    const clusterId = clusterIdFor(simhashOf(WIRE_STORY), candidates);

    // Assess
    expect(clusterId).toBeNull();
  });
});
