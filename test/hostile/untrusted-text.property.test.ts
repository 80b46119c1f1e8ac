/**
 * The output rules for untrusted text, on generated strings: whatever a feed sends (any code point,
 * lone surrogates, controls and bidi marks mixed into ordinary text), nothing a terminal, a mail header
 * or a spreadsheet acts on comes out, and what is kept still reads back as the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../cli/csv-cell.ts';
import { toBodySafe, toHeaderSafe } from '../../shared/alerts/email-text.ts';
import { terminalJson, terminalLine, terminalText } from '../../shared/text/terminal-text.ts';
import { boundedTitle, MAX_TITLE_CHARACTERS } from '../../shared/text/title-text.ts';

const HOSTILE = [
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u001b[2J',
  '\u001b]0;t\u0007',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2028',
  '\u2029',
  '\u2066',
  '\u2069',
  '=',
  '+',
  '-',
  '@',
  '"',
  ',',
];
/** Ordinary text with hostile pieces anywhere, and any code point, lone surrogates included. */
const untrusted = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })), { maxLength: 30 })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const ACTIVE_ON_TERMINAL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`);
const ACTIVE_ON_LINE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI}]`);
const UNSAFE_IN_HEADER = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI}]`);
const UNSAFE_IN_BODY = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI}]`);
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** The cell's text as a spreadsheet reads it from RFC 4180. */
const unquote = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);

describe('untrusted text on generated input', () => {
  it('terminal text keeps only line feeds and tabs among the controls; a line keeps none', () => {
    fc.assert(
      fc.property(untrusted, (value) => {
        expect(terminalText(value)).not.toMatch(ACTIVE_ON_TERMINAL);
        expect(terminalLine(value)).not.toMatch(ACTIVE_ON_LINE);
      }),
    );
  });

  it('terminal JSON is the same JSON', () => {
    fc.assert(
      fc.property(untrusted, (value) => {
        const json = terminalJson(JSON.stringify({ value }));
        expect(json).not.toMatch(ACTIVE_ON_TERMINAL);
        expect(JSON.parse(json)).toEqual({ value });
      }),
    );
  });

  it('an email header is one line with no control or bidi character; a body keeps only line feeds', () => {
    fc.assert(
      fc.property(untrusted, (value) => {
        expect(toHeaderSafe(value)).not.toMatch(UNSAFE_IN_HEADER);
        expect(toBodySafe(value)).not.toMatch(UNSAFE_IN_BODY);
      }),
    );
  });

  it('a CSV cell never starts a formula and reads back as the text, quote-prefixed when it would', () => {
    fc.assert(
      fc.property(untrusted, (value) => {
        const text = unquote(csvCell(value));
        expect(text).toBe(FORMULA_START.test(value) ? `'${value}` : value);
        expect(text).not.toMatch(FORMULA_START);
      }),
    );
  });

  it('a stored title has no control and stays within the limit', () => {
    fc.assert(
      fc.property(untrusted, fc.nat({ max: 3000 }), (value, repeat) => {
        const title = boundedTitle(value.repeat(Math.min(repeat, 3000 / Math.max(1, value.length))));
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
        expect(title).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect([...title].length).toBeLessThanOrEqual(MAX_TITLE_CHARACTERS);
      }),
    );
  });
});
