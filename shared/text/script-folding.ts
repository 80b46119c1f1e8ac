/**
 * Script folding for matching across spelling variants: aliases, rule terms and article text fold the
 * same way here, so a term written one way finds the text written another. Folding works one cluster
 * (a base character and the combining marks after it) at a time, which keeps an exact map from every
 * folded character back to the source character it came from: evidence and highlights cut the
 * original text, never the folded one.
 */
import { isBidiControl } from './bidi-controls.ts';
import { isInvisibleCharacter } from './invisible-characters.ts';

export interface FoldedText {
  /** The folded text. */
  readonly text: string;
  /** For each UTF-16 index i of `text` (and i = text.length), the index in the source it came from. */
  readonly sourceOffsets: Uint32Array;
}

/** Arabic-script letters that writers (and keyboards) use interchangeably, to one form each. */
const LETTER_VARIANTS: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // ي Arabic yeh → ی Farsi yeh
  '\u0649': '\u06CC', // ى alef maksura → ی
  '\u0643': '\u06A9', // ك Arabic kaf → ک keheh
  '\u0629': '\u0647', // ة teh marbuta → ه
  '\u06C3': '\u0647', // ۃ Urdu teh marbuta goal → ه
  '\u06C1': '\u0647', // ہ Urdu heh goal → ه: Urdu text mixes both
  '\u06D5': '\u0647', // ە ae → ه (ۀ decomposes to it)
  '\u0671': '\u0627', // ٱ alef wasla → ا (أ إ آ lose their hamza or madda as marks)
  '\u0640': '', // tatweel only stretches a word
  // Latin letters that have no decomposition but are spelled without the stroke or ligature.
  œ: 'oe',
  æ: 'ae',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  ß: 'ss',
};

/** Removed wherever they stand: invisibles, direction controls and marks, BOM. */
function isFormatControl(code: number): boolean {
  return isInvisibleCharacter(code) || isBidiControl(code) || code === 0xfeff;
}

/** Arabic harakat, hamza and madda marks, superscript alef and Quranic annotation marks. */
function isArabicMark(code: number): boolean {
  return (
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    (code >= 0x06d6 && code <= 0x06dc) ||
    (code >= 0x06df && code <= 0x06e4) ||
    code === 0x06e7 ||
    code === 0x06e8 ||
    (code >= 0x06ea && code <= 0x06ed)
  );
}

/** Combining diacritics as used on Latin (and Greek) letters. */
function isLatinDiacritic(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}

const DEVANAGARI_NUKTA = 0x093c;
const COMBINING_DIAERESIS = 0x0308;
const CYRILLIC_IE = 'е';
const CYRILLIC = /\p{Script=Cyrillic}/u;
const COMBINING_MARK = /\p{M}/u;

/** Folds one cluster: NFKC, lower case, then decomposed so marks can go one by one. */
function foldCluster(cluster: string): string {
  const decomposed = cluster.normalize('NFKC').toLowerCase().normalize('NFD');
  const base = decomposed.codePointAt(0) ?? 0;
  if (isFormatControl(base)) return '';
  const cyrillic = CYRILLIC.test(String.fromCodePoint(base));
  let folded = '';
  let previous = '';
  for (const character of decomposed) {
    const code = character.codePointAt(0) ?? 0;
    if (isFormatControl(code) || isArabicMark(code) || code === DEVANAGARI_NUKTA) continue;
    // Cyrillic keeps its marks (й is not и) except the diaeresis of ё.
    if (isLatinDiacritic(code) && (!cyrillic || (code === COMBINING_DIAERESIS && previous === CYRILLIC_IE)))
      continue;
    const variant = LETTER_VARIANTS[character] ?? character;
    // Tatweel carries the marks written on it: they go with it.
    if (variant === '' && folded === '') return '';
    folded += variant;
    previous = character;
  }
  return folded.normalize('NFC');
}

const MAX_CACHED_CLUSTERS = 20_000;
const foldedClusters = new Map<string, string>();

function cachedFoldCluster(cluster: string): string {
  let folded = foldedClusters.get(cluster);
  if (folded === undefined) {
    folded = foldCluster(cluster);
    if (foldedClusters.size >= MAX_CACHED_CLUSTERS) foldedClusters.clear();
    foldedClusters.set(cluster, folded);
  }
  return folded;
}

const FIRST_COMBINING_MARK = 0x0300;

/** Per UTF-16 code unit: 0 not yet known, 1 a combining mark, 2 not one. Filled as text is met. */
const markKind = new Uint8Array(0x10000);
/** The folding of each code unit that stands alone (no marks after it), filled as text is met. */
const foldedUnits: (string | undefined)[] = new Array(0x10000);

function isMarkUnit(code: number): boolean {
  let kind = markKind[code] ?? 0;
  if (kind === 0) {
    kind = code >= FIRST_COMBINING_MARK && COMBINING_MARK.test(String.fromCharCode(code)) ? 1 : 2;
    markKind[code] = kind;
  }
  return kind === 1;
}

const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;

/** End (exclusive) of the cluster that starts at `start`: one code point and the marks after it. */
function clusterEnd(source: string, start: number): number {
  let end = start + ((source.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
  while (end < source.length) {
    const code = source.codePointAt(end) ?? 0;
    if (code < FIRST_COMBINING_MARK || !COMBINING_MARK.test(String.fromCodePoint(code))) break;
    end += code > 0xffff ? 2 : 1;
  }
  return end;
}

/**
 * Calls `onPiece` with the folding of each cluster and the source index where it starts. Most
 * clusters are one code unit with no mark after it: their foldings are kept per code unit, so a long
 * text costs a table lookup per character.
 */
function foldInto(source: string, onPiece: (piece: string, sourceIndex: number) => void): void {
  let index = 0;
  while (index < source.length) {
    const code = source.charCodeAt(index);
    const next = index + 1 < source.length ? source.charCodeAt(index + 1) : 0;
    if (!isSurrogate(code) && (next < FIRST_COMBINING_MARK || isSurrogate(next) || !isMarkUnit(next))) {
      let piece = foldedUnits[code];
      if (piece === undefined) {
        piece = foldCluster(String.fromCharCode(code));
        foldedUnits[code] = piece;
      }
      onPiece(piece, index);
      index += 1;
      continue;
    }
    const end = clusterEnd(source, index);
    onPiece(cachedFoldCluster(source.slice(index, end)), index);
    index = end;
  }
}

const UTF16 = new TextDecoder('utf-16le');

/** Folds for matching across scripts: NFKC; lower case; Latin diacritics removed; Arabic-script letter
 *  variants unified (ي ى → ی, ك → ک, ة → ه, أ إ آ ٱ → ا, ؤ → و, ئ → ی), tatweel and Arabic diacritics
 *  (harakat, superscript alef) removed; ZWNJ/ZWJ/soft hyphen/bidi controls removed; Devanagari nukta
 *  forms decomposed and the nukta removed (क़ → क); Cyrillic ё → е. */
export function foldText(source: string): FoldedText {
  // Folding seldom lengthens text (ß → ss, ligatures): the buffers grow when it does.
  let units = new Uint16Array(source.length + 16);
  let origins = new Uint32Array(source.length + 17);
  let length = 0;
  foldInto(source, (piece, sourceIndex) => {
    if (length + piece.length >= units.length) {
      const grownUnits = new Uint16Array(units.length * 2 + piece.length);
      grownUnits.set(units);
      units = grownUnits;
      const grownOrigins = new Uint32Array(grownUnits.length + 1);
      grownOrigins.set(origins);
      origins = grownOrigins;
    }
    for (let at = 0; at < piece.length; at += 1) {
      units[length] = piece.charCodeAt(at);
      origins[length] = sourceIndex;
      length += 1;
    }
  });
  origins[length] = source.length;
  return { text: UTF16.decode(units.subarray(0, length)), sourceOffsets: origins.slice(0, length + 1) };
}

/** The same folding for a pattern (alias, rule term) with no offsets. */
export function foldTerm(term: string): string {
  let folded = '';
  foldInto(term, (piece) => {
    folded += piece;
  });
  return folded;
}
