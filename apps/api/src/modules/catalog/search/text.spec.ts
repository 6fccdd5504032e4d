import {
  compactFold,
  extractIsbn,
  foldText,
  isbn10to13,
  isbn13to10,
  matchesAllTerms,
  normalizeIsbn,
  queryTokens,
  searchTokens,
  toTsQuery,
} from './text';

/**
 * A minimal model of `tsvector @@ to_tsquery(...)` for the term shapes queryTokens
 * produces: `lexeme`, or `(prefix:* | lexeme)`, ANDed. Lets us test search behaviour
 * without a database.
 */
function matches(doc: string[], query: string): boolean {
  const terms = queryTokens(query);
  if (terms.length === 0) return false;
  const lexemes = new Set(doc);
  return terms.every((term) => {
    const alts = term.replace(/^\(|\)$/g, '').split(' | ');
    return alts.some((alt) =>
      alt.endsWith(':*') ? doc.some((l) => l.startsWith(alt.slice(0, -2))) : lexemes.has(alt),
    );
  });
}

// Real titles and readings from the Aozora Bunko catalogue (「青空文庫」, CC BY).
const WORKS = [
  { id: '000127', title: '羅生門', reading: 'ラショウモン', author: '芥川 竜之介' },
  { id: '000789', title: '吾輩は猫である', reading: 'ワガハイハネコデアル', author: '夏目 漱石' },
  { id: '000456', title: '銀河鉄道の夜', reading: 'ギンガテツドウノヨル', author: '宮沢 賢治' },
  { id: '056033', title: 'クリスマス・イーヴ', reading: 'クリスマスイーヴ', author: 'アーヴィング ワシントン' },
  { id: 'x00001', title: '九龍虫', reading: 'キュウリュウチュウ', author: '' },
  { id: 'x00002', title: 'Ｏ君の新秋', reading: 'オークンノシンシュウ', author: '' },
  { id: 'x00003', title: '今昔ばなし抱合兵団 ――金博士シリーズ・４――', reading: '', author: '海野 十三' },
  { id: 'x00004', title: '猫', reading: 'ネコ', author: '' },
];

function docTokens(w: (typeof WORKS)[number]): string[] {
  return [...searchTokens(w.title), ...searchTokens(w.reading), ...searchTokens(w.author)];
}

function search(q: string): string[] {
  return WORKS.filter((w) => matches(docTokens(w), q)).map((w) => w.title);
}

describe('foldText', () => {
  it('keeps kanji titles and folds katakana to hiragana', () => {
    expect(foldText('羅生門')).toBe('羅生門');
    expect(foldText('ラショウモン')).toBe(foldText('らしょうもん'));
    expect(foldText('ギンガテツドウノヨル')).toBe('ぎんがてつどうのよる');
  });

  it('folds half-width katakana (with voiced marks) like full-width', () => {
    expect(foldText('ｷﾞﾝｶﾞﾃﾂﾄﾞｳﾉﾖﾙ')).toBe(foldText('ギンガテツドウノヨル'));
    expect(foldText('ｶﾀｶﾅ')).toBe('かたかな');
    expect(foldText('か゛っこう')).toBe(foldText('がっこう'));
  });

  it('folds full-width ASCII, case and ideographic spaces', () => {
    expect(foldText('Ｏ君の新秋')).toBe('o君の新秋');
    expect(foldText('ＵＶ')).toBe('uv');
    expect(foldText('名著復刻\u3000日本児童文学館')).toBe('名著復刻 日本児童文学館');
  });

  it('drops long-vowel marks after kana and folds small kana', () => {
    expect(foldText('コンピューター')).toBe(foldText('コンピュータ'));
    expect(foldText('コンピュ-タ')).toBe(foldText('コンピュータ'));
    expect(foldText('クリスマス・イーヴ')).toBe('くりすます いゔ');
    expect(foldText('キヨウト')).toBe(foldText('キョウト'));
  });

  it('turns brackets and punctuation into single spaces', () => {
    expect(foldText('「吾輩は猫である」')).toBe('吾輩は猫である');
    expect(foldText('『銀河鉄道の夜』【新版】')).toBe('銀河鉄道の夜 新版');
    expect(foldText('今昔ばなし抱合兵団 ――金博士シリーズ・４――')).toBe('今昔ばなし抱合兵団 金博士しりず 4');
  });

  it('folds old kanji to new', () => {
    expect(foldText('芥川龍之介')).toBe(foldText('芥川竜之介'));
    expect(foldText('森 鷗外')).toBe(foldText('森 鴎外'));
    expect(foldText('齋藤 髙橋 山﨑 櫻井 渡邊 渡邉 黑澤')).toBe('斎藤 高橋 山崎 桜井 渡辺 渡辺 黒沢');
    expect(foldText('國學 圖書 舊體 廣濱 眞實 與萬 藝')).toBe('国学 図書 旧体 広浜 真実 与万 芸');
  });

  it('removes Latin diacritics but keeps kana voicing', () => {
    expect(foldText('Römbke, Jörg.')).toBe('rombke jorg');
    expect(foldText('Tōkyō')).toBe('tokyo');
    expect(foldText('がぱ')).toBe('がぱ');
  });

  it('is empty for empty or punctuation-only input', () => {
    expect(foldText('')).toBe('');
    expect(foldText(null)).toBe('');
    expect(foldText('「」・――')).toBe('');
  });
});

describe('searchTokens / queryTokens', () => {
  it('uses a tsquery-safe alphabet', () => {
    for (const w of WORKS) for (const t of docTokens(w)) expect(t).toMatch(/^[a-z0-9]+$/);
    for (const q of ['猫', "吾輩は'猫' & | ! ( ) :*", 'Römbke', 'Жизнь', 'a\\b']) {
      for (const t of queryTokens(q)) expect(t).toMatch(/^[a-z0-9():*| ]+$/);
    }
  });

  it('indexes bigrams of CJK text plus the last character, and Latin words', () => {
    const tokens = searchTokens('吾輩は猫である');
    expect(tokens).toHaveLength(7); // 6 bigrams + last char
    expect(searchTokens('Ｏ君の新秋')).toEqual(expect.arrayContaining(['wo']));
    expect(searchTokens('The pragmatic programmer')).toEqual(['wthe', 'wpragmatic', 'wprogrammer']);
  });

  it('finds titles by any substring, including one character', () => {
    expect(search('羅生門')).toEqual(['羅生門']);
    expect(search('猫')).toEqual(['吾輩は猫である', '猫']);
    expect(search('夜')).toEqual(['銀河鉄道の夜']); // last character of the run
    expect(search('鉄道')).toEqual(['銀河鉄道の夜']);
    expect(search('銀河 夜')).toEqual(['銀河鉄道の夜']);
    expect(search('「吾輩は猫である」')).toEqual(['吾輩は猫である']);
  });

  it('finds kanji titles from the reading typed in hiragana or half-width katakana', () => {
    expect(search('らしょうもん')).toEqual(['羅生門']);
    expect(search('ｷﾞﾝｶﾞﾃﾂﾄﾞｳ')).toEqual(['銀河鉄道の夜']);
    expect(search('わがはい')).toEqual(['吾輩は猫である']);
  });

  it('finds 龍 and 竜 variants both ways', () => {
    expect(search('九竜虫')).toEqual(['九龍虫']);
    expect(search('龍之介')).toEqual(['羅生門']);
    expect(search('芥川竜之介')).toEqual(['羅生門']);
  });

  it('matches across punctuation and spacing differences', () => {
    expect(search('クリスマスイーヴ')).toEqual(['クリスマス・イーヴ']);
    expect(search('金博士シリーズ')).toEqual(['今昔ばなし抱合兵団 ――金博士シリーズ・４――']);
    expect(search('o君')).toEqual(['Ｏ君の新秋']);
  });

  it('returns no terms for nothing searchable', () => {
    expect(queryTokens('「」')).toEqual([]);
    expect(toTsQuery('  ')).toBeNull();
    expect(toTsQuery('日本 茶書')).toMatch(/^b[0-9a-z]{8} & b[0-9a-z]{8}$/);
  });
});

describe('matchesAllTerms (re-check of bigram candidates)', () => {
  it('accepts real substrings regardless of spacing and rejects scattered bigrams', () => {
    expect(matchesAllTerms('日本 の 茶書', '日本の茶書')).toBe(true);
    expect(matchesAllTerms(['銀河鉄道の夜', 'ギンガテツドウノヨル'], 'ぎんが 夜')).toBe(true);
    expect(matchesAllTerms('日本の本茶', '日本茶')).toBe(false);
    expect(compactFold('日本 の 茶書')).toBe('日本の茶書');
  });
});

describe('ISBN', () => {
  it('normalises ISBN-10 and ISBN-13 with or without hyphens to ISBN-13', () => {
    expect(normalizeIsbn('978-4-10-109205-8')).toBe('9784101092058');
    expect(normalizeIsbn('9784101092058')).toBe('9784101092058');
    expect(normalizeIsbn('4-10-109205-2')).toBe('9784101092058');
    expect(normalizeIsbn('4101092052')).toBe('9784101092058');
    expect(normalizeIsbn('ISBN 4-10-109205-2')).toBe('9784101092058');
    expect(normalizeIsbn('９７８－４－１０－１０９２０５－８')).toBe('9784101092058');
    expect(normalizeIsbn('080442957x')).toBe('9780804429573');
  });

  it('rejects bad check digits and lengths', () => {
    expect(normalizeIsbn('4-10-109205-3')).toBeNull();
    expect(normalizeIsbn('978-4-10-109205-9')).toBeNull();
    expect(normalizeIsbn('12345')).toBeNull();
    expect(normalizeIsbn('')).toBeNull();
    expect(normalizeIsbn('9771234567003')).toBeNull(); // ISSN-13, not an ISBN
  });

  it('converts between ISBN-10 and ISBN-13', () => {
    expect(isbn10to13('0525230106')).toBe('9780525230106');
    expect(isbn10to13('0525230107')).toBeNull();
    expect(isbn13to10('9780804429573')).toBe('080442957X');
    expect(isbn13to10('9791090636071')).toBeNull();
  });

  it('extracts an ISBN from MARC 020 text with qualifiers and price', () => {
    expect(extractIsbn('750861772X :')).toBe('9787508617725');
    expect(extractIsbn('9787508617725 (pbk.) : RMB29.80')).toBe('9787508617725');
    expect(extractIsbn('no isbn here')).toBeNull();
  });
});
