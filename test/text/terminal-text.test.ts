import { describe, expect, it } from 'vitest';
import { terminalJson, terminalLine, terminalText } from '../../shared/text/terminal-text.ts';

const ESC = '\u001b';

describe('terminal-safe text', () => {
  it.each([
    ['clear screen', `${ESC}[2J`, '\\x1b[2J'],
    ['OSC window title ended by BEL', `${ESC}]0;pwned\u0007`, '\\x1b]0;pwned\\x07'],
    ['OSC 52 clipboard write ended by ST', `${ESC}]52;c;ZXZpbA==${ESC}\\`, '\\x1b]52;c;ZXZpbA==\\x1b\\'],
    ['one-character CSI (C1)', '\u009b31m', '\\x9b31m'],
    ['carriage return overwriting the line', 'safe\rEVIL', 'safe\\x0dEVIL'],
    ['backspace', 'ok\b\b', 'ok\\x08\\x08'],
    ['DEL and NUL', 'a\u007fb\u0000', 'a\\x7fb\\x00'],
    ['right-to-left override', 'invoice\u202Efdp.exe', 'invoice\\u202efdp.exe'],
    ['isolates and marks', '\u2066a\u2069\u200e\u200f\u061c', '\\u2066a\\u2069\\u200e\\u200f\\u061c'],
  ])('shows %s as visible escapes', (_what, hostile, shown) => {
    // Act
    const safe = terminalText(hostile);

    // Assess
    expect(safe).toBe(shown);
  });

  it('keeps line breaks, tabs and ordinary Unicode in text', () => {
    // Act
    const safe = terminalText('Karachi —\tلاہور\n“quoted” ✓');

    // Assess
    expect(safe).toBe('Karachi —\tلاہور\n“quoted” ✓');
  });

  it('keeps a one-line field on its line', () => {
    // Act
    const safe = terminalLine('title\nforged line\tcell');

    // Assess
    expect(safe).toBe('title\\x0aforged line\\x09cell');
  });

  it('escapes what JSON.stringify leaves raw, and the JSON still reads back the same', () => {
    // Prepare
    const value = { title: `\u009b2J${ESC}[2J\u202Etxt\u2028` };

    // Act
    const json = terminalJson(JSON.stringify(value));

    // Assess
    expect(json).toBe('{"title":"\\u009b2J\\u001b[2J\\u202etxt\\u2028"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
