import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countCatalogueEntries, detectFormat, parseCatalogueFile, parseCatalogueFileToArray, parseYear } from './index';

describe('detectFormat', () => {
  it('tells MARCXML, ISO 2709 and CSV apart', () => {
    expect(detectFormat('\uFEFF<?xml version="1.0"?><collection/>')).toBe('marcxml');
    expect(detectFormat('  <record/>')).toBe('marcxml');
    expect(detectFormat(Buffer.from('00127     2200037   4500245008900000\x1e01\x1faX\x1e\x1d', 'latin1'))).toBe('iso2709');
    expect(detectFormat('タイトル,著者\n羅生門,芥川 竜之介\n')).toBe('csv');
    expect(detectFormat('title\tauthor\n')).toBe('csv');
    expect(detectFormat('')).toBeNull();
    expect(detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toBeNull();
  });
});

describe('parseCatalogueFile', () => {
  it('is lazy and iterable, one entry per record', () => {
    const it = parseCatalogueFile('タイトル\n羅生門\n河童\n');
    expect(it.next().value).toEqual({ index: 0, record: { title: '羅生門', authors: [] } });
    expect([...it].map((e) => e.record?.title)).toEqual(['河童']);
  });

  it('honours an explicit format and rejects unknown content', () => {
    expect(parseCatalogueFileToArray('タイトル\n羅生門\n', 'csv')).toHaveLength(1);
    expect(parseCatalogueFileToArray(Buffer.from([0x00, 0x01, 0x02]))).toEqual([
      { index: 0, error: 'unrecognised file format (expected MARC 21 ISO 2709, MARCXML or CSV)' },
    ]);
  });
});

describe('parseYear', () => {
  it.each([
    ['c1972.', 1972],
    ['[1971-1972]', 1971],
    ['Shōwa 46-47 [1971-1972]', 1971],
    ['昭和46', 1971],
    ['平成元年', 1989],
    ['令和2年', 2020],
    ['１９６８（昭和４３）年', 1968],
    ['n.d.', undefined],
  ])('%s → %s', (s, y) => expect(parseYear(s)).toBe(y));
});

describe('countCatalogueEntries', () => {
  it('counts what parseCatalogueFile yields, broken records included', () => {
    const files: string[] = ['pymarc/bad_records.mrc', 'pymarc/marc.dat', 'ruby-marc/three-records-second-bad.xml', 'pymarc/test_utf8.txt'];
    for (const f of files) {
      const bytes = readFileSync(join(__dirname, '../../../../test/fixtures/marc', f));
      expect(countCatalogueEntries(bytes)).toBe(parseCatalogueFileToArray(bytes).length);
    }
    expect(countCatalogueEntries('タイトル\n羅生門\n河童\n', 'csv')).toBe(2);
  });

  it('counts ISO 2709 files without parsing them exactly as the reader splits them (every MARC 21 fixture, truncated and padded ones too)', () => {
    const root = join(__dirname, '../../../../test/fixtures/marc');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(mrc|dat|marc)$/i.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const bytes = readFileSync(join(root, f));
      const variants = [bytes, bytes.subarray(0, Math.floor(bytes.length * 0.6)), Buffer.concat([Buffer.from('\n\n'), bytes, Buffer.from('\r\n  ')])];
      for (const b of variants) expect(countCatalogueEntries(b, 'iso2709')).toBe(parseCatalogueFileToArray(b, 'iso2709').length);
    }
  });
});
