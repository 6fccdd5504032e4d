/**
 * MARC-8 → Unicode (for MARC 21 records whose leader/09 is blank).
 *
 * Covers the escape-sequence machinery (G0/G1 designation `ESC ( , ) - $`, and the
 * technique-1 shifts `ESC g b p s`), ASCII, ANSEL (Extended Latin, with its
 * combining diacritics moved after their base character as Unicode wants them),
 * Basic and Extended Cyrillic, Basic Greek, Basic Hebrew, Basic and Extended Arabic,
 * subscripts, superscripts and Greek symbols.
 *
 * EACC (`ESC $ 1`, the CJK set) is only partly covered: Japanese hiragana and
 * katakana (EACC rows 0x6924/0x6925 follow JIS X 0208 rows 4 and 5) and a few
 * ideographic punctuation marks. The full EACC table has ~16,000 entries (several
 * hundred KB) and is not available here; every other EACC character becomes U+FFFD
 * and is counted in `replaced`, so an importer can flag such records for review.
 *
 * Character data: Library of Congress "MARC 21 Specifications for Record Structure,
 * Character Sets, and Exchange Media", code tables (public domain).
 */

interface Mapping {
  cp: number;
  combining: boolean;
}
type Table = Map<number, Mapping>;

/** Parses "a1 6fd, b0-b2 685, e0 309+" ("+" = combining; a range maps to consecutive code points). */
function table(spec: string): Table {
  const t: Table = new Map();
  for (const entry of spec.split(',')) {
    const e = entry.trim();
    if (!e) continue;
    const m = /^([0-9a-f]+)(?:-([0-9a-f]+))? ([0-9a-f]+)(\+?)$/.exec(e);
    if (!m) throw new Error(`bad MARC-8 table entry ${e}`);
    const from = parseInt(m[1], 16);
    const to = m[2] ? parseInt(m[2], 16) : from;
    const cp = parseInt(m[3], 16);
    for (let k = from; k <= to; k++) t.set(k, { cp: cp + (k - from), combining: m[4] === '+' });
  }
  return t;
}

const ASCII = table('1b 1b, 1d-1f 1d, 20-7e 20');

const ANSEL = table(
  '88 98, 89 9c, 8d 200d, 8e 200c, a1 141, a2 d8, a3 110, a4 de, a5 c6, a6 152, a7 2b9, a8 b7, ' +
    'a9 266d, aa ae, ab b1, ac 1a0, ad 1af, ae 2be, b0 2bb, b1 142, b2 f8, b3 111, b4 fe, b5 e6, ' +
    'b6 153, b7 2ba, b8 131, b9 a3, ba f0, bc 1a1, bd 1b0, c0 b0, c1 2113, c2 2117, c3 a9, ' +
    'c4 266f, c5 bf, c6 a1, c7 df, c8 20ac, ' +
    'e0 309+, e1 300+, e2 301+, e3 302+, e4 303+, e5 304+, e6 306+, e7 307+, e8 308+, e9 30c+, ' +
    'ea 30a+, eb fe20+, ec fe21+, ed 315+, ee 30b+, ef 310+, f0 327+, f1 328+, f2 323+, f3 324+, ' +
    'f4 325+, f5 333+, f6 332+, f7 326+, f8 31c+, f9 32e+, fa fe22+, fb fe23+, fe 313+',
);

const BASIC_ARABIC = table(
  '21-24 21, 25 66a, 26-29 26, 2a 66d, 2b 2b, 2c 60c, 2d-2f 2d, 30-39 660, 3a 3a, 3b 61b, ' +
    '3c-3e 3c, 3f 61f, 41-5a 621, 5b 5b, 5d 5d, 60-6a 640, 6b-72 64b+, 73 671, 74 670, 78 66c, ' +
    '79 201d, 7a 201c',
);

const EXTENDED_ARABIC = table(
  'a1 6fd, a2 672, a3 673, a4-b1 679, b2 6bf, b3 687, b4-c8 688, c9 6fa, ca 69d, cb 69e, ' +
    'cc 6fb, cd 69f, ce 6a0, cf 6fc, d0-e7 6a1, e8 6ba, e9 6bb, ea 6bc, eb 6bd, ec 6b9, ed 6be, ' +
    'ee 6c0, ef 6c4, f0 6c5, f1 6c6, f2 6ca, f3 6cb, f4 6cd, f5 6ce, f6 6d0, f7 6d2, f8 6d3, ' +
    'fd 306+, fe 30c+',
);

const HEBREW = table(
  '21 21, 22 5f4, 23-26 23, 27 5f3, 28-2c 28, 2d 5be, 2e-3f 2e, 40 5b7+, 41 5b8+, 42 5b6+, ' +
    '43 5b5+, 44 5b4+, 45 5b9+, 46 5bb+, 47 5b0+, 48 5b2+, 49 5b3+, 4a 5b1+, 4b 5bc+, 4c 5bf+, ' +
    '4d 5c1+, 4e fb1e+, 5b 5b, 5d 5d, 60-7a 5d0, 7b 5f0, 7c 5f1, 7d 5f2',
);

const CYRILLIC_LOWER =
  '40 44e, 41 430, 42 431, 43 446, 44 434, 45 435, 46 444, 47 433, 48 445, 49 438, 4a 439, ' +
  '4b 43a, 4c 43b, 4d 43c, 4e 43d, 4f 43e, 50 43f, 51 44f, 52 440, 53 441, 54 442, 55 443, ' +
  '56 436, 57 432, 58 44c, 59 44b, 5a 437, 5b 448, 5c 44d, 5d 449, 5e 447, 5f 44a';
// Upper case (0x60-0x7e) is the lower-case letter at -0x20 in both MARC-8 and Unicode.
const BASIC_CYRILLIC = table(
  '21-3f 21, ' +
    CYRILLIC_LOWER +
    ', ' +
    CYRILLIC_LOWER.split(',')
      .slice(0, 31)
      .map((e) => {
        const [k, v] = e.trim().split(' ');
        return `${(parseInt(k, 16) + 0x20).toString(16)} ${(parseInt(v, 16) - 0x20).toString(16)}`;
      })
      .join(', '),
);

const EXTENDED_CYRILLIC = table(
  'c0 491, c1 452, c2 453, c3 454, c4 451, c5 455, c6 456, c7 457, c8 458, c9 459, ca 45a, ' +
    'cb 45b, cc 45c, cd 45e, ce 45f, d0 463, d1 473, d2 475, d3 46b, db 5b, dd 5d, df 5f, ' +
    'e0 490, e1 402, e2 403, e3 404, e4 401, e5 405, e6 406, e7 407, e8 408, e9 409, ea 40a, ' +
    'eb 40b, ec 40c, ed 40e, ee 40f, ef 42a, f0 462, f1 472, f2 474, f3 46a',
);

const GREEK = table(
  '21 300+, 22 301+, 23 308+, 24 342+, 25 313+, 26 314+, 27 345+, 30 ab, 31 bb, 32 201c, ' +
    '33 201d, 34 374, 35 375, 3b 387, 3f 37e, 41 391, 42 392, 44 393, 45 394, 46 395, 47 3da, ' +
    '48 3dc, 49-53 396, 54 3de, 55 3a1, 56 3a3, 58-5d 3a4, 5e 3e0, 61 3b1, 62 3b2, 63 3d0, ' +
    '64 3b3, 65 3b4, 66 3b5, 67 3db, 68 3dd, 69-73 3b6, 74 3df, 75 3c1, 76 3c3, 77 3c2, ' +
    '78-7d 3c4, 7e 3e1',
);

const SUBSCRIPT = table('28 208d, 29 208e, 2b 208a, 2d 208b, 30-39 2080');
const SUPERSCRIPT = table('28 207d, 29 207e, 2b 207a, 2d 207b, 30 2070, 31 b9, 32 b2, 33 b3, 34-39 2074');
const GREEK_SYMBOLS = table('61 3b1, 62 3b2, 63 3b3');

const SETS: ReadonlyMap<number, Table> = new Map([
  [0x42, ASCII],
  [0x45, ANSEL],
  [0x33, BASIC_ARABIC],
  [0x34, EXTENDED_ARABIC],
  [0x32, HEBREW],
  [0x4e, BASIC_CYRILLIC],
  [0x51, EXTENDED_CYRILLIC],
  [0x53, GREEK],
  [0x62, SUBSCRIPT],
  [0x70, SUPERSCRIPT],
  [0x67, GREEK_SYMBOLS],
]);

const EACC = 0x31;

/** The few EACC code points we can map without the full table. */
const EACC_EXTRA: ReadonlyMap<number, number> = new Map([
  [0x212b25, 0x300c], // 「
  [0x212b31, 0xff3b], // ［
  [0x212b35, 0x3001], // 、
  [0x212b3a, 0xff1a], // ：
  [0x212b3b, 0xff1f], // ？
]);

function eaccToCodePoint(code: number): number | undefined {
  const row = code >> 8;
  const cell = code & 0xff;
  // Japanese kana: EACC 0x6924xx / 0x6925xx follow JIS X 0208 rows 4 (hiragana) and 5 (katakana).
  if (row === 0x6924 && cell >= 0x21 && cell <= 0x73) return 0x3041 + (cell - 0x21);
  if (row === 0x6925 && cell >= 0x21 && cell <= 0x76) return 0x30a1 + (cell - 0x21);
  return EACC_EXTRA.get(code);
}

export interface Marc8Result {
  text: string;
  /** Characters that could not be mapped and became U+FFFD. */
  replaced: number;
}

const REPLACEMENT = '\uFFFD';

/** Decodes MARC-8 bytes. Control characters (field/subfield delimiters) pass through.
 *  Each call starts in the default state (G0 = ASCII, G1 = ANSEL), as each field does. */
export function decodeMarc8(bytes: Uint8Array): Marc8Result {
  let g0 = 0x42;
  let g1 = 0x45;
  let out = '';
  let pending = ''; // combining marks waiting for their base character
  let replaced = 0;

  const emit = (s: string, combining: boolean) => {
    if (combining) {
      pending += s;
    } else {
      out += s + pending;
      pending = '';
    }
  };

  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b === 0x1b) {
      const next = bytes[i + 1];
      if (next === 0x28 || next === 0x2c || next === 0x29 || next === 0x2d) {
        // ESC ( F / ESC , F → G0;  ESC ) F / ESC - F → G1 (an optional "!" intermediate, as in ESC ) ! E)
        let j = i + 2;
        if (bytes[j] === 0x21) j++;
        if (j < n) {
          if (next === 0x28 || next === 0x2c) g0 = bytes[j];
          else g1 = bytes[j];
        }
        i = j + 1;
        continue;
      }
      if (next === 0x24) {
        // ESC $ F / ESC $ , F → G0 multibyte;  ESC $ ) F / ESC $ - F → G1 multibyte
        const third = bytes[i + 2];
        if (third === 0x29 || third === 0x2d) {
          g1 = bytes[i + 3];
          i += 4;
        } else if (third === 0x2c || third === 0x28) {
          g0 = bytes[i + 3];
          i += 4;
        } else {
          g0 = third;
          i += 3;
        }
        continue;
      }
      if (next === 0x67 || next === 0x62 || next === 0x70) {
        g0 = next; // technique 1: Greek symbols, subscripts, superscripts
        i += 2;
        continue;
      }
      if (next === 0x73) {
        g0 = 0x42; // ESC s: back to ASCII
        i += 2;
        continue;
      }
      // Unknown escape: drop the ESC alone.
      i += 1;
      replaced++;
      continue;
    }

    if (b < 0x20 || b === 0x7f) {
      out += pending + String.fromCharCode(b);
      pending = '';
      i++;
      continue;
    }

    if (b === 0x20) {
      emit(' ', false);
      i++;
      continue;
    }

    if (b < 0x80 && g0 === EACC) {
      if (i + 2 < n && bytes[i + 1] >= 0x21 && bytes[i + 2] >= 0x21) {
        const code = (b << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        const cp = eaccToCodePoint(code);
        if (cp === undefined) {
          emit(REPLACEMENT, false);
          replaced++;
        } else {
          emit(String.fromCodePoint(cp), false);
        }
        i += 3;
      } else {
        emit(REPLACEMENT, false);
        replaced++;
        i++;
      }
      continue;
    }

    const set = b < 0x80 ? g0 : g1;
    const t = SETS.get(set);
    let m = t?.get(b) ?? t?.get(b ^ 0x80);
    if (!m && b >= 0x21 && b <= 0x40) m = ASCII.get(b); // digits and punctuation
    if (!m && b < 0x80 && !t) m = ASCII.get(b); // unknown G0 set: best effort
    if (m) {
      emit(String.fromCodePoint(m.cp), m.combining);
    } else {
      emit(REPLACEMENT, false);
      replaced++;
    }
    i++;
  }
  out += pending;
  return { text: out, replaced };
}

/** MARC-8 → Unicode string (NFC). */
export function marc8ToUnicode(bytes: Uint8Array | string): string {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
  return decodeMarc8(buf).text.normalize('NFC');
}
