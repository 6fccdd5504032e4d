/**
 * One cell of a CSV file people open in a spreadsheet program. A cell that starts like a
 * formula (= + - @, a tab or a carriage return; and the full-width ＝ ＋ － ＠ a Japanese
 * spreadsheet may take the same way) is neutralised as OWASP's CSV-injection advice says:
 * a leading apostrophe makes it text, and the cell is quoted. Quotes, commas and line
 * breaks are quoted as RFC 4180 does.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return safe !== text || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV file: a header and rows, CRLF line ends, UTF-8 with a BOM so spreadsheet programs in Japan read it right. */
export function csvFile(header: string[], rows: unknown[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
