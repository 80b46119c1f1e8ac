/**
 * Pair relations on the CAMEO QuadClass scale: invented sentences per class, and the words before a
 * cue that change it (negation, hedge, objection, cut-off), and the weight of the headline.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';
import type { RelationType } from '../../shared/classification/pair-relations.ts';

interface RelationCase {
  text: string;
  /** The two countries' names for the title, which names both and carries no cue. */
  countries: [string, string];
  pair: string;
  expected: RelationType;
}

const classifier = createClassifier();

function relationOf({ text, countries, pair }: RelationCase) {
  const title = `${countries[0]} and ${countries[1]}: the latest`;
  return classifier.classify({ title, text }).pairs.find((label) => label.pair === pair)?.relation;
}

const CASES: Record<string, RelationCase[]> = {
  'verbal cooperation': [
    {
      text: 'China and Japan held talks in Beijing on Monday on fishing rights.',
      countries: ['China', 'Japan'],
      pair: 'CN-JP',
      expected: 'verbal-cooperation',
    },
    {
      text: 'The Indian prime minister visited Washington and praised the partnership with the United States.',
      countries: ['India', 'the United States'],
      pair: 'IN-US',
      expected: 'verbal-cooperation',
    },
    {
      text: 'Saudi Arabia and Iran signed an agreement to restore diplomatic relations, mediated by Beijing.',
      countries: ['Saudi Arabia', 'Iran'],
      pair: 'IR-SA',
      expected: 'verbal-cooperation',
    },
    {
      text: 'France pledged to send troops to help Mali, the French foreign minister said in Bamako.',
      countries: ['France', 'Mali'],
      pair: 'FR-ML',
      expected: 'verbal-cooperation',
    },
  ],
  'material cooperation': [
    {
      text: 'Germany sent 50 million euros in humanitarian aid to Turkey after the earthquake.',
      countries: ['Germany', 'Turkey'],
      pair: 'DE-TR',
      expected: 'material-cooperation',
    },
    {
      text: 'Indian and American troops began joint military exercises in Rajasthan on Tuesday.',
      countries: ['India', 'the United States'],
      pair: 'IN-US',
      expected: 'material-cooperation',
    },
    {
      text: 'Russia and Ukraine carried out a prisoner exchange, freeing 90 soldiers each.',
      countries: ['Russia', 'Ukraine'],
      pair: 'RU-UA',
      expected: 'material-cooperation',
    },
    {
      text: 'Washington eased sanctions on Venezuela after Caracas agreed to hold elections.',
      countries: ['the United States', 'Venezuela'],
      pair: 'US-VE',
      expected: 'material-cooperation',
    },
  ],
  'verbal conflict': [
    {
      text: 'Pakistan accused India of sponsoring militants and summoned its envoy in Islamabad.',
      countries: ['Pakistan', 'India'],
      pair: 'IN-PK',
      expected: 'verbal-conflict',
    },
    {
      text: 'China condemned the Philippines for what it called provocations in the South China Sea.',
      countries: ['China', 'the Philippines'],
      pair: 'CN-PH',
      expected: 'verbal-conflict',
    },
    {
      text: 'The United States threatened to impose sanctions on Turkey over its purchase of Russian missiles.',
      countries: ['the United States', 'Turkey'],
      pair: 'TR-US',
      expected: 'verbal-conflict',
    },
    {
      text: 'Tensions between Serbia and Kosovo rose after Belgrade rejected the proposal.',
      countries: ['Serbia', 'Kosovo'],
      pair: 'RS-XK',
      expected: 'verbal-conflict',
    },
  ],
  'material conflict': [
    {
      text: 'Armenian and Azerbaijani troops traded fire along the border overnight.',
      countries: ['Armenia', 'Azerbaijan'],
      pair: 'AM-AZ',
      expected: 'material-conflict',
    },
    {
      text: 'Russian missile strikes hit Kyiv overnight, Ukrainian officials said, and Ukraine condemned the attack.',
      countries: ['Russia', 'Ukraine'],
      pair: 'RU-UA',
      expected: 'material-conflict',
    },
    {
      text: 'Israel carried out airstrikes on Iranian military sites, and Iran fired missiles at Israel.',
      countries: ['Israel', 'Iran'],
      pair: 'IL-IR',
      expected: 'material-conflict',
    },
    {
      text: 'Poland expelled two Russian diplomats, accusing Moscow of espionage.',
      countries: ['Poland', 'Russia'],
      pair: 'PL-RU',
      expected: 'material-conflict',
    },
    {
      text: 'Indian and Chinese troops clashed in the Galwan valley, leaving twenty Indian soldiers dead.',
      countries: ['India', 'China'],
      pair: 'CN-IN',
      expected: 'material-conflict',
    },
  ],
  'words that change a cue': [
    {
      text: 'The United States delayed tariffs on Chinese phones until December.',
      countries: ['the United States', 'China'],
      pair: 'CN-US',
      expected: 'material-cooperation',
    },
    {
      text: 'Turkey lifted its blockade of Greek ports on Friday.',
      countries: ['Turkey', 'Greece'],
      pair: 'GR-TR',
      expected: 'material-cooperation',
    },
    {
      text: 'India and China sought ways of easing tensions on their border.',
      countries: ['India', 'China'],
      pair: 'CN-IN',
      expected: 'verbal-cooperation',
    },
    {
      text: 'India did not attack Pakistan, an Indian army spokesman said.',
      countries: ['India', 'Pakistan'],
      pair: 'IN-PK',
      expected: 'none',
    },
    {
      text: 'Washington suspended military aid to Pakistan on Friday.',
      countries: ['the United States', 'Pakistan'],
      pair: 'PK-US',
      expected: 'material-conflict',
    },
    {
      text: 'Iran refused to hold direct talks with the United States.',
      countries: ['Iran', 'the United States'],
      pair: 'IR-US',
      expected: 'verbal-conflict',
    },
    {
      text: 'Japan said it would provide loans to Indonesia for a new railway.',
      countries: ['Japan', 'Indonesia'],
      pair: 'ID-JP',
      expected: 'verbal-cooperation',
    },
    {
      text: 'North Korea warned that it could strike South Korea if the drills went ahead.',
      countries: ['North Korea', 'South Korea'],
      pair: 'KP-KR',
      expected: 'verbal-conflict',
    },
    {
      text: 'Hungary will not approve the accession of Sweden this year.',
      countries: ['Hungary', 'Sweden'],
      pair: 'HU-SE',
      expected: 'verbal-conflict',
    },
    {
      text: 'Israel didn’t strike Iran, Israeli officials insisted.',
      countries: ['Israel', 'Iran'],
      pair: 'IL-IR',
      expected: 'none',
    },
    {
      text: 'Egypt and Ethiopia failed to agree on the filling of the dam.',
      countries: ['Egypt', 'Ethiopia'],
      pair: 'EG-ET',
      expected: 'none',
    },
    {
      text: 'Kenya and Somalia restored diplomatic relations, a year after Somalia cut ties with Kenya.',
      countries: ['Kenya', 'Somalia'],
      pair: 'KE-SO',
      expected: 'verbal-cooperation',
    },
  ],
  'no cue, or a phrase that only looks like one': [
    {
      text: 'Brazil and Argentina both reported higher inflation in March.',
      countries: ['Brazil', 'Argentina'],
      pair: 'AR-BR',
      expected: 'none',
    },
    {
      text: 'Pakistan has been a partner of the United States in the war on terror since 2001, analysts said.',
      countries: ['Pakistan', 'the United States'],
      pair: 'PK-US',
      expected: 'verbal-cooperation',
    },
  ],
};

describe('the relation of a country pair', () => {
  for (const [group, cases] of Object.entries(CASES)) {
    describe(group, () => {
      it.each(cases)('$expected: $text', (relationCase) => {
        // Act
        const relation = relationOf(relationCase);

        // Assess
        expect(relation?.type).toBe(relationCase.expected);
      });
    });
  }
});

describe('the headline of a story about a pair', () => {
  it.each([
    {
      title: 'Senators weigh new sanctions on Iran',
      text: 'The United States and Iran signed a nuclear deal in July. Envoys of the United States and Iran met in Vienna on Monday.',
      pair: 'IR-US',
      expected: 'verbal-conflict',
      why: 'outweighs the body, naming one country of the pair',
    },
    {
      title: 'A Jordanian student arrived in the U.S. Officials revoked his visa and deported him.',
      text: 'The student from Jordan landed in the United States on Friday. Jordan asked the United States for an explanation.',
      pair: 'JO-US',
      expected: 'material-conflict',
      why: 'counts its sentences that name no country',
    },
    {
      title: 'Kenya and Uganda leaders discuss border dispute',
      text: 'The presidents of Kenya and Uganda spent Monday in Nairobi.',
      pair: 'KE-UG',
      expected: 'verbal-cooperation',
      why: 'leads with its first cue',
    },
  ])('$why: $title', ({ title, text, pair, expected }) => {
    // Act
    const relation = classifier
      .classify({ title, text })
      .pairs.find((label) => label.pair === pair)?.relation;

    // Assess
    expect(relation?.type).toBe(expected);
  });
});
