import { describe, expect, it } from 'vitest';
import { arabicScriptLanguage, articleLanguage } from '../../shared/extraction/article-language.ts';

const DANISH =
  'Forhandlerne fra de to lande mødtes tirsdag til en tredje dag med drøftelser om en handelsaftale, som har været ventet i to år, oplyste embedsmænd efter mødet.';
const UKRAINIAN =
  'Переговірники обох країн зустрілися у вівторок на третій день обговорень торговельної угоди, на яку чекали два роки, повідомили посадовці після зустрічі.';
const FRENCH =
  'Les négociateurs des deux pays se sont retrouvés mardi pour une troisième journée de discussions sur un accord commercial attendu depuis deux ans.';

describe('articleLanguage', () => {
  it.each([
    { declared: 'da-DK', text: DANISH, language: 'da' },
    { declared: 'uk', text: UKRAINIAN, language: 'uk' },
  ])(
    'keeps a declared language that detection does not know ($declared), not its nearest known neighbour',
    ({ declared, text, language }) => {
      // Act
      const detected = articleLanguage(declared, text);

      // Assess
      expect(detected).toBe(language);
    },
  );

  it('still lets the text overrule a declared language that detection knows', () => {
    // Act
    const detected = articleLanguage('en', FRENCH);

    // Assess
    expect(detected).toBe('fr');
  });
});

describe('arabicScriptLanguage', () => {
  it('tells Urdu, Persian and Arabic apart by the letters each alphabet has', () => {
    // Prepare
    const urdu =
      'وزیر اعظم نے کہا کہ پاکستان اپنے ہمسایوں کے ساتھ بہتر تعلقات چاہتا ہے اور اس سلسلے میں بات چیت جاری رہے گی۔';
    const persian =
      'رئیس جمهور گفت که ایران خواهان روابط بهتر با همسایگان است و گفتگوها در این زمینه ادامه خواهد یافت.';
    const arabic =
      'قال رئيس الوزراء إن المملكة تريد علاقات أفضل مع جيرانها وإن المحادثات في هذا الشأن ستستمر خلال الأسابيع المقبلة.';

    // Act
    const languages = [urdu, persian, arabic].map(arabicScriptLanguage);

    // Assess
    expect(languages).toEqual(['ur', 'fa', 'ar']);
  });

  it('reads Persian typed with the Arabic yeh and kaf as Persian', () => {
    // Prepare: older Persian sites type ي and ك, but still write پ چ ژ گ.
    const persian =
      'رئيس جمهور گفت كه ايران خواهان روابط بهتر با همسايگان است و گفتگوها در اين زمينه با پاكستان ادامه پيدا مي كند.';

    // Act
    const language = arabicScriptLanguage(persian);

    // Assess
    expect(language).toBe('fa');
  });

  it('says nothing about a few words', () => {
    // Act
    const language = arabicScriptLanguage('پاکستان امریکہ');

    // Assess
    expect(language).toBeNull();
  });
});
