/**
 * Bytes to text for feeds, pages and JSON. Takes the body bytes, the HTTP Content-Type (if any), an
 * optional per-feed charset override and the kind of document; gives the decoded text and the
 * canonical (WHATWG) name of the charset used. The charset comes from, in order: the override, the
 * Content-Type charset, a byte order mark, the XML declaration (xml) or the HTML `<meta>` prescan
 * (html), else UTF-8 — with a windows-1252 fallback when the bytes are not UTF-8, as feedparser does.
 * Never throws: unknown labels fall through to the next source and invalid bytes become U+FFFD.
 */
import { canonicalCharset, charsetFromContentType } from './charset-label.ts';
import { htmlMetaCharset } from './html-meta-charset.ts';
import { decodeUtf32 } from './utf32.ts';
import { decodeWindows1252 } from './windows-1252.ts';

export type TextKind = 'xml' | 'html' | 'json';

export interface DecodeTextOptions {
  contentType?: string | null;
  override?: string | null;
  kind: TextKind;
}

export type CharsetSource = 'override' | 'content-type' | 'bom' | 'declaration' | 'meta' | 'default';

/** Where a charset may come from, strongest first. */
const SOURCES: readonly CharsetSource[] = ['override', 'content-type', 'bom', 'declaration', 'meta'];

export interface DecodedTextReport {
  text: string;
  charset: string;
  source: CharsetSource;
  /** Why the bytes did not decode cleanly (unknown label, invalid sequences), or null. */
  problem: string | null;
}

export function decodeText(bytes: Uint8Array, options: DecodeTextOptions): { text: string; charset: string } {
  const { text, charset } = decodeTextWithReport(bytes, options);
  return { text, charset };
}

/** decodeText, also saying where the charset came from and what went wrong on the way. */
export function decodeTextWithReport(bytes: Uint8Array, options: DecodeTextOptions): DecodedTextReport {
  const problems: string[] = [];
  const bom = sniffBom(bytes);
  for (let step = 0; step < SOURCES.length; step++) {
    const source = SOURCES[step] as CharsetSource;
    let label: string | null;
    if (source === 'override') label = options.override ?? null;
    else if (source === 'content-type') label = charsetFromContentType(options.contentType);
    else if (source === 'bom') label = bom?.charset ?? null;
    else if (options.kind === 'html') label = source === 'meta' ? htmlMetaCharset(bytes) : null;
    else label = source === 'declaration' ? declaredCharset(bytes, options.kind) : null;
    if (!label) continue;
    const charset = canonicalCharset(label);
    if (charset === null) {
      problems.push(`unknown charset "${label}" in ${source}`);
      continue;
    }
    // A UTF-16/32 claim over bytes that are plainly ASCII-compatible is a copy-pasted declaration.
    if (isWideCharset(charset) && bom === null && asciiFamilyOf(bytes) === null) {
      problems.push(`${source} claims ${charset} but the bytes are ASCII-compatible`);
      continue;
    }
    return finish(decodeWith(bytes, charset, bom), source, problems);
  }
  const wide = asciiFamilyOf(bytes);
  if (wide !== null) return finish(decodeWith(bytes, wide, bom), 'default', problems);
  return finish(decodeWith(bytes, 'utf-8', bom), 'default', problems);
}

function finish(decoded: Decoded, source: CharsetSource, problems: string[]): DecodedTextReport {
  if (decoded.problem !== null) problems.push(decoded.problem);
  return {
    text: decoded.mayHoldC1 && C1_CONTROL.test(decoded.text) ? demoronize(decoded.text) : decoded.text,
    charset: decoded.charset,
    source,
    problem: problems.length === 0 ? null : problems.join('; '),
  };
}

const C1_CONTROL = /[\x80-\x9f]/;

/**
 * C1 control characters in text are windows-1252 punctuation that went through a latin-1 or UTF-8
 * round trip ("don\x92t"); read them as windows-1252 meant, as feedparser and browsers do.
 */
function demoronize(text: string): string {
  return text.replace(/[\x80-\x9f]/g, (control) => decodeWindows1252(Uint8Array.of(control.charCodeAt(0))));
}

interface Decoded {
  text: string;
  charset: string;
  problem: string | null;
  /** False when the text provably holds no C1 controls (windows-1252 maps them; pure ASCII has none). */
  mayHoldC1: boolean;
}

function decodeWith(
  bytes: Uint8Array,
  charset: string,
  bom: { charset: string; length: number } | null,
): Decoded {
  const body = bom !== null && bom.charset === charset ? bytes.subarray(bom.length) : bytes;
  if (charset === 'utf-8') return decodeUtf8OrFallBack(body);
  if (charset === 'windows-1252')
    return { text: decodeWindows1252(body), charset, problem: null, mayHoldC1: false };
  const text =
    charset === 'utf-32le' || charset === 'utf-32be'
      ? decodeUtf32(body, charset === 'utf-32le')
      : new TextDecoder(charset, { ignoreBOM: true }).decode(body);
  return {
    text,
    charset,
    problem: text.includes('\uFFFD') ? `invalid ${charset} sequences` : null,
    mayHoldC1: true,
  };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * UTF-8 that does not validate is most often windows-1252 mislabelled (feedparser's fallback); but a
 * UTF-8 text with one broken byte should stay UTF-8, so keep UTF-8 when valid multi-byte characters
 * outnumber the broken sequences.
 */
function decodeUtf8OrFallBack(bytes: Uint8Array): Decoded {
  try {
    const text = STRICT_UTF8.decode(bytes);
    // As many characters as bytes: pure ASCII. Otherwise valid UTF-8 holds a C1 control only as C2 80–9F.
    return {
      text,
      charset: 'utf-8',
      problem: null,
      mayHoldC1: text.length !== bytes.byteLength && hasUtf8C1(bytes),
    };
  } catch {
    const text = LENIENT_UTF8.decode(bytes);
    let broken = 0;
    let wide = 0;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 0xfffd) broken++;
      else if (code > 0x7f) wide++;
    }
    if (wide > broken) return { text, charset: 'utf-8', problem: 'invalid utf-8 sequences', mayHoldC1: true };
    return {
      text: decodeWindows1252(bytes),
      charset: 'windows-1252',
      problem: 'bytes are not utf-8; decoded as windows-1252',
      mayHoldC1: false,
    };
  }
}

/** Whether valid UTF-8 bytes encode a C1 control (U+0080–U+009F, bytes C2 80 to C2 9F). */
function hasUtf8C1(bytes: Uint8Array): boolean {
  for (let at = bytes.indexOf(0xc2); at !== -1; at = bytes.indexOf(0xc2, at + 1)) {
    const next = bytes[at + 1] ?? 0;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  return false;
}

function sniffBom(bytes: Uint8Array): { charset: string; length: number } | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { charset: 'utf-32le', length: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { charset: 'utf-32be', length: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16/32 without a BOM, recognised by where the zero bytes sit around the first '<' or '{'. */
function asciiFamilyOf(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return 'utf-32be';
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return 'utf-16be';
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return 'utf-16le';
  return null;
}

function isWideCharset(charset: string): boolean {
  return charset.startsWith('utf-16') || charset.startsWith('utf-32');
}

const XML_DECLARATION = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/;

/** The encoding named by the XML declaration (json has none), read in the byte family it is written in. */
function declaredCharset(bytes: Uint8Array, kind: TextKind): string | null {
  if (kind !== 'xml') return null;
  const bom = sniffBom(bytes);
  const family = bom?.charset ?? asciiFamilyOf(bytes);
  let head: string;
  if (family === null || family === 'utf-8') {
    head = latin1(bytes.subarray(bom?.length ?? 0, 512));
  } else {
    const start = bom?.length ?? 0;
    head = decodeWith(bytes.subarray(start, start + 1024), family, null).text;
  }
  const label = XML_DECLARATION.exec(head)?.[1] ?? null;
  // Inside UTF-16/32 bytes, a declaration saying "utf-16" (or a label no decoder knows) means the family already detected.
  if (
    label !== null &&
    family !== null &&
    isWideCharset(family) &&
    (/^(utf|ucs|iso-10646)/i.test(label) || canonicalCharset(label) === null)
  ) {
    return family;
  }
  return label;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
