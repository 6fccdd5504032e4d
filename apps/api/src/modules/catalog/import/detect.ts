/** Guesses a catalogue file's format from its first bytes. */
import { CatalogueFormat } from './types';

function skipBomAndSpace(buf: Uint8Array): number {
  let i = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x00)) i++;
  return i;
}

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

/**
 * 'marcxml' when the content starts with '<' (XML declaration, comment or element);
 * 'iso2709' when it starts with a MARC leader (five digits, and "4500"-style entry map
 * or a field/record terminator soon after); 'csv' for other text; null when unsure
 * (empty, or binary that is none of these).
 */
export function detectFormat(input: Uint8Array | string): CatalogueFormat | null {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const i = skipBomAndSpace(buf);
  if (i >= buf.length) return null;
  if (buf[i] === 0x3c /* < */) return 'marcxml';
  if (buf[i] === 0xff && buf[i + 1] === 0xfe && buf[i + 2] === 0x3c) return 'marcxml'; // UTF-16LE "<"
  if (buf[i] === 0xfe && buf[i + 1] === 0xff && buf[i + 3] === 0x3c) return 'marcxml'; // UTF-16BE "<"

  const head = buf.subarray(i, i + 4096);
  const leaderDigits = [0, 1, 2, 3, 4].every((k) => isDigit(head[k]));
  const hasTerminators = head.includes(0x1e) || head.includes(0x1d);
  if (leaderDigits && (hasTerminators || (isDigit(head[20]) && isDigit(head[21])))) return 'iso2709';
  if (hasTerminators) return 'iso2709';

  // Text with separators on the first line → CSV. Allow Shift_JIS (bytes ≥ 0x80).
  let controls = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  if (controls > 0) return null;
  const firstLineEnd = head.findIndex((b) => b === 0x0a || b === 0x0d);
  const firstLine = head.subarray(0, firstLineEnd < 0 ? head.length : firstLineEnd);
  if (firstLine.includes(0x2c) || firstLine.includes(0x09)) return 'csv';
  return head.length ? 'csv' : null;
}
