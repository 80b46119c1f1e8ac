import { describe, expect, it } from 'vitest';
import { foldTerm, foldText } from '../../shared/text/script-folding.ts';

/** The source substring that the folded range [start, end) came from. */
function sourceOf(source: string, offsets: Uint32Array, start: number, end: number): string {
  return source.slice(offsets[start], offsets[end]);
}

describe('script folding', () => {
  it('lower-cases Latin text and removes its diacritics', () => {
    // Assess
    expect(foldTerm('États-Unis')).toBe('etats-unis');
    expect(foldTerm('PERÚ y México')).toBe('peru y mexico');
    expect(foldTerm('Türkiye')).toBe('turkiye');
    expect(foldTerm('İstanbul')).toBe('istanbul');
  });

  it('folds Latin letters that have no decomposition', () => {
    // Assess
    expect(foldTerm('Œuvre Færøerne Łódź')).toBe('oeuvre faeroerne lodz');
  });

  it('unifies Arabic and Urdu/Persian yeh and kaf, so either spelling of a name matches', () => {
    // Assess: Arabic keyboard spelling against the Persian/Urdu one.
    expect(foldTerm('أمريكا')).toBe(foldTerm('امریکا'));
    expect(foldTerm('كابل')).toBe(foldTerm('کابل'));
    expect(foldTerm('مصطفى')).toBe(foldTerm('مصطفی'));
    expect(foldTerm('ي')).toBe('\u06CC');
  });

  it('drops the hamza and madda carried by alef, waw and yeh', () => {
    // Assess
    expect(foldTerm('إيران')).toBe(foldTerm('ایران'));
    expect(foldTerm('آسيا')).toBe(foldTerm('اسیا'));
    expect(foldTerm('ٱلله')).toBe(foldTerm('الله'));
    expect(foldTerm('مؤتمر')).toBe(foldTerm('موتمر'));
    expect(foldTerm('رئيس')).toBe(foldTerm('رییس'));
  });

  it('writes teh marbuta and Urdu heh goal as heh', () => {
    // Assess
    expect(foldTerm('السعودية')).toBe('السعودیه');
    expect(foldTerm('امریکہ')).toBe('امریکه');
  });

  it('removes tatweel and harakat', () => {
    // Assess
    expect(foldTerm('مـصـر')).toBe('مصر');
    expect(foldTerm('مِصْرُ')).toBe('مصر');
    expect(foldTerm('هٰذا')).toBe('هذا');
  });

  it('removes zero-width joiners, soft hyphens and direction marks', () => {
    // Assess: Persian writes ZWNJ inside words; web text carries bidi marks.
    expect(foldTerm('می\u200Cخواهد')).toBe('میخواهد');
    expect(foldTerm('\u200Fپاکستان\u200E')).toBe('پاکستان');
    expect(foldTerm('Paki\u00ADstan')).toBe('pakistan');
    expect(foldTerm('\u202Bایران\u202C\u2067')).toBe('ایران');
  });

  it('decomposes Devanagari nukta letters and removes the nukta', () => {
    // Assess: precomposed ज़ (U+095B) and ज + nukta both fold to ज.
    expect(foldTerm('\u095Bमीन')).toBe('जमीन');
    expect(foldTerm('ज\u093Cमीन')).toBe('जमीन');
    expect(foldTerm('क़तर')).toBe('कतर');
  });

  it('keeps Devanagari vowel signs and virama', () => {
    // Assess
    expect(foldTerm('पाकिस्तान')).toBe('पाकिस्तान');
  });

  it('writes Cyrillic ё as е but keeps й', () => {
    // Assess
    expect(foldTerm('Ёлка')).toBe('елка');
    expect(foldTerm('Объединённые')).toBe('объединенные');
    expect(foldTerm('Китай')).toBe('китай');
  });

  it('turns full-width forms and compatibility characters into their plain forms', () => {
    // Assess
    expect(foldTerm('ＵＳＡ　２０２６')).toBe('usa 2026');
    expect(foldTerm('ﻻ')).toBe('لا');
  });

  it('leaves Chinese characters as they are and folds full-width punctuation', () => {
    // Assess
    expect(foldTerm('美国和中国！')).toBe('美国和中国!');
  });

  it('folds a whole text the same way as its words one by one', () => {
    // Prepare
    const source = 'وزير خارجية إيران يزور باكستان';

    // Act
    const folded = foldText(source);

    // Assess
    expect(folded.text).toBe(source.split(' ').map(foldTerm).join(' '));
  });

  it('maps every folded index back to the source, so a match cuts the original text', () => {
    // Prepare: tatweel, harakat, ZWNJ and a bidi mark before the name shift every index.
    const source = 'قالَ وزيـر\u200C \u200Fالخارجيّة إنّ أمريكا';

    // Act
    const folded = foldText(source);
    const start = folded.text.indexOf(foldTerm('أمريكا'));
    const end = start + foldTerm('أمريكا').length;

    // Assess
    expect(folded.sourceOffsets.length).toBe(folded.text.length + 1);
    expect(sourceOf(source, folded.sourceOffsets, start, end)).toBe('أمريكا');
    expect(folded.sourceOffsets[folded.text.length]).toBe(source.length);
  });

  it('maps a Latin word with combining accents back to its accented source', () => {
    // Prepare: decomposed accents (e + U+0301) in the source.
    const source = 'Le Pe\u0301rou et les E\u0301tats-Unis';

    // Act
    const folded = foldText(source);
    const start = folded.text.indexOf('etats-unis');

    // Assess
    expect(sourceOf(source, folded.sourceOffsets, start, start + 'etats-unis'.length)).toBe(
      'E\u0301tats-Unis',
    );
  });

  it('maps an expansion (ß → ss) to the one source character', () => {
    // Prepare
    const source = 'Straße';

    // Act
    const folded = foldText(source);

    // Assess
    expect(folded.text).toBe('strasse');
    expect(Array.from(folded.sourceOffsets)).toEqual([0, 1, 2, 3, 4, 4, 5, 6]);
  });

  it('maps Devanagari and Chinese text back without gaps', () => {
    // Prepare
    const source = 'क़तर और 美国';

    // Act
    const folded = foldText(source);
    const chinese = folded.text.indexOf('美国');

    // Assess
    expect(folded.text).toBe('कतर और 美国');
    expect(sourceOf(source, folded.sourceOffsets, 0, 3)).toBe('क़तर');
    expect(sourceOf(source, folded.sourceOffsets, chinese, chinese + 2)).toBe('美国');
  });

  it('gives an empty text one offset, the source length', () => {
    // Act
    const folded = foldText('\u200C\u0640');

    // Assess
    expect(folded.text).toBe('');
    expect(Array.from(folded.sourceOffsets)).toEqual([2]);
  });
});
