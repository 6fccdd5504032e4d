import { cleanMarcText, mapMarcRecord } from './map-marc';
import { MarcField, MarcRecord } from './marc-record';

function df(tag: string, ind: string, ...subs: Array<[string, string]>): MarcField {
  return { tag, ind1: ind[0], ind2: ind[1], subfields: subs.map(([code, value]) => ({ code, value })) };
}

function record(fields: MarcField[], leader = '00000nam a2200000 i 4500'): MarcRecord {
  return { leader, fields, warnings: [] };
}

describe('cleanMarcText', () => {
  it.each([
    ['Nihon no chasho /', 'Nihon no chasho'],
    ['The war game;', 'The war game'],
    ['Charlottetown area profile.', 'Charlottetown area profile'],
    ['Scott, Robert N.,', 'Scott, Robert N.'],
    ['United States. War Dept.', 'United States. War Dept.'],
    ['Ten years at NIH :', 'Ten years at NIH'],
    ['Wait...', 'Wait...'],
    ['\u0098The \u009cUntamed', 'The Untamed'],
    ['横井 清.', '横井 清'],
  ])('%s → %s', (input, want) => expect(cleanMarcText(input)).toBe(want));
});

describe('mapMarcRecord', () => {
  it('takes the 請求記号 from 090, else 852, and a cover image from 856; a romanized reading becomes katakana', () => {
    const base = [
      { tag: '008', value: '050101s2005    ja            000 0 jpn  ' },
      df('100', '1 ', ['6', '880-01'], ['a', 'Natsume, Sōseki']),
      df('245', '10', ['a', '吾輩は猫である']),
      df('880', '1 ', ['6', '100-01/$1'], ['a', '夏目, 漱石']),
    ];
    const local = mapMarcRecord(record([...base, df('090', '  ', ['a', '913.6'], ['b', 'ナ']), df('852', '  ', ['h', '918'], ['i', 'ナ'])]));
    expect(local).toMatchObject({ record: { callNumber: '913.6/ナ', authors: [{ name: '夏目, 漱石', reading: 'ナツメ ソウセキ' }] } });
    expect(mapMarcRecord(record([...base, df('852', '  ', ['b', 'main'], ['h', '913.6'], ['i', 'ナ'], ['i', '1'])]))).toMatchObject({ record: { callNumber: '913.6/ナ/1' } });
    const cover = mapMarcRecord(
      record([
        ...base,
        df('856', '41', ['u', 'https://example.org/toc.html'], ['3', 'Table of contents']),
        df('856', '42', ['u', 'https://example.org/c/123'], ['3', '表紙画像']),
      ]),
    );
    expect(cover).toMatchObject({ record: { coverUrl: 'https://example.org/c/123' } });
    expect(mapMarcRecord(record([...base, df('856', '42', ['u', 'javascript:alert(1).jpg'])]))).not.toHaveProperty('record.coverUrl');
    expect(mapMarcRecord(record(base))).not.toHaveProperty('record.callNumber');
  });

  it('maps an NDL-style Japanese record: kanji 245 with a katakana 880 reading, NDC, ISBN with price', () => {
    const r = mapMarcRecord(
      record([
        { tag: '001', value: 'JP12345' },
        { tag: '008', value: '680720s1968    ja            000 0 jpn  ' },
        df('020', '  ', ['a', '4-10-102501-0'], ['c', '¥400']),
        df('084', '  ', ['a', '913.6'], ['2', 'njb/09']),
        df('100', '1 ', ['6', '880-02'], ['a', '芥川, 竜之介,'], ['d', '1892-1927']),
        df('245', '10', ['6', '880-01'], ['a', '羅生門 ;'], ['b', '鼻 /'], ['c', '芥川龍之介 著']),
        df('264', ' 1', ['a', '東京 :'], ['b', '新潮社,'], ['c', '1968.']),
        df('490', '0 ', ['a', '新潮文庫 ;'], ['v', 'あ-1-1']),
        df('880', '10', ['6', '245-01/$1'], ['a', 'ラショウモン ;'], ['b', 'ハナ']),
        df('880', '1 ', ['6', '100-02/$1'], ['a', 'アクタガワ, リュウノスケ']),
      ]),
    );
    expect(r).toEqual({
      warnings: [],
      record: {
        title: '羅生門',
        titleReading: 'ラショウモン',
        subtitle: '鼻',
        authors: [{ name: '芥川, 竜之介', reading: 'アクタガワ, リュウノスケ' }],
        publisher: '新潮社',
        publishedYear: 1968,
        isbn: '9784101025018',
        materialType: 'book',
        series: '新潮文庫',
        volume: 'あ-1-1',
        ndc: '913.6',
        controlNumber: 'JP12345',
      },
    });
  });

  it('takes the year from 260 $c (Japanese era too) when there is no usable 008', () => {
    const r = mapMarcRecord(record([df('245', '00', ['a', '日本の茶書']), df('260', '  ', ['b', '[s.n.],'], ['c', '昭和46'])]));
    expect('record' in r && r.record).toEqual({ title: '日本の茶書', authors: [], publishedYear: 1971, materialType: 'book' });
  });

  it('derives the material type from the leader', () => {
    const title = df('245', '00', ['a', 'x']);
    const type = (leader: string) => {
      const r = mapMarcRecord(record([title], leader));
      return 'record' in r ? r.record.materialType : undefined;
    };
    expect(type('00000nam a2200000 i 4500')).toBe('book');
    expect(type('00000nas a2200000 i 4500')).toBe('magazine');
    expect(type('00000ngm a2200000 i 4500')).toBe('av');
    expect(type('00000njm a2200000 i 4500')).toBe('av');
  });

  it('rejects a record without a title, saying why', () => {
    expect(mapMarcRecord(record([{ tag: '001', value: '1' }]))).toEqual({ error: 'no title: the record has no 245 field' });
    expect(mapMarcRecord(record([df('245', '00', ['c', 'by nobody'])]))).toEqual({ error: 'no title: 245 has no $a' });
    expect(mapMarcRecord(record([df('200', '1 ', ['a', 'Заглавие'])]))).toEqual({
      error: 'no title: no 245 field (this looks like UNIMARC, field 200; only MARC 21 is supported)',
    });
  });

  it('uses 830 when there is no 490, and 035 when there is no 001; skips invalid ISBNs with a warning', () => {
    const r = mapMarcRecord(
      record([
        df('020', '  ', ['a', '4101092053']),
        df('020', '  ', ['a', '9784101092058 (pbk.)']),
        df('035', '  ', ['a', '(OCoLC)123']),
        df('245', '00', ['a', 'Title :'], ['n', 'Part 2.']),
        df('830', ' 0', ['a', 'Series ;'], ['v', 'v. 3.']),
      ]),
    );
    expect(r).toEqual({
      warnings: ['020 $a "4101092053" is not a valid ISBN'],
      record: {
        title: 'Title Part 2',
        authors: [],
        isbn: '9784101092058',
        materialType: 'book',
        series: 'Series',
        volume: 'v. 3',
        controlNumber: '(OCoLC)123',
      },
    });
  });
});
