/**
 * Reads the `.eml` files the emulator writes, independently of how it writes them: unfolds headers,
 * decodes RFC 2047 encoded words and the quoted-printable body.
 */
export interface ReadEmail {
  /** Header values by lower-cased name, unfolded and decoded. */
  readonly headers: ReadonlyMap<string, string>;
  /** The raw header lines, unfolded, as they appear in the file. */
  readonly headerLines: readonly string[];
  readonly body: string;
}

export function readEml(text: string): ReadEmail {
  const separator = text.indexOf('\r\n\r\n');
  if (separator < 0) throw new Error('No blank line between headers and body');
  const headerLines = text
    .slice(0, separator)
    .replace(/\r\n[ \t]/g, ' ')
    .split('\r\n');
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  return { headers, headerLines, body: decodeQuotedPrintable(text.slice(separator + 4)) };
}

export function decodeEncodedWords(value: string): string {
  // Whitespace between adjacent encoded words is not part of the text (RFC 2047, section 6.2).
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_word, base64: string) =>
      Buffer.from(base64, 'base64').toString('utf8'),
    );
}

export function decodeQuotedPrintable(encoded: string): string {
  const withoutSoftBreaks = encoded.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < withoutSoftBreaks.length; index += 1) {
    const character = withoutSoftBreaks[index];
    if (character === '=') {
      bytes.push(Number.parseInt(withoutSoftBreaks.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(withoutSoftBreaks.charCodeAt(index));
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}
