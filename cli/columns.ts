/** Rows of text for people (aligned columns) and for spreadsheets (CSV, RFC 4180). */

/** Columns padded to their widest cell; the last column is left unpadded so lines do not trail spaces. */
export function alignColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
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

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** CSV with a header line, CRLF line ends and quoting where a field needs it (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
