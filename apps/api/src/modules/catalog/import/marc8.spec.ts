import * as fs from 'fs';
import * as path from 'path';
import { decodeMarc8, marc8ToUnicode } from './marc8';

const PYMARC = path.resolve(__dirname, '../../../../test/fixtures/marc/pymarc');

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

  it('converts Japanese kana in EACC and replaces other EACC characters with U+FFFD', () => {
    const r = decodeMarc8(bytes('\x1b$1\x69\x24\x4e\x69\x25\x2b\x21\x30\x21\x1b(B'));
    expect(r.text).toBe('のカ\uFFFD');
    expect(r.replaced).toBe(1);
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

  it('converts 517 of 1,515 lines exactly; the rest only differ by EACC ideographs/Hangul left as U+FFFD', () => {
    expect(results.filter((r) => r.got === r.want)).toHaveLength(517);
    let wrong = 0;
    let replaced = 0;
    for (const r of results) {
      const got = Array.from(r.got);
      const want = Array.from(r.want);
      if (got.length !== want.length) continue;
      got.forEach((c, k) => {
        if (c === '\uFFFD') replaced++;
        else if (c !== want[k]) wrong++;
      });
    }
    expect(wrong).toBe(0); // never a wrong character, only replacements
    expect(replaced).toBe(5325);
  });
});
