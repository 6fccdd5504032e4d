import * as fs from 'fs';
import * as path from 'path';
import { readIso2709All } from './iso2709';
import { isDataField, MarcDataField, MarcRecord } from './marc-record';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/marc');

/** Builds an ISO 2709 record. `charLengths` writes directory lengths in characters
 *  (a common bug) instead of bytes. */
function iso(
  fields: Array<[string, string]>,
  opts: { coding?: string; lengthDelta?: number; charLengths?: boolean } = {},
): Buffer {
  const FT = '\x1e';
  let dir = '';
  const data: Buffer[] = [];
  let offset = 0;
  let charOffset = 0;
  for (const [tag, value] of fields) {
    const bytes = Buffer.from(value + FT, 'utf8');
    const chars = Array.from(value + FT).length;
    const len = opts.charLengths ? chars : bytes.length;
    const off = opts.charLengths ? charOffset : offset;
    dir += tag + String(len).padStart(4, '0') + String(off).padStart(5, '0');
    data.push(bytes);
    offset += bytes.length;
    charOffset += chars;
  }
  const base = 24 + dir.length + 1;
  const total = base + offset + 1 + (opts.lengthDelta ?? 0);
  const leader = String(total).padStart(5, '0') + 'nam ' + (opts.coding ?? 'a') + '22' + String(base).padStart(5, '0') + '   4500';
  return Buffer.concat([Buffer.from(leader + dir + FT, 'latin1'), ...data, Buffer.from('\x1d', 'latin1')]);
}

const title = (r: MarcRecord | undefined) =>
  (r?.fields.find((f) => f.tag === '245') as MarcDataField | undefined)?.subfields.find((s) => s.code === 'a')?.value;

const REC = (t: string) => iso([['001', 'id-' + t], ['245', `10\x1fa${t} /\x1fcby someone.`]]);

describe('readIso2709', () => {
  it('reads records back to back, skipping newlines and padding between and after them', () => {
    const buf = Buffer.concat([REC('羅生門'), Buffer.from('\r\n'), REC('河童'), Buffer.from(' '.repeat(300)), Buffer.from('\n')]);
    const out = readIso2709All(buf);
    expect(out.map((r) => title(r.record))).toEqual(['羅生門 /', '河童 /']);
    expect(out.map((r) => r.index)).toEqual([0, 1]);
    expect(out.every((r) => r.record!.warnings.length === 0)).toBe(true);
  });

  it('uses the record terminator when the leader length is wrong, and says so', () => {
    const out = readIso2709All(Buffer.concat([iso([['245', '10\x1faTitle']], { lengthDelta: -7 }), REC('next')]));
    expect(out.map((r) => title(r.record))).toEqual(['Title', 'next /']);
    expect(out[0].record!.warnings[0]).toMatch(/leader record length .* does not match/);
  });

  it('reads fields between terminators when directory lengths were counted in characters', () => {
    const out = readIso2709All(
      iso(
        [
          ['100', '1 \x1fa芥川 竜之介'],
          ['245', '10\x1fa羅生門'],
        ],
        { charLengths: true },
      ),
    );
    const rec = out[0].record!;
    expect(title(rec)).toBe('羅生門');
    expect((rec.fields[0] as MarcDataField).subfields[0].value).toBe('芥川 竜之介');
    expect(rec.warnings.join()).toMatch(/fields read between field terminators/);
  });

  it('reports a truncated last record and keeps the ones before it', () => {
    const whole = REC('ok');
    const cut = REC('cut').subarray(0, 40);
    const out = readIso2709All(Buffer.concat([whole, cut]));
    expect(title(out[0].record)).toBe('ok /');
    expect(out[1]).toEqual({ index: 1, error: expect.stringMatching(/^truncated record/) });
  });

  it('reports garbage as one broken record and resynchronises on the next terminator', () => {
    const out = readIso2709All(Buffer.concat([Buffer.from('garbage\x1d'), REC('after')]));
    expect(out[0].error).toMatch(/shorter than a leader/);
    expect(title(out[1].record)).toBe('after /');
  });

  it('keeps alphabetic local tags (ruby-marc non-numeric.dat)', () => {
    const [r] = readIso2709All(fs.readFileSync(path.join(FIXTURES, 'ruby-marc/non-numeric.dat')));
    const tags = r.record!.fields.map((f) => f.tag);
    expect(tags).toEqual(expect.arrayContaining(['TSO', 'ISB', 'LOC', 'COL', 'CLA', 'RTP', 'TMC']));
    const tso = r.record!.fields.find((f) => f.tag === 'TSO')!;
    expect(isDataField(tso)).toBe(true);
  });

  it('decodes MARC-8 when leader/09 is blank and flags unconvertible EACC', () => {
    // 245 $a "Café " + EACC の一 (converted) + EACC 0x212A27 (not in the EACC table)
    const value = Buffer.from('10\x1faCaf\xe2e \x1b$1\x69\x24\x4e\x21\x30\x21\x21\x2a\x27\x1b(B\x1e', 'latin1');
    const dir = '245' + String(value.length).padStart(4, '0') + '00000';
    const base = 24 + dir.length + 1;
    const total = base + value.length + 1;
    const leader = String(total).padStart(5, '0') + 'nam  22' + String(base).padStart(5, '0') + '   4500';
    const buf = Buffer.concat([Buffer.from(leader + dir + '\x1e', 'latin1'), value, Buffer.from('\x1d', 'latin1')]);
    const [r] = readIso2709All(buf);
    expect(title(r.record)).toBe('Café の一\uFFFD');
    expect(r.record!.warnings.join()).toMatch(/MARC-8: some characters \(unknown escape sequences or codes with no Unicode mapping\) could not be converted/);
  });

  it('replaces invalid UTF-8 and repairs double-encoded UTF-8', () => {
    const bad = iso([['245', '10\x1faabc']]);
    const i = bad.indexOf('abc');
    bad[i + 1] = 0xff;
    expect(title(readIso2709All(bad)[0].record)).toBe('a\uFFFDc');
    const dbl = iso([['245', '10\x1fa' + Buffer.from('Römische', 'utf8').toString('latin1')]]);
    const [r] = readIso2709All(dbl);
    expect(title(r.record)).toBe('Römische');
    expect(r.record!.warnings).toContain('text was UTF-8 encoded twice (Ã¶ for ö); repaired');
  });
});
