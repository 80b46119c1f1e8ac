/**
 * Rules on Arabic-script, Devanagari, Cyrillic and Chinese text: a rule term and the article fold the
 * same way (shared/text/script-folding.ts), Chinese is matched character by character, and highlights
 * are offsets into the original text, right-to-left text included.
 */
import { describe, expect, it } from 'vitest';
import { compileRuleSet, type MatchableArticle } from '../../shared/rules/rule-set.ts';

function article(text: string, extra: Partial<MatchableArticle> = {}): MatchableArticle {
  return { title: '', text, ...extra };
}

function matches(query: string, target: MatchableArticle): boolean {
  return compileRuleSet([{ id: 'R', query }]).match(target).length === 1;
}

describe('rule terms across letter variants', () => {
  it.each([
    ['Arabic yeh and kaf against the Persian forms', 'امريكا', 'مذاکرات با آمریکا ادامه دارد.', true],
    ['Persian forms against Arabic yeh and kaf', 'آمریکا', 'مذاكرات با امريكا ادامه دارد.', true],
    ['teh marbuta against heh', 'السعودیه', 'زيارة إلى السعودية الأسبوع المقبل.', true],
    ['alef with hamza against bare alef', 'الامن', 'مجلس الأمن يجتمع اليوم.', true],
    ['harakat in the text', 'باكستان', 'وصل وفد من بَاكِسْتَان إلى الرياض.', true],
    ['tatweel in the text', 'الرياض', 'اجتماع في الريـــاض غداً.', true],
    ['ZWNJ written or left out', 'هیئتهای', 'هیئت‌های دو کشور دیدار کردند.', true],
    ['Urdu heh goal against heh', 'امریکه', 'پاکستان اور امریکہ کے درمیان بات چیت۔', true],
    ['Devanagari nukta', 'जिला', 'ज़िला प्रशासन ने बैठक बुलाई।', true],
    ['Devanagari vowel signs still count', 'काम', 'सरकार ने कम दाम पर बेचा।', false],
    ['Cyrillic ё and е', 'объединенные', 'Объединённые Арабские Эмираты', true],
    ['Cyrillic й is not и', 'мир', 'Это мирный процесс.', false],
    ['Arabic-Indic digits as ASCII digits', '"رؤية 2030"', 'أعلنت المملكة عن رؤية ٢٠٣٠ الجديدة.', true],
    ['a conjunction written onto the article', 'البحر', 'أمن الملاحة في الخليج والبحر الأحمر.', true],
    ['a phrase after a conjunction', '"البحر الاحمر"', 'أمن الملاحة في الخليج والبحر الأحمر.', true],
    ['a preposition written onto the article', 'الرياض', 'وصل الوفد بالرياض أمس.', true],
    ['li- merged with the article', 'السعودية', 'زيارة رسمية للسعودية الشهر المقبل.', true],
    [
      'a rule written with the clitic finds only the clitic form',
      'والبحر',
      'أمن الملاحة في البحر الأحمر.',
      false,
    ],
    ['a bare waw stays part of the word', 'زير', 'التقى وزير الخارجية بنظيره.', false],
  ])('%s: %s', (_, query, text, expected) => {
    // Act
    const matched = matches(query, article(text));

    // Assess
    expect(matched).toBe(expected);
  });
});

describe('Arabic clitics', () => {
  it('highlight the whole written word, clitic included', () => {
    // Prepare
    const text = 'أمن الملاحة في الخليج والبحر الأحمر.';

    // Act
    const [match] = compileRuleSet([{ id: 'R', query: '"البحر الأحمر"' }]).match(article(text));

    // Assess
    expect(match?.highlights).toEqual([{ field: 'text', term: 'والبحر الأحمر', start: 22, end: 35 }]);
  });
});

describe('phrases and proximity on Chinese text', () => {
  const TEXT = '中国与巴基斯坦周二在北京签署了新的经济走廊协议。美国国务院对此表示关注。';

  it.each([
    ['a word written without spaces', '巴基斯坦', true],
    ['a word absent', '印度', false],
    ['a quoted phrase', '"经济走廊协议"', true],
    ['characters out of order', '"协议走廊"', false],
    ['NEAR counted in characters, close enough', '中国 NEAR/5 巴基斯坦', true],
    ['NEAR counted in characters, too far', '中国 NEAR/5 协议', false],
    ['NEAR further apart', '中国 NEAR/20 协议', true],
    ['no phrase across 。', '"协议美国"', false],
    ['no proximity across 。', '协议 NEAR/3 美国', false],
    ['a Latin word next to Chinese', 'apec', true],
  ])('%s: %s', (_, query, expected) => {
    // Prepare
    const target = article(`${TEXT}APEC会议下月举行。`);

    // Act
    const matched = matches(query, target);

    // Assess
    expect(matched).toBe(expected);
  });

  it('highlights the characters matched', () => {
    // Prepare
    const text = TEXT;

    // Act
    const [match] = compileRuleSet([{ id: 'R', query: '"经济走廊" 美国' }]).match(article(text));

    // Assess
    expect(match?.highlights.map(({ term, start, end }) => [term, text.slice(start, end)])).toEqual([
      ['经济走廊', '经济走廊'],
      ['美国', '美国'],
    ]);
    expect(match?.snippet).toBe('中国与巴基斯坦周二在北京签署了新的经济走廊协议。');
  });
});

describe('snippets of long sentences without spaces', () => {
  it('are cut where the window ends, around the highlight', () => {
    // Prepare: one Chinese sentence of 600 characters, the matched word in its middle.
    const filler = '经济合作与区域发展'.repeat(33);
    const text = `${filler}巴基斯坦${filler}。`;

    // Act
    const [match] = compileRuleSet([{ id: 'R', query: '巴基斯坦' }]).match(article(text));

    // Assess
    const snippet = match?.snippet ?? '';
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet).toContain('巴基斯坦');
    expect([...snippet].length).toBeLessThanOrEqual(324);
    expect(snippet.indexOf('巴基斯坦')).toBeGreaterThan(100);
    expect(snippet.length - snippet.indexOf('巴基斯坦')).toBeGreaterThan(100);
  });
});

describe('highlights in right-to-left text', () => {
  it('point at the original characters, variants and diacritics included', () => {
    // Prepare: the text writes the Arabic yeh and kaf, harakat and a tatweel; the rule does not.
    const title = 'پاکستان اور امريکہ کے درمیان مذاکرات';
    const text =
      'اسلام آباد میں وزارت خارجہ نے بتایا۔ پاکستان اور امريكہ کے درمیان انسدادِ دہشت گردی کے مذاکـرات جون میں ہوں گے۔ دونوں ممالک کے وفود شریک ہوں گے۔';

    // Act
    const [match] = compileRuleSet([{ id: 'R', query: '"انسداد دہشت گردی" NEAR/4 مذاکرات امریکہ' }]).match(
      article(text, { title }),
    );

    // Assess
    const highlighted = match?.highlights.map(({ field, term, start, end }) => ({
      field,
      term,
      cut: (field === 'title' ? title : text).slice(start, end),
    }));
    expect(highlighted).toEqual([
      { field: 'title', term: 'امريکہ', cut: 'امريکہ' },
      { field: 'text', term: 'امريكہ', cut: 'امريكہ' },
      { field: 'text', term: 'انسدادِ دہشت گردی', cut: 'انسدادِ دہشت گردی' },
      { field: 'text', term: 'مذاکـرات', cut: 'مذاکـرات' },
    ]);
    expect(match?.snippet).toBe('پاکستان اور امريكہ کے درمیان انسدادِ دہشت گردی کے مذاکـرات جون میں ہوں گے۔');
  });
});

describe('labels whatever the language', () => {
  it('matches country:, pair: and topic: on an Urdu article as on an English one', () => {
    // Prepare
    const urdu = article('پاکستان اور امریکہ کے درمیان مذاکرات۔', {
      lang: 'ur',
      countries: ['PK', 'US'],
      pairs: ['PK-US'],
      topics: ['counterterrorism'],
    });

    // Act
    const matched = matches('country:PK pair:US-PK topic:counterterrorism lang:ur مذاکرات', urdu);

    // Assess
    expect(matched).toBe(true);
  });
});
