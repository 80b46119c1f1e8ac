/**
 * How each profile finds names in its script: clitics, endings and cases, gender and number,
 * Chinese compounds, spelling variants, capitals, and the words that look like names but are not.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../../shared/classification/classifier.ts';

const classifier = createClassifier();

/** Country codes found in a one-line body, in code order. */
function codes(lang: string, text: string): string[] {
  return classifier
    .classify({ title: '', text, lang })
    .countries.map((country) => country.code)
    .sort();
}

/** Mentions of one country in a body. */
function mentions(lang: string, text: string, code: string): number {
  return classifier.classify({ title: '', text, lang }).countries.find((c) => c.code === code)?.mentions ?? 0;
}

describe('Arabic script', () => {
  it('reads a name behind the clitics و ف ب ل ک and the article, and للعراق for ل + العراق', () => {
    // Assess
    expect(mentions('ar', 'زار الوزير العراق ثم عاد والعراق بالعراق للعراق فالعراق كالعراق.', 'IQ')).toBe(6);
  });

  it('reads the forms of a demonym: article, feminine, plural', () => {
    // Assess
    expect(mentions('ar', 'قال المسؤول الإيراني إن الحكومة الإيرانية والإيرانيين متفقون.', 'IR')).toBe(3);
  });

  it('matches Arabic and Persian keyboard spellings, harakat and tatweel alike', () => {
    // Assess: Persian ی and ک, harakat, tatweel.
    expect(codes('ar', 'وصل وفد من باکستان ومِصْرَ إلى أمـريكا.')).toEqual(['EG', 'PK', 'US']);
  });

  it('does not read a name inside a longer word', () => {
    // Assess: مصرف (bank) starts with مصر (Egypt).
    expect(codes('ar', 'أعلن المصرف المركزي عن أرباح جديدة.')).toEqual([]);
  });

  it('reads Persian plurals joined by a zero-width non-joiner', () => {
    // Assess
    expect(mentions('fa', 'آمریکایی‌ها و آمریکایی‌های مقیم با مقام‌های آمریکا دیدار کردند.', 'US')).toBe(3);
  });

  it('reads Urdu names with their postpositions written apart, and پاک امریکہ as both countries', () => {
    // Act
    const classification = classifier.classify({
      title: 'پاک امریکہ تعلقات میں بہتری',
      text: 'امریکہ کے وزیر خارجہ نے پاکستان کا دورہ کیا۔',
      lang: 'ur',
    });

    // Assess
    expect(classification.primaryPair).toBe('PK-US');
  });

  it('does not read Urdu words that share a country name’s letters: شام (evening), چینی (sugar), مالی (financial)', () => {
    // Assess
    expect(codes('ur', 'شام کو چینی کی قیمت اور مالی بحران پر بات ہوئی۔')).toEqual([]);
  });
});

describe('Devanagari', () => {
  it('reads names with and without nukta', () => {
    // Assess
    expect(mentions('hi', 'अफ़ग़ानिस्तान और अफगानिस्तान के बारे में बात हुई।', 'AF')).toBe(2);
  });
});

describe('Chinese', () => {
  it('reads names without word spaces, in simplified and traditional characters', () => {
    // Assess
    expect(codes('zh', '俄羅斯總統與烏克蘭代表在土耳其會面。')).toEqual(['RU', 'TR', 'UA']);
  });

  it('reads a two-country compound before a word of relations as both countries', () => {
    // Act
    const classification = classifier.classify({
      title: '中美关系回暖',
      text: '双方同意恢复对话。',
      lang: 'zh',
    });

    // Assess
    expect(classification.countries.map((country) => country.code).sort()).toEqual(['CN', 'US']);
    expect(classification.primaryPair).toBe('CN-US');
  });

  it('does not read 中美 across two words (其中 + 美国)', () => {
    // Assess
    expect(codes('zh', '其中美国代表发言。')).toEqual(['US']);
  });
});

describe('Cyrillic', () => {
  it('reads a name in every case, adjective and noun agreeing', () => {
    // Assess
    expect(
      mentions(
        'ru',
        'Россия, России, Россию, Россией; Южная Корея, Южной Кореи, Южную Корею; Соединённых Штатов, Соединенным Штатам.',
        'RU',
      ),
    ).toBe(4);
    expect(mentions('ru', 'Южная Корея и Южной Кореи и Южную Корею.', 'KR')).toBe(3);
    expect(mentions('ru', 'Соединённых Штатов и Соединенным Штатам.', 'US')).toBe(2);
  });

  it('reads every form of a demonym adjective and a hyphenated compound', () => {
    // Act
    const classification = classifier.classify({
      title: 'Российско-китайские переговоры',
      text: 'Российского президента встретили китайские власти. Российской делегации показали завод.',
      lang: 'ru',
    });

    // Assess
    expect(classification.primaryPair).toBe('CN-RU');
  });

  it('needs the capital letter a name has: Того the country, того the pronoun', () => {
    // Assess
    expect(codes('ru', 'После того как министр уехал, Китай ответил.')).toEqual(['CN']);
  });
});

describe('Latin script', () => {
  it('reads French names without accents or in capitals, and demonyms in every gender and number', () => {
    // Assess
    expect(mentions('fr', 'Les ETATS-UNIS et les Etats-Unis; les Américaines et les américains.', 'US')).toBe(
      4,
    );
  });

  it('needs only the first word’s capital in French and Spanish names, as those languages write them', () => {
    // Assess: the data writes "Émirats Arabes Unis" and "Arabie Saoudite".
    expect(codes('fr', 'Les Emirats arabes unis et l’Arabie saoudite ont signé.')).toEqual(['AE', 'SA']);
    expect(codes('fr', 'Les émirats arabes unis.')).toEqual([]);
  });

  it('reads French hyphenated compounds as both countries', () => {
    // Act
    const classification = classifier.classify({
      title: 'Sommet franco-allemand',
      text: 'Les dirigeants se sont réunis.',
      lang: 'fr',
    });

    // Assess
    expect(classification.primaryPair).toBe('DE-FR');
  });

  it('reads Spanish short forms and demonym agreement', () => {
    // Assess
    expect(mentions('es', 'EE.UU. y EE. UU.; las estadounidenses y los norteamericanos.', 'US')).toBe(4);
    expect(mentions('es', 'Los alemanes y la alemana, el alemán.', 'DE')).toBe(3);
  });

  it('needs capitals where the name has them: Chile the country, chile the pepper', () => {
    // Assess
    expect(codes('es', 'El chile picante es típico de la cocina.')).toEqual([]);
    expect(codes('es', 'El gobierno de Chile anunció reformas.')).toEqual(['CL']);
  });
});

describe('stories outside public affairs', () => {
  it('reads a sports story in Urdu as off-topic: no pair, only the headline’s countries', () => {
    // Act
    const classification = classifier.classify({
      lang: 'ur',
      title: 'کرکٹ: دوسرے ٹیسٹ میچ میں بلے بازوں کی شاندار بیٹنگ',
      text:
        'لاہور کے قذافی اسٹیڈیم میں پاکستان اور انگلینڈ کے درمیان دوسرے ٹیسٹ میچ کے پہلے دن بلے بازوں نے ' +
        'تین سو رنز بنائے۔ کپتان نے سنچری مکمل کی جبکہ بولر نے دو وکٹیں حاصل کیں۔ اننگز کل بھی جاری رہے گی۔',
    });

    // Assess
    expect(classification.pairs).toEqual([]);
    expect(classification.countries).toEqual([]);
  });
});
