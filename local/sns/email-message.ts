/**
 * Renders a plain-text email as an RFC 5322 message: header values must be printable ASCII (the
 * subject is RFC 2047-encoded when it is not), and the UTF-8 body is quoted-printable, so nothing
 * in a message can start a header line or break the format.
 */

export interface EmailMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly date: Date;
  /** Without angle brackets, e.g. `1234@host`. */
  readonly messageId: string;
  /** Extra headers, such as the SNS ids; values must be printable ASCII. */
  readonly extraHeaders: readonly (readonly [string, string])[];
  readonly body: string;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// 45 bytes become 60 base64 characters: with `=?UTF-8?B?` and `?=` an encoded word stays within RFC 2047's 75.
const MAX_ENCODED_WORD_BYTES = 45;
// RFC 2045: encoded lines hold at most 76 characters, the soft break `=` included.
const MAX_QUOTED_PRINTABLE_LINE = 76;

export function renderEmail(email: EmailMessage): string {
  const headers: (readonly [string, string])[] = [
    ['From', email.from],
    ['To', email.to],
    ['Subject', encodeHeaderText(email.subject)],
    ['Date', formatEmailDate(email.date)],
    ['Message-ID', `<${email.messageId}>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=UTF-8'],
    ['Content-Transfer-Encoding', 'quoted-printable'],
    ...email.extraHeaders,
  ];
  const headerLines = headers.map(([name, value]) => {
    if (name !== 'Subject' && !PRINTABLE_ASCII.test(value)) {
      throw new Error(`Email header ${name} must be printable ASCII`);
    }
    return `${name}: ${value}`;
  });
  const body = encodeQuotedPrintable(email.body);
  // The message ends with a line break, whether or not the body text did.
  return `${headerLines.join('\r\n')}\r\n\r\n${body.endsWith('\r\n') ? body : `${body}\r\n`}`;
}

/** Leaves printable ASCII as is; anything else becomes UTF-8 encoded words, folded onto continuation lines. */
export function encodeHeaderText(text: string): string {
  if (PRINTABLE_ASCII.test(text) && !text.includes('=?')) return text;
  const chunks: string[] = [];
  let chunk = '';
  // Iterating by code point keeps every character whole inside one encoded word.
  for (const character of text) {
    if (Buffer.byteLength(chunk + character) > MAX_ENCODED_WORD_BYTES) {
      chunks.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  chunks.push(chunk);
  return chunks.map((part) => `=?UTF-8?B?${Buffer.from(part, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Quoted-printable (RFC 2045) of UTF-8 text, with CRLF line breaks. */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(encodeQuotedPrintableLine)
    .join('\r\n');
}

function encodeQuotedPrintableLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  const tokens = [...bytes].map((byte, index) => {
    const isLast = index === bytes.length - 1;
    const isLiteral = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !isLast);
    return isLiteral ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  });
  const encodedLines: string[] = [];
  let current = '';
  for (const token of tokens) {
    // Tokens are never split, so an `=XX` escape always stays on one line.
    if (current.length + token.length > MAX_QUOTED_PRINTABLE_LINE - 1) {
      encodedLines.push(`${current}=`);
      current = '';
    }
    current += token;
  }
  encodedLines.push(current);
  return encodedLines.join('\r\n');
}

/** RFC 5322 date-time in UTC, e.g. `Fri, 27 Nov 2026 07:29:13 +0000`. */
export function formatEmailDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}
