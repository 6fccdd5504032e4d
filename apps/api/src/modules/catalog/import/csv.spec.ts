import { mapCsvHeader, parseCsvCatalogue, parseLoanable, readCsvRows } from './csv';

const rows = (text: string) => [...readCsvRows(text)].map((r) => r.cells);

describe('readCsvRows (RFC 4180)', () => {
  it('handles quotes, escaped quotes, separators and line breaks inside quotes, CRLF', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\r\nline2"\r\n,,\r\n';
    expect(rows(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\r\nline2'],
      ['', '', ''],
    ]);
  });

  it('numbers rows by their starting line and skips blank lines', () => {
    const out = [...readCsvRows('h\n\n"a\nb"\nc')];
    expect(out.map((r) => [r.line, r.cells])).toEqual([
      [1, ['h']],
      [3, ['a\nb']],
      [5, ['c']],
    ]);
  });

  it('reads tab-separated files', () => {
    expect(rows('タイトル\t著者\n羅生門\t芥川 竜之介\n')).toEqual([
      ['タイトル', '著者'],
      ['羅生門', '芥川 竜之介'],
    ]);
  });

  it('reports an unterminated quote', () => {
    const out = [...readCsvRows('a\nok\n"broken\nmore')];
    expect(out[1].cells).toEqual(['ok']);
    expect(out[2].error).toBe('unterminated quoted field starting on line 3');
  });
});

describe('mapCsvHeader', () => {
  it('recognises Japanese and English names (full-width, case and spacing folded)', () => {
    const h = mapCsvHeader(['タイトル', 'ヨミ', '著者', '出版者', '出版年', 'ＩＳＢＮ', 'NDC', '資料種別', '巻次', 'シリーズ', 'バーコード', '所蔵館', '帯出区分', 'メモ']);
    expect([...h.columns.keys()]).toEqual([
      'title', 'titleReading', 'authors', 'publisher', 'year', 'isbn', 'ndc', 'materialType', 'volume', 'series', 'barcode', 'branchCode', 'loanable',
    ]);
    expect(h.unknown).toEqual(['メモ']);
    const en = mapCsvHeader(['Title', 'Title Reading', 'Authors', 'Publisher', 'Year', 'isbn', 'Barcode', 'Branch Code', 'Loanable']);
    expect(en.unknown).toEqual([]);
  });
});

describe('parseLoanable', () => {
  it.each([
    ['可', true],
    ['貸出可', true],
    ['1', true],
    ['禁帯出', false],
    ['不可', false],
    ['×', false],
    ['', undefined],
    ['たぶん', 'unknown'],
  ])('%s → %s', (cell, want) => expect(parseLoanable(cell)).toBe(want));
});

describe('parseCsvCatalogue', () => {
  it('maps a Japanese library export, one row per copy, grouping copies of the same record', () => {
    const csv =
      '\uFEFFタイトル,ヨミ,著者,著者ヨミ,出版者,出版年,ISBN,NDC,資料種別,巻次,シリーズ,バーコード,所蔵館,帯出区分\r\n' +
      '羅生門,ラショウモン,芥川 竜之介,アクタガワ リュウノスケ,新潮社,"1968（昭和43）年",4-10-102501-0,913.6,book,,新潮文庫,1001,central,可\r\n' +
      '羅生門,ラショウモン,芥川 竜之介,アクタガワ リュウノスケ,新潮社,"1968（昭和43）年",4-10-102501-0,913.6,book,,新潮文庫,1002,east,禁帯出\r\n' +
      '銀河鉄道の夜,ギンガテツドウノヨル,宮沢 賢治／天沢 退二郎,ミヤザワ ケンジ／アマザワ タイジロウ,新潮社,平成元年,,913.6,book,1,,1003,central,\r\n';
    const out = [...parseCsvCatalogue(Buffer.from(csv, 'utf8'))];
    expect(out).toEqual([
      {
        index: 0,
        record: {
          title: '羅生門',
          titleReading: 'ラショウモン',
          authors: [{ name: '芥川 竜之介', reading: 'アクタガワ リュウノスケ' }],
          publisher: '新潮社',
          publishedYear: 1968,
          isbn: '9784101025018',
          ndc: '913.6',
          materialType: 'book',
          series: '新潮文庫',
          items: [
            { barcode: '1001', branchCode: 'central', loanable: true, materialType: 'book' },
            { barcode: '1002', branchCode: 'east', loanable: false, materialType: 'book' },
          ],
        },
      },
      {
        index: 2,
        record: {
          title: '銀河鉄道の夜',
          titleReading: 'ギンガテツドウノヨル',
          authors: [
            { name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' },
            { name: '天沢 退二郎', reading: 'アマザワ タイジロウ' },
          ],
          publisher: '新潮社',
          publishedYear: 1989,
          ndc: '913.6',
          materialType: 'book',
          volume: '1',
          items: [{ barcode: '1003', branchCode: 'central', materialType: 'book' }],
        },
      },
    ]);
  });

  it('reads rows of the Aozora Bunko list (「青空文庫」, CC BY) with English-free headers it partly knows', () => {
    const csv =
      '人物ID,著者名,作品ID,作品名,仮名遣い種別,翻訳者名等,入力者名,校正者名,状態,状態の開始日,底本名,出版社名,入力に使用した版,校正に使用した版\r\n' +
      '000879,"芥川 竜之介",000127,"羅生門",新字新仮名,,"j.utiyama","かとうかおり",公開,1997-11-04,"羅生門・鼻","新潮文庫、新潮社","1968（昭和43）年7月20日第50刷",""\r\n' +
      '000148,"夏目 漱石",000789,"吾輩は猫である",新字新仮名,,"田辺浩昭","小林繁雄",公開,1999-09-17,"夏目漱石全集1","ちくま文庫、筑摩書房","1987（昭和62）年9月29日第1刷",""\r\n';
    const out = [...parseCsvCatalogue(csv)];
    expect(out.map((e) => e.record?.title)).toEqual(['羅生門', '吾輩は猫である']);
    expect(out[0].record!.authors).toEqual([{ name: '芥川 竜之介' }]);
    expect(out[0].record!.publisher).toBe('新潮文庫、新潮社');
    expect(out[0].warnings![0]).toMatch(/^columns ignored: 人物ID, 作品ID/);
  });

  it('rejects rows without a title and keeps going; warns about bad values', () => {
    const csv = 'title,isbn,year,barcode,loanable\n,123,2001,9,yes\nOK,978-4-10-109205-9,someday,10,maybe\nLast,,,,\n';
    const out = [...parseCsvCatalogue(csv)];
    expect(out[0]).toEqual({ index: 0, error: 'line 2: no title' });
    expect(out[1].record).toEqual({ title: 'OK', authors: [], items: [{ barcode: '10' }] });
    expect(out[1].warnings).toEqual([
      'line 3: year "someday" not understood',
      'line 3: ISBN "978-4-10-109205-9" is not valid; ignored',
      'line 3: 帯出区分/loanable "maybe" not understood; left to the default',
    ]);
    expect(out[2]).toEqual({ index: 2, record: { title: 'Last', authors: [] } });
  });

  it('rejects a file whose header has no title column', () => {
    expect([...parseCsvCatalogue('isbn,author\n4101092052,x\n')]).toEqual([
      { index: 0, error: expect.stringMatching(/^the CSV header has no title column/) },
    ]);
  });

  it('reads Shift_JIS files', () => {
    // "タイトル\r\n猫\r\n" in Shift_JIS
    const sjis = Buffer.from([0x83, 0x5e, 0x83, 0x43, 0x83, 0x67, 0x83, 0x8b, 0x0d, 0x0a, 0x94, 0x4c, 0x0d, 0x0a]);
    const out = [...parseCsvCatalogue(sjis)];
    expect(out).toEqual([{ index: 0, record: { title: '猫', authors: [] }, warnings: ['file is not UTF-8; read as Shift_JIS'] }]);
  });

  it('keeps rows before an unterminated quote', () => {
    const out = [...parseCsvCatalogue('title\nA\n"B\n')];
    expect(out[0].record?.title).toBe('A');
    expect(out[1].error).toMatch(/unterminated quoted field/);
  });
});
