/**
 * Characters a reader does not see inside a word: soft hyphen, zero-width space, zero-width non-joiner
 * and joiner, word joiner. Web text carries them inside words ("Paki\u200Bstan"), so matching ignores
 * them: the rule matcher folds them out of words (`shared/rules/normalise.ts`) and the classifier's
 * term matcher skips them (`shared/classification/character-classes.ts`), so both read one word.
 */
export const INVISIBLE_CHARACTERS = '\u00AD\u200B\u200C\u200D\u2060';

export function isInvisibleCharacter(code: number): boolean {
  return code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060;
}
