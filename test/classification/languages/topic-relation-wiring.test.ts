/**
 * A language's topics.json and relations.json flow into the English scoring: topics with the same
 * two-evidence rule, relation cues for pairs, QuadClass cues for the pair's relation, role verbs
 * for actors. The data here is a small fixture, so the test holds whatever the real files say.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../../shared/classification/classifier.ts';
import { LANGUAGE_DATA } from '../../../shared/classification/languages/language-data.ts';

const classifier = createClassifier({
  languages: {
    fr: {
      countries: LANGUAGE_DATA.fr.countries,
      topics: { trade: { terms: { 'droits de douane': 2, 'exportation*': 1, commerce: 1 } } },
      relations: {
        relationCues: { 'bilatéra*': 1 },
        pairRelationCues: {
          cues: { 'material-conflict': { sanctions: 1 }, 'verbal-cooperation': { 'salué*': 1 } },
          modifiers: { negation: ['pas de'] },
        },
        roleVerbs: ['a accusé', 'accuse*'],
      },
    },
  },
});

describe('per-language topics and relations', () => {
  it('labels a topic from two pieces of evidence in the language, with the English threshold', () => {
    // Act
    const { topics } = classifier.classify({
      lang: 'fr',
      title: 'Le Mexique et le Canada',
      text: 'Les droits de douane pèsent sur les exportations. Le commerce entre les deux pays recule.',
    });

    // Assess
    expect(topics.map((topic) => topic.id)).toEqual(['trade']);
  });

  it('does not label a topic from one weak word', () => {
    // Act
    const { topics } = classifier.classify({ lang: 'fr', title: 'Le commerce', text: 'Une journée calme.' });

    // Assess
    expect(topics).toEqual([]);
  });

  it('gives the pair the relation its cues in the language say', () => {
    // Act
    const { primaryPair, pairs } = classifier.classify({
      lang: 'fr',
      title: 'Le Canada impose des sanctions au Mexique',
      text: 'Le Canada a annoncé des sanctions contre le Mexique. Les relations bilatérales se tendent.',
    });

    // Assess
    expect(primaryPair).toBe('CA-MX');
    expect(pairs[0]?.relation.type).toBe('material-conflict');
  });

  it('makes a country an actor through the language’s role verbs, and links it to the country it acts on', () => {
    // Act
    const { primaryPair } = classifier.classify({
      lang: 'fr',
      title: 'Tensions en Asie',
      text:
        'Pékin accuse Tokyo de provocations. Le Japon rejette ces accusations. ' +
        'La Corée du Sud et l’Inde observent, sans commenter. Séoul a appelé au calme.',
    });

    // Assess
    expect(primaryPair).toBe('CN-JP');
  });
});
