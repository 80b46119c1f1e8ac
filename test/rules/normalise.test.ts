import { describe, expect, it } from 'vitest';
import { foldWord, tokenise } from '../../shared/rules/normalise.ts';
import { pluralFreeKey } from '../../shared/rules/plural-stem.ts';

describe('foldWord', () => {
  it('folds case, diacritics, soft hyphens, curly apostrophes and the possessive', () => {
    // Prepare
    const words = ['Déjà', 'São', 'counter\u00ADterrorism', 'Pakistan’s', 'don’t', 'Łódź', 'Straße'];

    // Act
    const folded = words.map(foldWord);

    // Assess
    expect(folded).toEqual(['deja', 'sao', 'counterterrorism', 'pakistan', 'dont', 'lodz', 'strasse']);
  });
});

describe('pluralFreeKey', () => {
  it('reduces regular English plurals to the singular', () => {
    // Prepare
    const plurals = ['dialogues', 'policies', 'talks', 'taxes', 'churches', 'classes', 'ties', 'sanctions'];

    // Act
    const singulars = plurals.map(pluralFreeKey);

    // Assess
    expect(singulars).toEqual(['dialogue', 'policy', 'talk', 'tax', 'church', 'class', 'tie', 'sanction']);
  });

  it('gives a singular the key of its plural where the plural ending is ambiguous', () => {
    // Prepare: -ies of -y and -ie, -oes of -o and -oe, -uses of -us and -use
    const pairs = [
      ['movie', 'movies'],
      ['policy', 'policies'],
      ['shoe', 'shoes'],
      ['embargo', 'embargoes'],
      ['cause', 'causes'],
      ['surplus', 'surpluses'],
      ['use', 'uses'],
      ['toe', 'toes'],
    ];

    // Act
    const keys = pairs.map((words) => words.map(pluralFreeKey));

    // Assess
    for (const [singular, plural] of keys) expect(plural).toBe(singular);
  });

  it('keeps the s of a compound ending in a noun that is its own plural', () => {
    // Prepare
    const compounds = ['goodnews', 'thenews', 'miniseries', 'subspecies'];

    // Act
    const keys = compounds.map(pluralFreeKey);

    // Assess
    expect(keys).toEqual(compounds);
    expect(pluralFreeKey('renews')).toBe('renew');
  });

  it('leaves singular words that end in s alone', () => {
    // Prepare
    const words = ['crisis', 'class', 'virus', 'news', 'this', 'gas', 'us'];

    // Act
    const stems = words.map(pluralFreeKey);

    // Assess
    expect(stems).toEqual(words);
  });
});

describe('tokenise', () => {
  it('keeps the offsets of each word in the original string', () => {
    // Prepare
    const text = '  “Counter-terrorism” talks, in São Paulo.';

    // Act
    const { tokens } = tokenise(text);

    // Assess
    expect(tokens.map((token) => text.slice(token.start, token.end))).toEqual([
      'Counter',
      'terrorism',
      'talks',
      'in',
      'São',
      'Paulo',
    ]);
    expect(tokens.map((token) => token.key)).toEqual(['counter', 'terrorism', 'talk', 'in', 'sao', 'paulo']);
  });

  it('marks hyphenated words and long neighbours as joinable, but not short words or punctuation', () => {
    // Prepare
    const text = 'counter-terrorism dialogue, a part of it';

    // Act
    const { tokens } = tokenise(text);

    // Assess
    expect(tokens.map((token) => token.joinsNext)).toEqual(['hyphen', 'space', null, null, null, null, null]);
    expect(tokenise('counter terrorism').tokens[0]?.joinsNext).toBe('space');
  });

  it('numbers sentences, ignoring abbreviations, initials and lower-case continuations', () => {
    // Prepare
    const text = 'Gen. Munir met U.S. officials. Talks went well! e.g. more.\n\nNew paragraph';

    // Act
    const { tokens, sentences } = tokenise(text);

    // Assess
    const sentenceOf = (word: string) => tokens.find((token) => token.folded === word)?.sentence;
    expect([sentenceOf('munir'), sentenceOf('officials'), sentenceOf('talks'), sentenceOf('more')]).toEqual([
      0, 0, 1, 1,
    ]);
    expect(sentenceOf('paragraph')).toBe(2);
    expect(sentences.map(({ start, end }) => text.slice(start, end))).toEqual([
      'Gen. Munir met U.S. officials.',
      'Talks went well! e.g. more.',
      'New paragraph',
    ]);
  });

  it('does not join words across a sentence boundary into a compound', () => {
    // Prepare
    const text = 'counter\n\nterrorism';

    // Act
    const { tokens } = tokenise(text);

    // Assess
    expect(tokens.map((token) => [token.joinsNext, token.sentence])).toEqual([
      [null, 0],
      [null, 1],
    ]);
  });
});
