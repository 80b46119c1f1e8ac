/** Classifier options and output shape: analysts' extra aliases, dateline weight, names and evidence. */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';

describe('createClassifier', () => {
  it('recognises aliases added through extraAliases, without code changes', () => {
    // Prepare
    const article = { title: '', text: 'Officials in Ruritania said the Pakland talks went well.' };

    // Act
    const plain = createClassifier().classify(article);
    const extended = createClassifier({ extraAliases: { pk: ['Pakland'] } }).classify(article);

    // Assess
    expect(plain.countries.map((country) => country.code)).not.toContain('PK');
    expect(extended.countries.map((country) => country.code)).toContain('PK');
  });

  it('names countries and gives the sentences that mention them', () => {
    // Prepare
    const article = { title: 'Kabul talks', text: 'Delegates met in Kabul. The weather was mild.' };

    // Act
    const [afghanistan] = createClassifier().classify(article).countries;

    // Assess
    expect(afghanistan).toEqual({
      code: 'AF',
      name: 'Afghanistan',
      score: afghanistan?.score,
      mentions: 2,
      evidence: ['Kabul talks', 'Delegates met in Kabul.'],
    });
  });

  it('has no primary pair for an article about one country', () => {
    // Prepare
    const article = {
      title: 'Brazil budget',
      text: 'Brazil cut spending. Brasilia said more cuts may follow.',
    };

    // Act
    const classification = createClassifier().classify(article);

    // Assess
    expect(classification.primaryPair).toBeNull();
    expect(classification.pairs).toEqual([]);
  });
});
