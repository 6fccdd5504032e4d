import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapMarcRecord } from '../import';
import { buildSearchDocument } from '../search/document';
import { recordTerms } from '../search/search-terms';
import { BATCH_RECORDS, mappedBatches, newRecordFields, prepareRecord, sameFields } from './import-batches';

const FIXTURES = path.join(__dirname, '../../../../test/fixtures/marc');

describe('an import file read into batches (the reader thread’s work)', () => {
  it('reports a record that makes the MARC mapper throw, and that record only', () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'pymarc/marc.dat')); // 20 good records
    let seen = 0;
    const batches = [
      ...mappedBatches(bytes, 'iso2709', {
        mapMarc: (r) => {
          if (seen++ === 3) throw new TypeError("Cannot read properties of undefined (reading 'value')");
          return mapMarcRecord(r);
        },
      }),
    ];
    const entries = batches.flatMap((b) => b.entries);
    expect(entries.map((e) => e.index)).toEqual([...Array(20).keys()]);
    expect(entries.filter((e) => !e.record)).toEqual([{ index: 3, reason: expect.stringMatching(/^この記録は変換できませんでした \/ the record could not be converted: Cannot read properties/) }]);
    expect(entries.filter((e) => e.record)).toHaveLength(19);
  });

  it('builds each record’s search columns and terms as a new record, and starts a new batch at a repeated ISBN or at the batch size', () => {
    const rows = ['書名,ヨミ,著者,ISBN'];
    for (let i = 0; i < BATCH_RECORDS + 10; i++) rows.push(`本 ${i},ホン ${i},著者 ${i},`);
    rows.splice(6, 0, '吾輩は猫である,ワガハイ ワ ネコ デ アル,夏目 漱石,978-4-00-310101-8');
    rows.splice(8, 0, '吾輩は猫である 改版,,,9784003101018');
    const batches = [...mappedBatches(Buffer.from(rows.join('\n')), 'csv')];
    const sizes = batches.map((b) => b.entries.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(BATCH_RECORDS + 12);
    // the second mention of the ISBN starts batch 2; batch 2 is full at BATCH_RECORDS; the rest follows
    expect(sizes[0]).toBe(7);
    expect(sizes[1]).toBe(BATCH_RECORDS);
    const neko = batches[0].entries.find((e) => e.record?.fields.title === '吾輩は猫である')!.record!;
    expect(neko.isbn).toBe('9784003101018');
    expect(neko.doc?.titleSort).toBe('わがはいわねこである');
    expect(neko.terms?.map((t) => `${t.kind}:${t.label}`)).toEqual(expect.arrayContaining(['title:吾輩は猫である', 'author:夏目 漱石']));
  });

  it('folds each text once per record and builds the same search columns and terms as the catalogue does', () => {
    const rec = { title: 'コンピューター 入門', titleReading: 'コンピューター ニュウモン', authors: [{ name: '山田 太郎', reading: 'ヤマダ タロウ' }], series: 'コンピューター 入門', publisher: '岩波書店' };
    const prepared = prepareRecord(0, rec);
    const fields = newRecordFields(prepared.fields);
    expect(prepared.doc).toEqual(buildSearchDocument(fields));
    expect(prepared.terms).toEqual(recordTerms(fields));
  });

  it('tells a record the file leaves as it is from one it changes (sameFields)', () => {
    const stored = newRecordFields({ title: '吾輩は猫である', authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }], isbn: '9784003101018', publishedYear: 1990, receivedAt: '2020-04-01' });
    const merged = { ...stored, authors: [{ reading: 'ナツメ ソウセキ', name: '夏目 漱石' }] };
    expect(sameFields(stored, merged)).toBe(true);
    expect(sameFields(stored, { ...stored, publishedYear: 1991 })).toBe(false);
    expect(sameFields(stored, { ...stored, authors: [{ name: '夏目 漱石' }] })).toBe(false);
    expect(sameFields(stored, { ...stored, callNumber: '913.6' })).toBe(false);
    expect(sameFields({ ...stored, callNumber: undefined }, { ...stored, callNumber: null })).toBe(true);
  });
});
