/**
 * Tolerant ISO 2709 (MARC 21 "binary") reader.
 *
 * Records are delimited by the record terminator 0x1D rather than by the leader's
 * record length, because real files get the length wrong (lengths counted in
 * characters instead of UTF-8 bytes, padding, edited records). One broken record is
 * reported as `{ index, error }` and reading goes on with the next one.
 *
 * What is repaired (with a warning on the record):
 *   - leader record length not matching the bytes;
 *   - base address not pointing just after the directory (the directory end is used);
 *   - directory offsets/lengths in characters instead of bytes (fields are then read
 *     in directory order between field terminators);
 *   - non-numeric but printable tags (kept as they are), odd indicators and subfield codes;
 *   - leader/09 blank but data that is clearly UTF-8; invalid UTF-8 (→ U+FFFD);
 *   - spaces, newlines or NULs between or after records.
 * What makes a record fail: no leader, base address not numeric / zero / past the
 * end, a directory whose length is not a multiple of 12 or whose entries are not
 * ASCII digits, no fields at all, a truncated last record.
 */
import { isUtf8 } from 'node:buffer';
import { decodeMarc8 } from './marc8';
import { isControlTag, isDataField, MarcField, MarcReadResult, MarcRecord, MarcSubfield } from './marc-record';

const RT = 0x1d; // record terminator
const FT = 0x1e; // field terminator
const SD = 0x1f; // subfield delimiter
const ESC = 0x1b;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

function isPadding(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x00 || b === 0x09 || b === 0x1a;
}

class RecordError extends Error {}

/** Reads every record of an ISO 2709 buffer, one at a time. */
export function* readIso2709(buf: Uint8Array): Generator<MarcReadResult> {
  let pos = 0;
  let index = 0;
  const n = buf.length;
  while (pos < n) {
    while (pos < n && isPadding(buf[pos])) pos++;
    if (pos >= n) break;
    let end = buf.indexOf(RT, pos);
    let terminated = true;
    if (end < 0) {
      // No terminator: trust the leader length if it fits, else the record is truncated.
      const len = asciiInt(buf.subarray(pos, pos + 5));
      if (len !== null && len > 24 && pos + len <= n) {
        end = pos + len;
      } else {
        end = n;
      }
      terminated = false;
    }
    const chunk = buf.subarray(pos, end);
    pos = end + 1;
    const i = index++;
    try {
      if (!terminated && end === n) {
        throw new RecordError(`truncated record: ${chunk.length} bytes without a record terminator`);
      }
      yield { index: i, record: parseRecord(chunk) };
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      yield { index: i, error: e.message };
    }
  }
}

/**
 * How many entries readIso2709 yields for `buf` (records and rejected ones alike), found as it
 * finds them (padding, record terminators, the leader's length) without parsing any: an
 * import's progress total.
 */
export function countIso2709(buf: Uint8Array): number {
  let pos = 0;
  let count = 0;
  const n = buf.length;
  while (pos < n) {
    while (pos < n && isPadding(buf[pos])) pos++;
    if (pos >= n) break;
    let end = buf.indexOf(RT, pos);
    if (end < 0) {
      const len = asciiInt(buf.subarray(pos, pos + 5));
      end = len !== null && len > 24 && pos + len <= n ? pos + len : n;
    }
    pos = end + 1;
    count++;
  }
  return count;
}

/** All records of a buffer as an array (convenience for small files and tests). */
export function readIso2709All(buf: Uint8Array): MarcReadResult[] {
  return [...readIso2709(buf)];
}

function asciiInt(bytes: Uint8Array): number | null {
  if (bytes.length === 0) return null;
  let v = 0;
  for (const b of bytes) {
    if (b < 0x30 || b > 0x39) return null;
    v = v * 10 + (b - 0x30);
  }
  return v;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

interface DirEntry {
  tag: string;
  length: number;
  offset: number;
}

/** Parses one record (without its 0x1D terminator). Throws RecordError when unusable. */
function parseRecord(rec: Uint8Array): MarcRecord {
  const warnings: string[] = [];
  if (rec.length < 25) throw new RecordError(`record of ${rec.length} bytes is shorter than a leader and directory`);
  const leaderBytes = rec.subarray(0, 24);
  for (const b of leaderBytes) {
    if (b < 0x20 || b > 0x7e) throw new RecordError('leader contains non-ASCII or control bytes');
  }
  const leader = latin1(leaderBytes);

  const declaredLength = asciiInt(leaderBytes.subarray(0, 5));
  if (declaredLength === null) warnings.push(`leader record length "${leader.slice(0, 5)}" is not numeric`);
  else if (declaredLength !== rec.length + 1) {
    warnings.push(`leader record length ${declaredLength} does not match the ${rec.length + 1} bytes read`);
  }

  const base = asciiInt(leaderBytes.subarray(12, 17));
  if (base === null) throw new RecordError(`base address "${leader.slice(12, 17)}" is not numeric`);
  if (base < 25) throw new RecordError(`base address ${base} lies inside the leader`);
  if (base >= rec.length) throw new RecordError(`base address ${base} is past the end of the ${rec.length + 1}-byte record`);

  // Directory: from byte 24 to the first field terminator.
  const dirEnd = rec.indexOf(FT, 24);
  if (dirEnd < 0) throw new RecordError('directory has no field terminator');
  const dir = rec.subarray(24, dirEnd);
  if (dir.length === 0) throw new RecordError('record has no fields (empty directory)');
  if (dir.length % 12 !== 0) {
    throw new RecordError(`directory length ${dir.length} is not a multiple of 12`);
  }
  let dataStart = base;
  if (base !== dirEnd + 1) {
    warnings.push(`base address ${base} does not follow the directory (ends at ${dirEnd}); using ${dirEnd + 1}`);
    dataStart = dirEnd + 1;
  }

  const entries: DirEntry[] = [];
  for (let k = 0; k < dir.length; k += 12) {
    const e = dir.subarray(k, k + 12);
    const tagBytes = e.subarray(0, 3);
    if (tagBytes.some((b) => b < 0x20 || b > 0x7e)) {
      throw new RecordError(`directory entry ${k / 12 + 1} has a non-ASCII tag`);
    }
    const length = asciiInt(e.subarray(3, 7));
    const offset = asciiInt(e.subarray(7, 12));
    if (length === null || offset === null) {
      throw new RecordError(`directory entry ${k / 12 + 1} ("${latin1(e)}") has a non-numeric length or offset`);
    }
    const tag = latin1(tagBytes);
    if (!/^[0-9A-Za-z]{3}$/.test(tag)) warnings.push(`unusual tag "${tag}"`);
    entries.push({ tag, length, offset });
  }

  const raw = locateFields(rec, dataStart, entries, warnings);
  const decode = chooseDecoder(leader, raw, warnings);

  const fields: MarcField[] = [];
  entries.forEach((entry, k) => {
    let bytes = raw[k];
    if (bytes.length && bytes[bytes.length - 1] === FT) bytes = bytes.subarray(0, bytes.length - 1);
    if (isControlTag(entry.tag)) {
      fields.push({ tag: entry.tag, value: decode(bytes) });
      return;
    }
    // A long field "wrapped" into several directory entries of the same tag: the
    // continuation has two filler indicator bytes and no subfield delimiter.
    const prev = fields[fields.length - 1];
    if (prev && prev.tag === entry.tag && isDataField(prev) && prev.subfields.length && bytes.length > 2 && !bytes.includes(SD)) {
      const last = prev.subfields[prev.subfields.length - 1];
      last.value += decode(bytes.subarray(2));
      warnings.push(`field ${entry.tag} continues in the next directory entry; joined`);
      return;
    }
    fields.push(parseDataField(entry.tag, bytes, decode, warnings));
  });
  return { leader, fields, warnings };
}

/** The raw bytes of each directory entry's field. */
function locateFields(rec: Uint8Array, dataStart: number, entries: DirEntry[], warnings: string[]): Uint8Array[] {
  // 1. Trust the directory when every field ends exactly at a field terminator.
  const byDirectory = entries.map((e) => {
    const start = dataStart + e.offset;
    const stop = start + e.length;
    return stop <= rec.length && e.length > 0 && rec[stop - 1] === FT ? rec.subarray(start, stop) : null;
  });
  if (byDirectory.every((x) => x !== null)) return byDirectory as Uint8Array[];

  // 2. Directory lengths are off (often counted in characters): read fields between
  //    terminators, in directory order, if the counts agree.
  const pieces: Uint8Array[] = [];
  let p = dataStart;
  while (p < rec.length) {
    const q = rec.indexOf(FT, p);
    if (q < 0) {
      if (rec.subarray(p).some((b) => !isPadding(b))) pieces.push(rec.subarray(p));
      break;
    }
    pieces.push(rec.subarray(p, q + 1));
    p = q + 1;
  }
  if (pieces.length === entries.length) {
    warnings.push('directory lengths/offsets do not match the data; fields read between field terminators');
    return pieces;
  }

  // 3. Fall back to each entry's offset, reading up to the next field terminator.
  warnings.push('directory does not match the data; fields read from their offsets to the next field terminator');
  return entries.map((e, k) => {
    const start = dataStart + e.offset;
    if (start >= rec.length) throw new RecordError(`field ${k + 1} (${e.tag}) starts past the end of the record`);
    const q = rec.indexOf(FT, start);
    return rec.subarray(start, q < 0 ? rec.length : q + 1);
  });
}

type Decoder = (bytes: Uint8Array) => string;

const DOUBLE_UTF8 = 'text was UTF-8 encoded twice (Ã¶ for ö); repaired';

/** Undo a second UTF-8 encoding ("rÃ¶mische" → "römische") when the text is only
 *  Latin-1 characters that form valid UTF-8 again; anything else is left alone. */
export function repairDoubleUtf8(text: string): string {
  if (!/[\u00C2-\u00F4][\u0080-\u00BF]/.test(text)) return text;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return text;
  try {
    return utf8Strict.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

function chooseDecoder(leader: string, fields: Uint8Array[], warnings: string[]): Decoder {
  const coding = leader[9];
  let hasHigh = false;
  let hasEsc = false;
  for (const f of fields) {
    for (let k = 0; k < f.length; k++) {
      const b = f[k];
      if (b >= 0x80) hasHigh = true;
      else if (b === ESC) hasEsc = true;
    }
  }
  let validUtf8 = true;
  if (hasHigh) {
    // checked without decoding (each field is decoded once, below)
    validUtf8 = fields.every((f) => isUtf8(f));
  }

  const utf8: Decoder = (b) => {
    if (!hasHigh) return latin1(b); // pure ASCII: nothing to decode or normalise
    const text = utf8Lenient.decode(b);
    const repaired = repairDoubleUtf8(text);
    if (repaired !== text && !warnings.includes(DOUBLE_UTF8)) warnings.push(DOUBLE_UTF8);
    return repaired.normalize('NFC');
  };
  if (coding === 'a') {
    if (!validUtf8) warnings.push('invalid UTF-8 bytes replaced with U+FFFD');
    return utf8;
  }
  if (coding === ' ') {
    if (hasHigh && validUtf8 && !hasEsc) {
      warnings.push('leader/09 says MARC-8 but the data is UTF-8; read as UTF-8');
      return utf8;
    }
    const dec: Decoder = (b) => {
      if (!hasHigh && !hasEsc) return latin1(b); // ASCII is the same in MARC-8
      const r = decodeMarc8(b);
      if (r.replaced && !warnings.some((w) => w.startsWith('MARC-8:'))) {
        warnings.push('MARC-8: some characters (unknown escape sequences or codes with no Unicode mapping) could not be converted and became U+FFFD');
      }
      return r.text.normalize('NFC');
    };
    return dec;
  }
  warnings.push(
    `unknown character coding "${coding}" in leader/09; read as UTF-8` + (validUtf8 ? '' : ' (invalid bytes replaced with U+FFFD)'),
  );
  return utf8;
}

function parseDataField(tag: string, bytes: Uint8Array, decode: Decoder, warnings: string[]) {
  let ind1 = ' ';
  let ind2 = ' ';
  let rest = bytes;
  const firstSd = bytes.indexOf(SD);
  if (firstSd === 2) {
    ind1 = String.fromCharCode(bytes[0]);
    ind2 = String.fromCharCode(bytes[1]);
    rest = bytes.subarray(2);
  } else if (firstSd === 0) {
    warnings.push(`field ${tag} has no indicators`);
  } else if (firstSd > 0) {
    // Indicators of the wrong length: keep what is there.
    ind1 = String.fromCharCode(bytes[0]);
    ind2 = firstSd > 1 ? String.fromCharCode(bytes[1]) : ' ';
    warnings.push(`field ${tag} has ${firstSd} indicator bytes`);
    rest = bytes.subarray(firstSd);
  } else {
    // No subfields at all: keep the text as an unnamed subfield.
    warnings.push(`field ${tag} has no subfields`);
    return { tag, ind1, ind2, subfields: bytes.length ? [{ code: '', value: decode(bytes) }] : [] };
  }
  if (!isIndicator(ind1) || !isIndicator(ind2)) {
    warnings.push(`field ${tag} has invalid indicators "${ind1}${ind2}"`);
  }
  const text = decode(rest);
  const subfields: MarcSubfield[] = [];
  for (const part of text.split('\x1f').slice(1)) {
    if (part.length === 0) continue;
    const raw = String.fromCodePoint(part.codePointAt(0)!);
    let code = raw;
    if (!/^[0-9a-z]$/.test(raw)) {
      // "á" for "a": a diacritic glued to the code by a bad conversion.
      const base = raw.normalize('NFD')[0].toLowerCase();
      if (base !== raw && /^[0-9a-z]$/.test(base)) {
        code = base;
        warnings.push(`field ${tag}: subfield code "${raw}" read as "${base}"`);
      } else {
        warnings.push(`field ${tag} has an unusual subfield code "${raw}"`);
      }
    }
    subfields.push({ code, value: part.slice(raw.length) });
  }
  return { tag, ind1, ind2, subfields };
}

function isIndicator(c: string): boolean {
  return /^[0-9 ]$/.test(c); // MARC 21 indicators are a digit or blank
}
