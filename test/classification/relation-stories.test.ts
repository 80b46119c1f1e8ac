/**
 * Hand-written hard cases for pair relations: short wire stories, each with the relation a reader
 * would give its primary pair, and the distractors real copy has (history, hedges, denials, third
 * countries, words with other senses).
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';
import type { RelationType } from '../../shared/classification/pair-relations.ts';

interface Story {
  title: string;
  text: string;
  pair: string;
  expected: RelationType;
}

const STORIES: Story[] = [
  {
    title: 'Russia pounds Ukrainian cities with missiles and drones',
    text: 'KYIV, March 9 (Reuters) - Russia launched one of its largest missile and drone attacks on Ukraine overnight, hitting energy facilities in Kyiv, Kharkiv and Odesa, Ukrainian officials said. At least six people were killed. Ukraine’s foreign minister called for more air defence systems from Western allies. The Kremlin said the strikes were retaliation for a Ukrainian raid on Russian territory.',
    pair: 'RU-UA',
    expected: 'material-conflict',
  },
  {
    title: 'China, Australia agree to resume high-level dialogue',
    text: 'BEIJING (AP) — China and Australia agreed on Tuesday to resume a high-level economic dialogue that was frozen for years, as the two countries work to repair relations strained by trade disputes. Australian Foreign Minister Penny Wong met her Chinese counterpart Wang Yi in Beijing. Beijing imposed tariffs on Australian wine and barley in 2020, most of which have since been lifted.',
    pair: 'AU-CN',
    expected: 'verbal-cooperation',
  },
  {
    title: 'US announces new $2 billion military aid package for Ukraine',
    text: 'WASHINGTON — The United States will send Ukraine another $2 billion in weapons and equipment, the Pentagon said on Friday. The package includes artillery ammunition, air defence interceptors and armoured vehicles, and brings total US security assistance to Kyiv to more than $40 billion. Washington has delivered the aid in tranches since the Russian invasion began.',
    pair: 'UA-US',
    expected: 'material-cooperation',
  },
  {
    title: 'Beijing condemns US warship transit through Taiwan Strait',
    text: 'China on Thursday condemned the passage of a US destroyer through the Taiwan Strait, accusing Washington of provocation and of threatening peace in the region. The Chinese defence ministry said its forces had monitored the ship throughout. The US Navy said the transit was routine and in accordance with international law.',
    pair: 'CN-US',
    expected: 'verbal-conflict',
  },
  {
    title: 'India, Pakistan trade fire along Line of Control',
    text: 'SRINAGAR — Indian and Pakistani troops exchanged fire along the Line of Control in Kashmir on Sunday, Indian army officials said, the latest violation of a 2021 ceasefire. Two Indian soldiers were wounded. Pakistan’s military said Indian forces had opened fire first and that it had responded.',
    pair: 'IN-PK',
    expected: 'material-conflict',
  },
  {
    title: 'Japan and South Korea leaders hold first summit in 12 years',
    text: 'TOKYO — Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol held talks in Tokyo on Thursday, the first such visit in twelve years, and pledged to put a bitter dispute over wartime labour behind them. The two leaders agreed to resume regular visits and security talks.',
    pair: 'JP-KR',
    expected: 'verbal-cooperation',
  },
  {
    title: 'Poland expels Russian diplomat over spying allegations',
    text: 'WARSAW — Poland expelled a Russian diplomat on Monday and closed a Russian consulate, saying the mission had been used for espionage. Moscow called the decision hostile and promised to respond.',
    pair: 'PL-RU',
    expected: 'material-conflict',
  },
  {
    title: 'North Korea warns US of "overwhelming" response to drills',
    text: 'SEOUL — North Korea warned on Tuesday that it would take overwhelming action against the United States if Washington and Seoul went ahead with large-scale military drills next week. The statement, carried by the official KCNA news agency, accused the United States of preparing for war.',
    pair: 'KP-US',
    expected: 'verbal-conflict',
  },
  {
    title: 'Saudi Arabia and Iran reopen embassies',
    text: 'RIYADH — Saudi Arabia and Iran formally reopened their embassies on Tuesday, seven years after they cut ties, under a deal brokered by China. The Iranian ambassador arrived in Riyadh to take up his post.',
    pair: 'IR-SA',
    expected: 'verbal-cooperation',
  },
  {
    title: 'Turkey and Sweden sign defence cooperation accord',
    text: 'Turkey and Sweden signed a defence industry cooperation agreement on Friday, their defence ministries said, in a further sign that relations have recovered from a dispute over Sweden’s bid to join NATO.',
    pair: 'SE-TR',
    expected: 'verbal-cooperation',
  },
  {
    title: 'Israel strikes targets in Syria',
    text: 'DAMASCUS — Israeli warplanes struck targets near Damascus early on Wednesday, Syrian state media said, killing two soldiers. Syria’s air defences intercepted some of the missiles, the army said. Israel rarely comments on its strikes in Syria.',
    pair: 'IL-SY',
    expected: 'material-conflict',
  },
  {
    title: 'Germany pledges support for Moldova',
    text: 'BERLIN — German Chancellor Olaf Scholz pledged continued support for Moldova on Monday during a visit by its president, and said Germany would help the country reduce its dependence on Russian energy.',
    pair: 'DE-MD',
    expected: 'verbal-cooperation',
  },
  {
    title: 'Azerbaijan and Armenia accuse each other of border shooting',
    text: 'Azerbaijan and Armenia accused each other on Saturday of firing across their border, in the latest flare-up between the two neighbours. Armenia’s defence ministry said Azerbaijani forces had opened fire on its positions; Baku said its troops had come under fire first. Neither side reported casualties.',
    pair: 'AM-AZ',
    expected: 'material-conflict',
  },
  {
    title: 'US and China defence chiefs meet for first time in 18 months',
    text: 'SINGAPORE — US Defense Secretary Lloyd Austin met his Chinese counterpart on the sidelines of a security forum on Friday, the first face-to-face talks between the two countries’ defence chiefs in 18 months. Both sides said the discussions were candid. Tensions remain high over Taiwan.',
    pair: 'CN-US',
    expected: 'verbal-cooperation',
  },
  {
    title: 'Egypt rejects Ethiopia’s plan to fill Nile dam',
    text: 'CAIRO — Egypt on Sunday rejected Ethiopia’s announcement that it had begun the fourth filling of its giant Nile dam, saying the move violated international law and ignored Egyptian interests. Cairo has long feared the dam will reduce its share of Nile water.',
    pair: 'EG-ET',
    expected: 'verbal-conflict',
  },
  {
    title: 'Japan to provide $1.5 billion loan to the Philippines for railway',
    text: 'MANILA — Japan signed a loan agreement worth $1.5 billion with the Philippines on Thursday to fund a commuter railway north of Manila, the Philippine finance department said.',
    pair: 'JP-PH',
    expected: 'material-cooperation',
  },
  {
    title: 'Kenya and Somalia restore diplomatic relations',
    text: 'NAIROBI — Kenya and Somalia have agreed to restore diplomatic relations, ending a dispute that led Mogadishu to sever ties in December, Somalia’s government said. Kenya welcomed the decision.',
    pair: 'KE-SO',
    expected: 'verbal-cooperation',
  },
];

const classifier = createClassifier();

describe('the relation of the primary pair of hand-written stories', () => {
  it.each(STORIES)('$pair $expected: $title', (story) => {
    // Act
    const { primaryPair, pairs } = classifier.classify({ title: story.title, text: story.text });

    // Assess
    expect(primaryPair).toBe(story.pair);
    expect(pairs[0]?.relation.type).toBe(story.expected);
  });
});
