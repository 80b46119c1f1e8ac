/**
 * Topics, pair relations and their modifiers in the eight languages with a profile: a short
 * hand-written story per language, its expected topics and the relation of its pair; one weak word
 * labels no topic (the two-evidence rule English follows); negation, refusal and cut-off read in
 * each language's word order.
 */
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../shared/classification/classifier.ts';
import { LANGUAGE_DATA } from '../../shared/classification/languages/language-data.ts';
import { LANGUAGE_CODES } from '../../shared/classification/languages/role-grammar.ts';
import { TOPIC_IDS } from '../../shared/classification/topic-ids.ts';

const classifier = createClassifier();

interface Story {
  lang: string;
  title: string;
  text: string;
  pair: string;
  relation: string;
  topics: string[];
}

const STORIES: Story[] = [
  {
    lang: 'ur',
    title: 'پاکستان اور چین کے درمیان تجارتی معاہدے پر دستخط',
    text:
      'پاکستان اور چین نے اسلام آباد میں ایک نئے تجارتی معاہدے پر دستخط کیے ہیں۔ ' +
      'وزیر خارجہ نے اپنے چینی ہم منصب سے ملاقات کی اور دو طرفہ تعلقات پر تبادلہ خیال کیا۔ ' +
      'معاہدے کے تحت درآمدات پر محصولات کم کیے جائیں گے۔ ' +
      'دفتر خارجہ کے مطابق دونوں ممالک کے درمیان باہمی تجارت بیس ارب ڈالر تک پہنچ گئی ہے۔',
    pair: 'CN-PK',
    relation: 'verbal-cooperation',
    topics: ['trade', 'diplomacy'],
  },
  {
    lang: 'ar',
    title: 'مصر تتهم إثيوبيا بانتهاك اتفاق سد النهضة',
    text:
      'اتهمت مصر إثيوبيا يوم الثلاثاء بانتهاك الاتفاقات الخاصة بسد النهضة. ' +
      'وقال وزير الخارجية المصري إن القاهرة ترفض أي إجراءات أحادية. ' +
      'وأضاف أن مصر ستلجأ إلى مجلس الأمن الدولي. ' +
      'ولم تعلق أديس أبابا على الاتهامات حتى الآن، وسط توتر متزايد بين البلدين.',
    pair: 'EG-ET',
    relation: 'verbal-conflict',
    topics: ['diplomacy'],
  },
  {
    lang: 'fa',
    title: 'ایران و عربستان سعودی بر سر از سرگیری روابط توافق کردند',
    text:
      'ایران و عربستان سعودی پس از هفت سال بر سر از سرگیری روابط دیپلماتیک توافق کردند. ' +
      'وزیر امور خارجه ایران با همتای سعودی خود در پکن دیدار کرد. ' +
      'دو کشور قرار است سفارت‌های خود را ظرف دو ماه بازگشایی کنند. ' +
      'سخنگوی وزارت امور خارجه گفت این توافق به ثبات منطقه کمک می‌کند.',
    pair: 'IR-SA',
    relation: 'verbal-cooperation',
    topics: ['diplomacy'],
  },
  {
    lang: 'hi',
    title: 'भारत और अमेरिका के बीच रक्षा सहयोग समझौता',
    text:
      'भारत और अमेरिका ने नई दिल्ली में रक्षा सहयोग के एक समझौते पर हस्ताक्षर किए। ' +
      'रक्षा मंत्री ने अपने अमेरिकी समकक्ष से मुलाकात की। ' +
      'समझौते के तहत दोनों देश संयुक्त सैन्य अभ्यास करेंगे और लड़ाकू विमान के इंजन का निर्माण करेंगे। ' +
      'विदेश मंत्रालय ने कहा कि इससे द्विपक्षीय संबंध मजबूत होंगे।',
    pair: 'IN-US',
    relation: 'material-cooperation',
    topics: ['security-defence', 'diplomacy'],
  },
  {
    lang: 'zh',
    title: '中国宣布对日本部分商品加征关税',
    text:
      '中国商务部周二宣布，将对从日本进口的部分商品加征关税。' +
      '商务部发言人表示，这是对日本出口管制措施的反制。' +
      '日本外务省对此表示强烈不满。' +
      '分析人士指出，中日贸易摩擦可能进一步升级，两国贸易额去年下降了百分之八。',
    pair: 'CN-JP',
    relation: 'material-conflict',
    topics: ['trade'],
  },
  {
    lang: 'ru',
    title: 'Россия выслала польских дипломатов',
    text:
      'Министерство иностранных дел России объявило о высылке пяти польских дипломатов. ' +
      'В МИД заявили, что это ответные меры на закрытие российского консульства в Познани. ' +
      'Польша ранее обвинила Россию в диверсиях на своей территории. ' +
      'Отношения между двумя странами остаются крайне напряженными.',
    pair: 'PL-RU',
    relation: 'material-conflict',
    topics: ['diplomacy'],
  },
  {
    lang: 'fr',
    title: "Le Mali accuse l'Algérie de soutenir les rebelles du Nord",
    text:
      "Le gouvernement malien a accusé l'Algérie de soutenir les rebelles qui combattent l'armée dans le nord du pays. " +
      'Les affrontements près de la frontière ont fait des dizaines de morts cette semaine. ' +
      'Bamako a dénoncé des frappes de drones et rappelé son ambassadeur à Alger. ' +
      "L'Algérie dément et appelle au respect du cessez-le-feu signé dans le cadre de l'accord de paix.",
    pair: 'DZ-ML',
    relation: 'verbal-conflict',
    topics: ['conflict'],
  },
  {
    lang: 'es',
    title: 'Colombia y Venezuela reabren la frontera',
    text:
      'Los gobiernos de Colombia y Venezuela reabrieron este lunes la frontera común tras años de cierre. ' +
      'El canciller colombiano se reunió con su homóloga venezolana en Cúcuta. ' +
      'Ambos países firmaron un acuerdo comercial para reactivar las exportaciones. ' +
      'Miles de migrantes venezolanos cruzan cada día la frontera en busca de trabajo y refugio.',
    pair: 'CO-VE',
    relation: 'material-cooperation',
    topics: ['migration'],
  },
];

/** One weak word of the diplomacy vocabulary ("visit"), in the title and the body. */
const WEAK_WORD_STORIES: { lang: string; title: string; text: string }[] = [
  { lang: 'ur', title: 'وزیر کا دورہ', text: 'وزیر نے شہر کا دورہ کیا۔ شہریوں نے ان کا استقبال کیا۔' },
  { lang: 'ar', title: 'زيارة الوزير', text: 'بدأ الوزير زيارة إلى المدينة. واستقبله السكان بحفاوة.' },
  { lang: 'fa', title: 'دیدار وزیر', text: 'وزیر با مردم شهر دیدار کرد. مردم از او استقبال کردند.' },
  { lang: 'hi', title: 'मंत्री का दौरा', text: 'मंत्री ने शहर का दौरा किया। लोगों ने उनका स्वागत किया।' },
  { lang: 'zh', title: '部长访问', text: '部长周一访问了这座城市。市民热情欢迎了他。' },
  {
    lang: 'ru',
    title: 'Визит министра',
    text: 'Министр прибыл с визитом в город. Жители тепло встретили его.',
  },
  {
    lang: 'fr',
    title: 'La visite du ministre',
    text: 'Le ministre a commencé sa visite en ville. Les habitants l’ont accueilli.',
  },
  {
    lang: 'es',
    title: 'La visita del ministro',
    text: 'El ministro comenzó su visita a la ciudad. Los vecinos lo recibieron.',
  },
];

describe('topic and relation data of the eight languages', () => {
  it.each(LANGUAGE_CODES)('%s has every topic, with a decisive phrase in most of them', (lang) => {
    // Prepare
    const topics = LANGUAGE_DATA[lang].topics ?? {};

    // Act
    const ids = Object.keys(topics);
    const withStrongPhrase = ids.filter((id) =>
      Object.values(topics[id]?.terms ?? {}).some((weight) => weight >= 2),
    );

    // Assess
    expect(ids).toEqual([...TOPIC_IDS]);
    expect(withStrongPhrase.length).toBeGreaterThanOrEqual(12);
    for (const id of ids) expect(Object.keys(topics[id]?.terms ?? {}).length).toBeGreaterThanOrEqual(15);
  });

  it.each(LANGUAGE_CODES)('%s writes an open end only at the end of a term', (lang) => {
    // Prepare
    const relations = LANGUAGE_DATA[lang].relations;
    const terms = [
      ...Object.values(LANGUAGE_DATA[lang].topics ?? {}).flatMap((topic) => Object.keys(topic.terms)),
      ...Object.keys(relations?.relationCues ?? {}),
      ...Object.values(relations?.pairRelationCues?.cues ?? {}).flatMap((cues) => Object.keys(cues ?? {})),
    ];

    // Act
    const misplaced = terms.filter((term) => term.slice(0, -1).includes('*'));

    // Assess
    expect(misplaced).toEqual([]);
    expect(relations?.roleVerbs?.length ?? 0).toBeGreaterThan(20);
  });
});

describe('stories in the eight languages', () => {
  it.each(STORIES)('$lang: $title', (story) => {
    // Prepare
    const { lang, title, text } = story;

    // Act
    const result = classifier.classify({ title, text, lang });

    // Assess
    expect(result.primaryPair).toBe(story.pair);
    expect(result.pairs[0]?.relation.type).toBe(story.relation);
    expect(result.topics.map((topic) => topic.id)).toEqual(expect.arrayContaining(story.topics));
    // Evidence cuts the original text, not the folded one.
    for (const topic of result.topics)
      for (const sentence of topic.evidence) expect(`${title}\n\n${text}`).toContain(sentence);
  });

  it.each(WEAK_WORD_STORIES)('$lang: one weak word labels no topic', ({ lang, title, text }) => {
    // Prepare
    const input = { title, text, lang };

    // Act
    const topics = classifier.classify(input).topics.map((topic) => topic.id);

    // Assess
    expect(topics).not.toContain('diplomacy');
  });
});

describe('relation modifiers in each word order', () => {
  const relationOf = (lang: string, title: string, text: string): string | undefined =>
    classifier.classify({ title, text, lang }).pairs[0]?.relation.type;

  it('reads Urdu negation after the noun: an attack that did not happen is no conflict', () => {
    // Prepare
    const title = 'بھارت اور پاکستان کے درمیان لائن آف کنٹرول پر صورتحال';
    const text =
      'پاکستانی فوج کے ترجمان نے کہا کہ بھارت نے پاکستان پر حملہ نہیں کیا۔ ' +
      'بھارت اور پاکستان کے درمیان سرحد پر صورتحال پرسکون ہے۔';

    // Act
    const relation = relationOf('ur', title, text);

    // Assess
    expect(relation).not.toBe('material-conflict');
  });

  it('reads a Hindi cut-off after the noun: a cancelled agreement is material conflict', () => {
    // Prepare
    const title = 'भारत ने पाकिस्तान के साथ व्यापार समझौता रद्द किया';
    const text = 'भारत ने पाकिस्तान के साथ व्यापार समझौता रद्द कर दिया। पाकिस्तान ने भारत के फैसले पर प्रतिक्रिया दी।';

    // Act
    const relation = relationOf('hi', title, text);

    // Assess
    expect(relation).toBe('material-conflict');
  });

  it('reads a Persian cut-off at the end of the clause, past the object', () => {
    // Prepare
    const title = 'ایران قرارداد گاز با ترکیه را لغو کرد';
    const text = 'ایران قرارداد گاز با ترکیه را لغو کرد. ترکیه هنوز به تصمیم ایران واکنش نشان نداده است.';

    // Act
    const relation = relationOf('fa', title, text);

    // Assess
    expect(relation).toBe('material-conflict');
  });

  it('reads a Chinese refusal before the verb: will not sign is verbal conflict', () => {
    // Prepare
    const title = '中国表示不会与美国签署协议';
    const text = '中国外交部表示，中国不会与美国签署协议。美国国务院尚未回应。';

    // Act
    const relation = relationOf('zh', title, text);

    // Assess
    expect(relation).toBe('verbal-conflict');
  });

  it('does not read 不断 (continually) as a negation in Chinese', () => {
    // Prepare
    const title = '中国与巴基斯坦不断加强合作';
    const text = '中国与巴基斯坦不断加强合作。两国外长在北京举行会谈。';

    // Act
    const relation = relationOf('zh', title, text);

    // Assess
    expect(relation).toBe('verbal-cooperation');
  });

  it('reads a French negation before the verb: a treaty not signed votes for nothing', () => {
    // Prepare
    const title = "La Serbie et le Kosovo n'ont pas signé l'accord";
    const text =
      "La Serbie et le Kosovo n'ont pas signé l'accord à Bruxelles. Les deux pays restent divisés.";

    // Act
    const relation = relationOf('fr', title, text);

    // Assess
    expect(relation).not.toBe('verbal-cooperation');
  });
});
