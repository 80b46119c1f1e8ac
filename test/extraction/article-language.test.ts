import { describe, expect, it } from 'vitest';
import { articleLanguage } from '../../shared/extraction/article-language.ts';

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
