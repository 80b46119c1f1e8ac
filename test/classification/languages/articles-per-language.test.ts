/**
 * The language profiles end to end: a short hand-written article per language naming two countries
 * gives those countries and their pair, with evidence cut from the original text; English input is
 * read exactly as before whatever `lang` says when it names no profile.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../../shared/classification/classifier.ts';
import { LANGUAGE_DATA } from '../../../shared/classification/languages/language-data.ts';

const classifier = createClassifier();

interface Case {
  lang: string;
  title: string;
  text: string;
  countries: string[];
  pair: string;
}

const CASES: Case[] = [
  {
    lang: 'ur',
    title: 'پاکستان اور امریکہ کے درمیان تجارتی مذاکرات',
    text:
      'اسلام آباد: پاکستان اور امریکہ کے درمیان تجارتی مذاکرات کا نیا دور آج شروع ہوا۔ امریکی وفد ' +
      'وزیر اعظم سے بھی ملاقات کرے گا۔ واشنگٹن نے پاکستانیوں کے لیے ویزا پالیسی میں نرمی کا اعلان کیا۔',
    countries: ['PK', 'US'],
    pair: 'PK-US',
  },
  {
    lang: 'ar',
    title: 'مصر وإثيوبيا تستأنفان المفاوضات حول سد النهضة',
    text:
      'قالت وزارة الخارجية المصرية إن مصر وإثيوبيا اتفقتا على استئناف المفاوضات. وأضاف البيان أن ' +
      'الوفد المصري سيتوجه إلى أديس أبابا الأسبوع المقبل، بعد أن توقفت المحادثات بين البلدين.',
    countries: ['EG', 'ET'],
    pair: 'EG-ET',
  },
  {
    lang: 'fa',
    title: 'گفت‌وگوی ایران و عربستان',
    text:
      'وزیر امور خارجه ایران گفت که تهران و ریاض گفت‌وگوهای خود را ادامه می‌دهند. مقام‌های سعودی نیز ' +
      'از پیشرفت مذاکرات با ایرانی‌ها خبر دادند.',
    countries: ['IR', 'SA'],
    pair: 'IR-SA',
  },
  {
    lang: 'hi',
    title: 'भारत और चीन के बीच सीमा वार्ता',
    text:
      'नई दिल्ली में भारत और चीन के बीच सीमा विवाद पर बातचीत का नया दौर शुरू हुआ। चीनी पक्ष ने ' +
      'सकारात्मक रुख दिखाया। बीजिंग ने भी बयान जारी किया।',
    countries: ['CN', 'IN'],
    pair: 'CN-IN',
  },
  {
    lang: 'zh-Hans',
    title: '中美举行新一轮贸易谈判',
    text: '中国和美国代表团今天在华盛顿举行新一轮贸易谈判。中方表示，希望美方取消关税。美国财政部长表示谈判富有成效。',
    countries: ['CN', 'US'],
    pair: 'CN-US',
  },
  {
    lang: 'ru',
    title: 'Россия и Китай подписали соглашение',
    text:
      'Президент России провёл переговоры с председателем КНР. Москва и Пекин подписали соглашение о ' +
      'поставках газа в Китай. Российская сторона заявила, что сотрудничество с Китаем будет расширяться.',
    countries: ['CN', 'RU'],
    pair: 'CN-RU',
  },
  {
    lang: 'fr',
    title: 'Les États-Unis et la France renforcent leur coopération',
    text:
      "Le président français a reçu son homologue américain à l'Élysée. Les deux pays ont signé un accord " +
      'de défense. Washington et Paris veulent coopérer davantage.',
    countries: ['FR', 'US'],
    pair: 'FR-US',
  },
  {
    lang: 'es',
    title: 'EE.UU. y México acuerdan nuevas medidas migratorias',
    text:
      'Los gobiernos de Estados Unidos y México acordaron el martes nuevas medidas. El canciller mexicano ' +
      'dijo que la cooperación con Washington es clave. La Casa Blanca celebró el acuerdo.',
    countries: ['MX', 'US'],
    pair: 'MX-US',
  },
];

describe('classification in other languages', () => {
  for (const { lang, title, text, countries, pair } of CASES) {
    it(`finds the countries and the pair of an article in ${lang}`, () => {
      // Act
      const classification = classifier.classify({ title, text, lang });

      // Assess
      expect(classification.countries.map((country) => country.code).sort()).toEqual(countries);
      expect(classification.primaryPair).toBe(pair);
    });

    it(`quotes evidence from the original ${lang} text, not the folded one`, () => {
      // Act
      const classification = classifier.classify({ title, text, lang });

      // Assess
      const document = `${title} ${text}`;
      for (const country of classification.countries) {
        for (const sentence of country.evidence) expect(document).toContain(sentence);
      }
    });
  }

  it('finds nothing in the other scripts when the article is read as English', () => {
    // Prepare
    const urdu = CASES[0] as Case;

    // Act
    const classification = classifier.classify({ title: urdu.title, text: urdu.text });

    // Assess
    expect(classification.countries).toEqual([]);
  });

  it('reads English the same whether lang is absent, en, en-GB, und or a language without a profile', () => {
    // Prepare
    const article = {
      title: 'Pakistan and US agree to deepen ties',
      text: 'ISLAMABAD - Pakistan and the United States agreed on Tuesday to expand trade, officials said.',
    };

    // Act
    const plain = classifier.classify(article);
    const tagged = ['en', 'en-GB', 'und', 'de', null].map((lang) =>
      classifier.classify({ ...article, lang }),
    );

    // Assess
    expect(plain.primaryPair).toBe('PK-US');
    for (const classification of tagged) expect(classification).toEqual(plain);
  });
});

describe('language profiles load lazily', () => {
  it('compiles a profile on the first article in its language, once, and never for English', () => {
    // Prepare: data whose every read is counted.
    let reads = 0;
    const languages = {
      get ur() {
        reads += 1;
        return LANGUAGE_DATA.ur;
      },
    };
    const counting = createClassifier({ languages });

    // Act
    counting.classify({ title: 'Pakistan and US', text: 'Pakistan and the United States met.' });
    const readsAfterEnglish = reads;
    counting.classify({ ...(CASES[0] as Case), lang: 'ur' });
    counting.classify({ ...(CASES[0] as Case), lang: 'ur-PK' });

    // Assess
    expect(readsAfterEnglish).toBe(0);
    expect(reads).toBe(1);
  });
});
