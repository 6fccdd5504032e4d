import * as fs from 'fs';
import * as path from 'path';
import { decodeMarc8, eaccTable, marc8ToUnicode } from './marc8';
import { EACC_ENTRIES } from './marc8-eacc-table';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/marc');
const PYMARC = path.join(FIXTURES, 'pymarc');

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('marc8ToUnicode', () => {
  it('passes ASCII through', () => {
    expect(marc8ToUnicode(bytes('Escape from loneliness /'))).toBe('Escape from loneliness /');
  });

  it('moves ANSEL combining diacritics after their base letter', () => {
    expect(marc8ToUnicode(bytes('Caf\xe2e'))).toBe('Café');
    expect(marc8ToUnicode(bytes('T\xe3oky\xe3o'))).toBe('Tôkyô');
    expect(marc8ToUnicode(bytes('T\xe5oky\xe5o'))).toBe('Tōkyō');
    // double-width ligature halves: i͡a
    expect(decodeMarc8(bytes('Petrushevska\xebi\xeca')).text).toBe('Petrushevskai\ufe20a\ufe21');
  });

  it('maps ANSEL spacing characters', () => {
    expect(marc8ToUnicode(bytes('\xa5sop \xb2 \xc3 \xb1\xf2d\xb8'))).toBe('Æsop ø © łḍı');
  });

  it('switches character sets with escape sequences', () => {
    expect(marc8ToUnicode(bytes('\x1b(NmOSKWA\x1b(B.'))).toBe('Москва.');
    expect(marc8ToUnicode(bytes('\x1b(Sabd\x1b(B'))).toBe('αβγ');
    expect(marc8ToUnicode(bytes('H\x1bb2\x1bsO'))).toBe('H₂O');
    expect(marc8ToUnicode(bytes('x\x1bp2\x1bs'))).toBe('x²');
    expect(marc8ToUnicode(bytes('\x1b(2`ab\x1b(B'))).toBe('אבג');
  });

  it('converts EACC (ESC $ 1) kana and ideographs, and replaces a code missing from the table with U+FFFD', () => {
    // の (0x69244E), カ (0x69252B), 一 (0x213021), then 0x212A27: a hole in the EACC punctuation row
    const r = decodeMarc8(bytes('\x1b$1\x69\x24\x4e\x69\x25\x2b\x21\x30\x21\x21\x2a\x27\x1b(B'));
    expect(r.text).toBe('のカ一\uFFFD');
    expect(r.replaced).toBe(1);
  });

  it('decodes Japanese (kanji, kana, ideographic punctuation) from pymarc oracle lines', () => {
    // test_marc8.txt lines 82, 54 and 1146
    expect(
      marc8ToUnicode(
        bytes(
          '\x1b$1!<h!=Y\x1b(B \x1b$1i$N\x1b(B \x1b$1!0d\x1b(B \x1b$1!X$-SD\x1b(B ' +
            '\x1b$1!`;!0$!\\g\x1b(B \x1b$1i$r\x1b(B \x1b$1!Xli$k\x1b(B /',
        ),
      ),
    ).toBe('幻影 の 人 西脇 順三郎 を 語る /');
    expect(marc8ToUnicode(bytes('\x1b$1!TX!U}i!&i%7i%\'i%$i%/i%9i%Ti%"i!&i%(i%ji%*i%Ci%H\x1b(B /'))).toBe(
      '芭蕉・シェイクスピア・エリオット /',
    );
    expect(marc8ToUnicode(bytes('\x1b$1i$3i$Hi$P!+5i$3i$Hi$P!+5i$3i$Hi$P\x1b(B /'))).toBe('ことば、ことば、ことば /');
  });

  it('decodes the 880 title and statement of responsibility of a real Japanese record in MARC-8', () => {
    // 880_Nihon_no_chasho.mrc is UTF-8 (leader/09 "a"), but its 880 fields say "$6 245-01/$1":
    // EACC in MARC-8. These are those two subfields in MARC-8, as YAZ's yaz-iconv encodes them;
    // 横 and 清 come from EACC row 0x4B (Japanese kanji forms).
    const a = decodeMarc8(bytes('\x1b$1!Bs!Ci\x1b(B \x1b$1i$N\x1b(B \x1b$1!T{!CU\x1b(B /'));
    const c = decodeMarc8(
      bytes(
        '\x1b$1!D$!;X\x1b(B \x1b$1![b!0$!\\g\x1b(B, \x1b$1KEV!0S\x1b(B \x1b$1KGa\x1b(B, ' +
          '\x1b$1">X!D$\x1b(B \x1b$1!>#!L(\x1b(B \x1b$1!Q[\'XL\x1b(B.',
      ),
    );
    expect(a).toEqual({ text: '日本 の 茶書 /', replaced: 0 });
    expect(c).toEqual({ text: '林屋 辰三郎, 横井 清, 楢林 忠男 編注.', replaced: 0 });
    const record = fs.readFileSync(path.join(FIXTURES, 'openlibrary/880_Nihon_no_chasho.mrc'), 'utf8');
    expect(record).toContain(`\x1fa${a.text}\x1fc${c.text}\x1e`);
  });

  it('reads the non-standard codes pymarc reads (a 0x20 or 0x7F byte): … “ — ’ ” ™', () => {
    const r = decodeMarc8(bytes('a \x1b$1! =! @\x7f \x14\x7f \x19\x7f  \x7f!"\x1b(B z'));
    expect(r).toEqual({ text: 'a …“—’”™ z', replaced: 0 });
  });

  it('keeps MARC delimiters', () => {
    expect(marc8ToUnicode(bytes('10\x1faCaf\xe2e\x1fbx'))).toBe('10\x1faCafé\x1fbx');
  });
});

describe('MARC-8 conversion coverage on pymarc test_marc8.txt / test_utf8.txt (parallel lines)', () => {
  const marc8 = fs.readFileSync(path.join(PYMARC, 'test_marc8.txt'));
  const utf8 = fs.readFileSync(path.join(PYMARC, 'test_utf8.txt'), 'utf8').split('\n');
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= marc8.length; i++) {
    if (i === marc8.length || marc8[i] === 0x0a) {
      lines.push(marc8.subarray(start, i));
      start = i + 1;
    }
  }
  // Both files end with a newline: drop the empty last "line".
  lines.pop();
  utf8.pop();

  const results = lines.map((l, i) => ({
    got: decodeMarc8(l).text.normalize('NFC'),
    want: utf8[i].normalize('NFC'),
    eacc: l.includes(Buffer.from('\x1b$1', 'latin1')),
  }));

  it('has 1,515 parallel lines', () => {
    expect(lines).toHaveLength(1515);
    expect(utf8).toHaveLength(1515);
  });

  it('converts every line without EACC exactly (ANSEL, Arabic, Hebrew...): 516 of 516', () => {
    const plain = results.filter((r) => !r.eacc);
    expect(plain).toHaveLength(516);
    expect(plain.filter((r) => r.got !== r.want)).toEqual([]);
  });

  it('converts all 1,515 lines exactly, the 999 with EACC (Chinese, Japanese, Korean) included', () => {
    expect(results.filter((r) => r.eacc)).toHaveLength(999);
    expect(results.filter((r) => r.got !== r.want)).toEqual([]);
    expect(lines.reduce((sum, l) => sum + decodeMarc8(l).replaced, 0)).toBe(0);
  });
});

describe('EACC table (marc8-eacc-table.ts, generated from YAZ by tools/marc8/generate-eacc.mjs)', () => {
  const t = eaccTable();

  it(`decodes to ${EACC_ENTRIES} entries, each one code point, codes made of bytes 0x21-0x7E`, () => {
    expect(t.size).toBe(15738);
    const odd = [...t].filter(
      ([code, s]) => ![code >> 16, (code >> 8) & 0xff, code & 0xff].every((b) => b >= 0x21 && b <= 0x7e) || Array.from(s).length !== 1,
    );
    expect(odd).toEqual([]);
    expect(eaccTable()).toBe(t); // decoded once
  });

  it('has the kana rows in JIS X 0208 order, ideographs, Hangul and characters outside the BMP', () => {
    for (let cell = 0x21; cell <= 0x73; cell++) expect(t.get(0x692400 | cell)).toBe(String.fromCodePoint(0x3041 + cell - 0x21));
    for (let cell = 0x21; cell <= 0x76; cell++) expect(t.get(0x692500 | cell)).toBe(String.fromCodePoint(0x30a1 + cell - 0x21));
    expect(t.get(0x212b25)).toBe('「');
    expect(t.get(0x213021)).toBe('一');
    expect(t.get(0x4b4556)).toBe('横'); // row 0x4B: Japanese forms
    expect(t.get(0x217559)).toBe('\u{212c4}');
    expect([...t.values()].filter((s) => /\p{Script=Hangul}/u.test(s)).length).toBeGreaterThan(2000);
    // 61 codes have no Unicode character; the LC table gives them private-use code points.
    expect([...t.values()].filter((s) => /\p{Co}/u.test(s))).toHaveLength(61);
  });
});
