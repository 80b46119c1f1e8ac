/**
 * Rows of text for people (aligned columns) and for spreadsheets (CSV, RFC 4180). Cells hold untrusted
 * feed text, so both show control characters as escapes, and CSV cells never start a formula.
 */
import { terminalLine, terminalText } from '../shared/text/terminal-text.ts';
import { csvCell } from './csv-cell.ts';

/** Columns padded to their widest cell; the last column is left unpadded so lines do not trail spaces. */
export function alignColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows].map((row) => row.map(terminalLine));
  const widths = header.map((_, column) => Math.max(...all.map((row) => [...(row[column] ?? '')].length)));
  return all
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1
            ? cell
            : cell.padEnd((widths[column] ?? 0) + cell.length - [...cell].length),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * CSV with a header line, CRLF line ends and quoting where a field needs it (RFC 4180). An export is
 * also printed to terminals, so controls other than line breaks and tabs are shown as escapes.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows]
    .map((row) => `${row.map((value) => csvCell(terminalText(value))).join(',')}\r\n`)
    .join('');
}
