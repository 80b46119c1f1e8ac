/**
 * Hard cases from current news, one per error class the classifier must handle as a mechanism:
 * off-topic stories, metonyms and datelines, currency prefixes, brokers and destinations, and
 * countries that act in few words. Each case is invented; each names what it must and must not get.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';

interface NewsCase {
  name: string;
  title: string;
  text: string;
  /** Codes that must be among the countries. */
  includes: string[];
  /** Codes that must not be. */
  excludes: string[];
  /** The primary pair, or null for none; undefined leaves it unchecked. */
  primaryPair?: string | null;
  /** Topics that must not be reported. */
  excludesTopics?: string[];
  /** Topics that must be reported. */
  includesTopics?: string[];
}

const CASES: NewsCase[] = [
  {
    name: 'a tennis final names a country only through its tournament',
    title: 'Djokovic wins 10th Australian Open title',
    text: 'Novak Djokovic beat Stefanos Tsitsipas in straight sets in the Australian Open final at Melbourne Park on Sunday. The 35-year-old served 15 aces and won the tournament without dropping a set after the quarterfinal. He now shares the men’s record of 22 Grand Slam titles with Rafael Nadal, and the championship lifts him back to the top of the rankings.',
    includes: [],
    excludes: ['AU'],
    primaryPair: null,
  },
  {
    name: 'a football result has no country pair',
    title: 'England edge France in Paris friendly',
    text: 'England beat France 2-1 in a friendly at the Stade de France on Saturday. The striker scored twice before half-time and the goalkeeper saved a late penalty. France’s coach said his team would rest players before the league season resumes, and England fans in the stadium sang through the second half.',
    includes: [],
    excludes: [],
    primaryPair: null,
  },
  {
    name: 'Brussels meaning the European Union',
    title: 'Brussels warns London over fishing licences',
    text: 'Brussels warned London on Tuesday that the fishing deal could collapse. The European Commission said the UK had not honoured its commitments to the bloc, and member states would consider their response.',
    includes: ['GB'],
    excludes: ['BE'],
  },
  {
    name: 'an agency dateline for a UN statement',
    title: 'UN says hundreds killed in Darfur',
    text: 'GENEVA (Reuters) - The United Nations human rights office said on Friday that fighting in Sudan’s Darfur region had killed hundreds of civilians in a week. The UN urged Sudan’s army and the Rapid Support Forces to let aid through.',
    includes: ['SD'],
    excludes: ['CH'],
  },
  {
    name: 'a dateline still counts when the story is about its country',
    title: 'Swiss voters back pension reform',
    text: 'GENEVA (Reuters) - Swiss voters narrowly approved a pension reform on Sunday. The government said the change would take effect next year, and the UN was not involved.',
    includes: ['CH'],
    excludes: [],
  },
  {
    name: 'a country’s own Foreign Office',
    title: 'Islamabad summons Afghan envoy',
    text: 'Pakistan’s Foreign Office on Thursday summoned the Afghan chargé d’affaires over cross-border attacks. The Foreign Office spokesperson said Kabul must act against militants. Afghanistan rejected the accusation.',
    includes: ['PK', 'AF'],
    excludes: ['GB'],
    primaryPair: 'AF-PK',
  },
  {
    name: 'a US dollar amount',
    title: 'Saudi Arabia deposits funds with Pakistan',
    text: 'Saudi Arabia agreed to deposit US$3 billion with Pakistan’s central bank and to defer oil payments worth US one billion dollars. Pakistan’s finance minister thanked Riyadh for its support.',
    includes: ['SA', 'PK'],
    excludes: ['US'],
    primaryPair: 'PK-SA',
  },
  {
    name: 'a destination is not a party',
    title: 'Mexico stops U.S.-bound migrant caravan',
    text: 'Mexican authorities stopped about 2,000 migrants travelling in a U.S.-bound caravan near the border with Guatemala on Monday. The U.S.-bound group had set out from Tapachula a week earlier. Mexico’s migration institute said the migrants would be offered visas to work in southern Mexico.',
    includes: ['MX'],
    excludes: ['US'],
    primaryPair: null,
  },
  {
    name: 'the mediator ranks below the parties',
    title: 'UAE-mediated talks on Nile dam resume',
    text: 'Egypt and Ethiopia resumed talks on the Grand Ethiopian Renaissance Dam on Sunday, in a round mediated by the United Arab Emirates. The talks were hosted by the United Arab Emirates in Abu Dhabi. Emirati mediators said both sides had agreed to meet again, and the UAE mediation would continue. Egypt’s foreign minister said Cairo wanted a binding deal.',
    includes: ['EG', 'ET'],
    excludes: [],
    primaryPair: 'EG-ET',
  },
  {
    name: 'talks between two countries outrank a background power',
    title: 'Iran and Saudi Arabia agree to restore ties',
    text: 'Iran and Saudi Arabia agreed on Friday to restore diplomatic relations after talks between Iran and Saudi Arabia in Beijing. The United States has long opposed Iran’s nuclear programme, and the United States keeps troops in the region; United States officials said they were studying the deal.',
    includes: ['IR', 'SA'],
    excludes: [],
    primaryPair: 'IR-SA',
  },
  {
    name: 'the UK acting through a named minister',
    title: 'China and the Philippines trade blame over collision',
    text: 'China and the Philippines traded accusations on Monday after their coast guard vessels collided near Second Thomas Shoal. Manila said Chinese ships had rammed a supply boat, while Beijing said the Philippine vessel had entered its waters. The UK’s Foreign Secretary David Lammy said he was concerned by the dangerous manoeuvres.',
    includes: ['CN', 'PH', 'GB'],
    excludes: [],
    primaryPair: 'CN-PH',
  },
  {
    name: 'a demonym with its government acts',
    title: 'Missile launch',
    text: 'North Korea fired a ballistic missile into the sea on Thursday, the South Korean government said. It was the third launch this month.',
    includes: ['KP', 'KR'],
    excludes: [],
  },
  {
    name: 'a joint statement of several small states',
    title: 'Sahel juntas quit regional bloc',
    text: 'Mali, Niger and Burkina Faso said in a joint statement on Sunday that they would leave the Economic Community of West African States with immediate effect, accusing the bloc of threatening them.',
    includes: ['ML', 'NE', 'BF'],
    excludes: [],
  },
  {
    name: 'a video game set on an island of Japan',
    title: 'Ghost of Tsushima review: a samurai epic',
    text: 'Ghost of Tsushima is a stunning open-world game for the PlayStation 5. You play Jin Sakai, a samurai defending the Japanese island of Tsushima from the Mongol invasion of 1274. The gameplay rewards patience, the soundtrack is superb, and the photo mode will keep gamers busy for hours. Combat takes a few hours to master, and the console version runs smoothly.',
    includes: [],
    excludes: ['JP', 'MN'],
    primaryPair: null,
  },
  {
    name: 'a product tested on a beach',
    title: 'The best waterproof speakers of the year',
    text: 'We tested twelve waterproof speakers on Bondi Beach in Sydney and at a pool in Miami. The winner has a battery life of 20 hours, a rugged design and a price tag under $100. Its bass is punchy, the charging port is sealed, and the app lets you pair two speakers. Our review unit survived a drop from the lifeguard tower.',
    includes: [],
    excludes: ['AU', 'US'],
    primaryPair: null,
  },
  {
    name: 'a recipe that names a gas mark',
    title: 'Spiced honey pear jam',
    text: 'Preheat the oven to 200C, gas 6. Peel and core the pears, then simmer them with the sugar, honey and a teaspoon of cinnamon for 40 minutes. Pour the jam into warm jars. The recipe makes four jars and keeps for a year in a cool kitchen cupboard.',
    includes: [],
    excludes: [],
    primaryPair: null,
    excludesTopics: ['energy-mining'],
  },
  {
    name: 'one mention of a re-election in a bribery case',
    title: 'Mayor charged with taking bribes',
    text: 'Prosecutors charged the mayor of Lyon with taking bribes from a construction company on Tuesday. The mayor, who won re-election in 2020, denies wrongdoing. Investigators said the company paid him 200,000 euros through a consultancy. A judge will decide next month whether the case goes to trial, and the mayor was released on bail.',
    includes: ['FR'],
    excludes: [],
    includesTopics: ['human-rights-justice'],
    excludesTopics: ['domestic-politics'],
  },
  {
    name: 'a terror label in a ceasefire story',
    title: 'Israel and Hamas agree to extend truce',
    text: 'Israel and Hamas agreed on Monday to extend their ceasefire in Gaza by two days, mediators in Qatar said. Hamas, which the United States designates a terror group, will free more hostages in exchange for Palestinian prisoners. The truce has paused seven weeks of fighting and airstrikes, and aid trucks entered Gaza through the Rafah crossing. Israeli officials said the offensive would resume once the ceasefire ends.',
    includes: ['IL', 'PS'],
    excludes: [],
    primaryPair: 'IL-PS',
    includesTopics: ['conflict'],
    excludesTopics: ['counterterrorism'],
  },
];

describe('hard cases from current news', () => {
  const classifier = createClassifier();

  it.each(CASES)(
    '$name',
    ({ title, text, includes, excludes, primaryPair, includesTopics, excludesTopics }) => {
      // Prepare
      const article = { title, text };

      // Act
      const result = classifier.classify(article);

      // Assess
      const codes = result.countries.map((country) => country.code);
      for (const code of includes) expect(codes).toContain(code);
      for (const code of excludes) expect(codes).not.toContain(code);
      if (primaryPair !== undefined) expect(result.primaryPair).toBe(primaryPair);
      const topics = result.topics.map((topic) => topic.id as string);
      for (const topic of includesTopics ?? []) expect(topics).toContain(topic);
      for (const topic of excludesTopics ?? []) expect(topics).not.toContain(topic);
    },
  );
});
