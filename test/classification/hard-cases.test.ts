/** Hand-labelled hard cases for country recognition: variants, compounds, metonyms and ambiguous names. */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';

interface HardCase {
  name: string;
  title?: string;
  text: string;
  /** Codes that must be among the article's countries. */
  includes: string[];
  /** Codes that must not be. */
  excludes: string[];
}

const CASES: HardCase[] = [
  { name: 'U.S. with periods', text: 'U.S. officials arrived on Monday.', includes: ['US'], excludes: [] },
  { name: 'US in capitals', text: 'US officials arrived on Monday.', includes: ['US'], excludes: [] },
  { name: 'us the pronoun', text: 'Let us talk about it, he told us.', includes: [], excludes: ['US'] },
  {
    name: 'US the pronoun in an all-caps headline',
    title: 'LET US HELP, SAY VOLUNTEERS',
    text: 'Volunteers spoke.',
    includes: [],
    excludes: ['US'],
  },
  { name: 'America', text: 'America is reviewing the request.', includes: ['US'], excludes: [] },
  { name: 'the States', text: 'He moved back to the States last year.', includes: ['US'], excludes: [] },
  {
    name: 'UK, U.K. and Britain',
    text: 'The UK said Britain and the U.K. economy grew.',
    includes: ['GB'],
    excludes: [],
  },
  {
    name: 'UAE and Emirati',
    text: 'The UAE and Emirati investors signed the deal.',
    includes: ['AE'],
    excludes: [],
  },
  {
    name: 'DPRK, ROK and PRC',
    text: 'The DPRK warned the ROK and the PRC called for calm.',
    includes: ['KP', 'KR', 'CN'],
    excludes: [],
  },
  {
    name: 'Türkiye and Turkey',
    text: 'Türkiye, long known as Turkey, hosted the talks.',
    includes: ['TR'],
    excludes: [],
  },
  {
    name: 'Burma is Myanmar',
    text: 'Burma, officially Myanmar, held elections.',
    includes: ['MM'],
    excludes: [],
  },
  {
    name: "Côte d'Ivoire",
    text: 'Cocoa from Côte d’Ivoire, or Ivory Coast, rose.',
    includes: ['CI'],
    excludes: [],
  },
  {
    name: 'Soviet Union and USSR',
    text: 'The Soviet Union, the USSR, signed the pact.',
    includes: ['RU'],
    excludes: [],
  },
  { name: 'West Germany', text: 'West Germany raised its rates.', includes: ['DE'], excludes: [] },
  { name: 'Zaire', text: 'Zaire exported copper.', includes: ['CD'], excludes: [] },
  {
    name: 'demonym Pakistani',
    text: 'Pakistani officials welcomed the decision.',
    includes: ['PK'],
    excludes: [],
  },
  {
    name: 'Kiwi as New Zealander',
    text: 'The Kiwi prime minister spoke in parliament.',
    includes: ['NZ'],
    excludes: [],
  },
  {
    name: 'kiwi the fruit',
    text: 'Exports of kiwi fruit and Kiwi fruit growers rose.',
    includes: [],
    excludes: ['NZ'],
  },
  {
    name: 'compound Pak-US',
    text: 'We see some development in Pak-US relations.',
    includes: ['PK', 'US'],
    excludes: [],
  },
  {
    name: 'compound US-Pakistan',
    text: 'The US-Pakistan dialogue resumed.',
    includes: ['PK', 'US'],
    excludes: [],
  },
  {
    name: 'compound Sino-Indian',
    text: 'Sino-Indian border talks resumed.',
    includes: ['CN', 'IN'],
    excludes: [],
  },
  { name: 'compound Indo-Pak', text: 'Indo-Pak tensions eased.', includes: ['IN', 'PK'], excludes: [] },
  {
    name: 'compound Franco-German',
    text: 'The Franco-German axis held.',
    includes: ['FR', 'DE'],
    excludes: [],
  },
  {
    name: 'compound Anglo-Irish',
    text: 'The Anglo-Irish agreement was signed.',
    includes: ['GB', 'IE'],
    excludes: [],
  },
  {
    name: 'compound Russo-Japanese',
    text: 'The Russo-Japanese war ended in 1905.',
    includes: ['RU', 'JP'],
    excludes: [],
  },
  {
    name: 'compound Afghan-Pak',
    text: 'The Afghan-Pak border was closed.',
    includes: ['AF', 'PK'],
    excludes: [],
  },
  {
    name: 'Indo-Pacific is no country',
    text: 'The Indo-Pacific strategy was discussed.',
    includes: [],
    excludes: ['IN'],
  },
  {
    name: 'capitals as metonyms',
    text: 'Islamabad and Beijing agreed, while Moscow objected.',
    includes: ['PK', 'CN', 'RU'],
    excludes: [],
  },
  {
    name: 'dateline NEW YORK',
    text: 'NEW YORK (Reuters) - Shares rose on Tuesday.',
    includes: ['US'],
    excludes: [],
  },
  {
    name: 'Reuters dateline with state',
    text: '    GREENWICH, Conn., March 2 - The company said it would buy the unit.',
    includes: ['US'],
    excludes: [],
  },
  {
    name: 'government metonyms',
    text: 'The White House and the Pentagon disagreed.',
    includes: ['US'],
    excludes: [],
  },
  { name: 'the Kremlin', text: 'The Kremlin denied the report.', includes: ['RU'], excludes: [] },
  { name: 'Downing Street', text: 'Downing Street declined to comment.', includes: ['GB'], excludes: [] },
  {
    name: 'Foggy Bottom and State Department',
    text: 'Foggy Bottom, the State Department, issued a note.',
    includes: ['US'],
    excludes: [],
  },
  { name: 'Zhongnanhai', text: 'Leaders met in Zhongnanhai.', includes: ['CN'], excludes: [] },
  { name: "Quai d'Orsay", text: "The Quai d'Orsay summoned the envoy.", includes: ['FR'], excludes: [] },
  { name: 'GHQ Rawalpindi', text: 'Decisions are taken at GHQ Rawalpindi.', includes: ['PK'], excludes: [] },
  { name: 'Bundesbank', text: 'The Bundesbank left rates unchanged.', includes: ['DE'], excludes: [] },
  {
    name: 'Pakistan Tehreek-i-Insaf',
    text: 'Leaders of Tehreek-i-Insaf protested.',
    includes: ['PK'],
    excludes: [],
  },
  {
    name: 'Georgia the country',
    text: "Georgia's president spoke in Tbilisi about the Caucasus.",
    includes: ['GE'],
    excludes: ['US'],
  },
  {
    name: 'Georgia the US state',
    text: 'Voters in Atlanta, Georgia, went to the polls.',
    includes: ['US'],
    excludes: ['GE'],
  },
  {
    name: 'Jordan the basketball player',
    text: 'Michael Jordan scored 40 points.',
    includes: [],
    excludes: ['JO'],
  },
  {
    name: 'Jordan the country',
    text: "Jordan's King Abdullah met officials in Amman.",
    includes: ['JO'],
    excludes: [],
  },
  { name: 'Chad the first name', text: 'Chad Smith played the drums.', includes: [], excludes: ['TD'] },
  { name: 'Lake Chad', text: 'Lake Chad is shrinking.', includes: ['TD'], excludes: [] },
  { name: 'turkey the bird', text: 'We roasted a turkey for Thanksgiving.', includes: [], excludes: ['TR'] },
  {
    name: 'Turkey the bird in title case',
    title: 'Turkey Prices Soar Before Thanksgiving',
    text: 'Shoppers paid more.',
    includes: [],
    excludes: ['TR'],
  },
  {
    name: 'china the porcelain',
    text: 'She collects fine china and bone china.',
    includes: [],
    excludes: ['CN'],
  },
  {
    name: 'all-caps headline countries',
    title: 'TURKEY AND SYRIA CLASH ON BORDER',
    text: 'Troops exchanged fire.',
    includes: ['TR', 'SY'],
    excludes: [],
  },
  {
    name: 'Washington state is still the US',
    text: 'Washington state and Seattle officials met.',
    includes: ['US'],
    excludes: [],
  },
  {
    name: 'George Washington the person',
    text: 'A statue of George Washington was restored.',
    includes: [],
    excludes: ['US'],
  },
  { name: 'Niger is not Nigeria', text: 'Niger and its capital Niamey.', includes: ['NE'], excludes: ['NG'] },
  { name: 'Nigeria is not Niger', text: 'Nigeria and the Niger Delta.', includes: ['NG'], excludes: ['NE'] },
  { name: 'Guinea-Bissau', text: 'Guinea-Bissau held elections.', includes: ['GW'], excludes: ['GN'] },
  { name: 'Equatorial Guinea', text: 'Equatorial Guinea pumps oil.', includes: ['GQ'], excludes: ['GN'] },
  { name: 'Papua New Guinea', text: 'Papua New Guinea mines gold.', includes: ['PG'], excludes: ['GN'] },
  {
    name: 'Guinea',
    text: 'Guinea exports bauxite from Conakry.',
    includes: ['GN'],
    excludes: ['GQ', 'GW', 'PG'],
  },
  {
    name: 'Congo is DR Congo by default',
    text: 'Fighting in Congo spread to Goma.',
    includes: ['CD'],
    excludes: ['CG'],
  },
  {
    name: 'Congo-Brazzaville',
    text: 'Congo, whose capital is Brazzaville, exports oil.',
    includes: ['CG'],
    excludes: ['CD'],
  },
  { name: 'North Korea', text: 'North Korea fired a missile.', includes: ['KP'], excludes: ['KR'] },
  {
    name: 'Korea with North cues',
    text: 'Korea, said KCNA in Pyongyang, will respond.',
    includes: ['KP'],
    excludes: ['KR'],
  },
  {
    name: 'Dominica is not the Dominican Republic',
    text: 'The Dominican Republic and Dominica signed.',
    includes: ['DO', 'DM'],
    excludes: [],
  },
  {
    name: 'Dominican Republic alone',
    text: 'The Dominican Republic grew sugar.',
    includes: ['DO'],
    excludes: ['DM'],
  },
  {
    name: 'South Sudan is not Sudan',
    text: 'South Sudan and Juba officials met.',
    includes: ['SS'],
    excludes: ['SD'],
  },
  {
    name: 'Indian meaning Native American',
    text: 'The Navajo and other Indian tribes sued.',
    includes: [],
    excludes: ['IN'],
  },
  {
    name: 'Indian meaning India',
    text: 'The Indian prime minister visited.',
    includes: ['IN'],
    excludes: [],
  },
  { name: 'American Indian', text: 'American Indian leaders met.', includes: [], excludes: ['IN'] },
  {
    name: 'Latin America and the Indian Ocean',
    text: 'Latin America and the Indian Ocean.',
    includes: [],
    excludes: ['US', 'IN'],
  },
  { name: 'New Mexico is the US', text: 'Wildfires hit New Mexico.', includes: ['US'], excludes: ['MX'] },
  {
    name: 'hanging chads',
    text: 'Officials examined the hanging chads on each ballot.',
    includes: [],
    excludes: ['TD'],
  },
];

describe('hard cases for country recognition', () => {
  const classifier = createClassifier();

  it.each(CASES)('$name', ({ title, text, includes, excludes }) => {
    // Prepare
    const article = { title: title ?? '', text };

    // Act
    const codes = classifier.classify(article).countries.map((country) => country.code);

    // Assess
    for (const code of includes) expect(codes).toContain(code);
    for (const code of excludes) expect(codes).not.toContain(code);
  });
});
