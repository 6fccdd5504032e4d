import { authorNameRegex, buildSearchDocument, fieldRegex, recheckRuns, textCriterion, titleSortKey } from './document';
import { bigramToken } from './text';
import { queryTokens } from './text';
import { titleSection, titleSectionToken } from './title-sections';

describe('buildSearchDocument', () => {
  const doc = buildSearchDocument({
    title: '吾輩は猫である',
    titleReading: 'ワガハイ ワ ネコ デ アル',
    authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }],
    publisher: '岩波書店',
    series: '岩波文庫',
  });

  it('tags every token with the weight of its field, at increasing positions', () => {
    const all = doc.search.split(' ').map((l) => l.split(':'));
    // the last lexeme is the title section, without a position (title-sections.ts): わ of わがはい
    expect(all[all.length - 1]).toEqual([titleSectionToken(titleSection('わ'))]);
    const lexemes = all.slice(0, -1);
    expect(lexemes.every(([token, positions]) => /^[a-z0-9]+$/.test(token) && /^(\d+[ABCD])(,\d+[ABCD])*$/.test(positions))).toBe(true);
    const weightsOf = (q: string) => {
      const tokens = queryTokens(q).filter((t) => !t.startsWith('('));
      return tokens.map((t) => lexemes.find(([tok]) => tok === t)?.[1].replace(/\d+/g, ''));
    };
    expect(weightsOf('猫で')).toEqual(['A']);
    expect(weightsOf('漱石')).toEqual(['B']);
    expect(weightsOf('書店')).toEqual(['C']);
    // 岩波 is in the publisher and the series
    expect(weightsOf('岩波')).toEqual(['C,D']);
  });

  it('keeps one line per field for the exact re-check, folded and without spaces', () => {
    expect(doc.searchText.split('\n')).toEqual(['A\t吾輩は猫である', 'A\tわがはいわねこである', 'B\t夏目漱石', 'B\tなつめそうせき', 'C\t岩波書店', 'D\t岩波文庫']);
  });

  it('sorts by the folded reading (五十音順), else by the title', () => {
    expect(doc.titleSort).toBe('わがはいわねこである');
    expect(titleSortKey('ボッチャン', '坊っちゃん')).toBe('ぼつちやん');
    expect(titleSortKey(null, 'The War Game')).toBe('the war game');
    expect(titleSortKey(undefined, '交響曲第九番')).toBe('交響曲第九番');
  });
});

describe('textCriterion with token frequencies', () => {
  // らしようもん (らしょうもん folded): らし 1 %, しよ 9 %, よう 23 %, うも 1.1 %, もん 1.7 % of the records
  const freq = new Map([
    [bigramToken('ら', 'し'), 0.0097],
    [bigramToken('し', 'よ'), 0.094],
    [bigramToken('よ', 'う'), 0.23],
    [bigramToken('う', 'も'), 0.011],
    [bigramToken('も', 'ん'), 0.017],
  ]);
  it('keeps only the two rarest bigrams of a re-checked run', () => {
    const c = textCriterion('らしょうもん', undefined, (t) => freq.get(t))!;
    expect(c.tsquery.split(' & ').sort()).toEqual([bigramToken('ら', 'し'), bigramToken('う', 'も')].sort());
    expect(c.recheck).toEqual(['らしようもん']);
  });
  it('takes an unlisted bigram for the rarest, and keeps the covering choice without frequencies', () => {
    const c = textCriterion('らしょうもんだ', undefined, (t) => freq.get(t))!;
    expect(c.tsquery.split(' & ')).toContain(bigramToken('ん', 'だ'));
    expect(textCriterion('らしょうもん')!.tsquery.split(' & ')).toHaveLength(3);
  });
  it('leaves one- and two-character runs exact in the index', () => {
    expect(textCriterion('猫', undefined, () => 0.5)!.tsquery).toMatch(/^\(b[0-9a-z]+:\* \| u[0-9a-z]+\)$/);
  });
});

describe('textCriterion', () => {
  it('restricts a field query to its weight, prefix terms included', () => {
    expect(textCriterion('猫', 'A')!.tsquery).toMatch(/^\(b[0-9a-z]+:\*A \| u[0-9a-z]+:A\)$/);
    expect(textCriterion('猫')!.tsquery).toMatch(/^\(b[0-9a-z]+:\* \| u[0-9a-z]+\)$/);
  });

  it('keeps only the bigrams that cover a re-checked run', () => {
    // 夏目漱石: 夏目 & 漱石 (目漱 is implied by the re-check of the whole run)
    expect(textCriterion('夏目漱石')!.tsquery.split(' & ')).toHaveLength(2);
    expect(textCriterion('夏目漱石')!.recheck).toEqual(['夏目漱石']);
    // three characters need both bigrams
    expect(textCriterion('羅生門')!.tsquery.split(' & ')).toHaveLength(2);
    // five: 0-1, 2-3, 3-4
    expect(textCriterion('銀河鉄道の')!.tsquery.split(' & ')).toHaveLength(3);
    // two characters are one bigram and need no re-check
    expect(textCriterion('猫の')).toMatchObject({ recheck: [] });
  });

  it('is null when nothing searchable was typed', () => {
    expect(textCriterion('「」、。！')).toBeNull();
    expect(textCriterion('   ')).toBeNull();
  });
});

describe('recheckRuns and fieldRegex', () => {
  it('finds CJK runs of three or more characters, folded, per word', () => {
    expect(recheckRuns('日本の茶 war game 龍之介 猫')).toEqual(['日本の茶', '竜之介']);
    expect(recheckRuns('ﾗｼｮｳﾓﾝ')).toEqual(['らしようもん']);
  });

  it('matches a run inside one field line only', () => {
    const re = new RegExp(fieldRegex('夏目漱石', 'B'));
    expect(re.test('A\t坊っちゃん\nB\t夏目漱石')).toBe(true);
    expect(re.test('A\t夏目漱石の手紙\nB\t寺田寅彦')).toBe(false);
  });

  it('takes an author’s name as typed when it is the whole name or reading, or its start or end (family, given name)', () => {
    const { searchText } = buildSearchDocument({ title: '芥川龍之介', authors: [{ name: '芥川 龍之介', reading: 'アクタガワ リュウノスケ' }] });
    const name = (q: string) => new RegExp(authorNameRegex(q)).test(searchText);
    for (const q of ['芥川竜之介', '芥川', '竜之介', 'あくたがわりゆうのすけ', 'あくたがわ']) expect({ q, name: name(q) }).toEqual({ q, name: true });
    // inside a name, or only in the title: not the name
    for (const q of ['川竜', '芥川竜之介論', 'がわり']) expect({ q, name: name(q) }).toEqual({ q, name: false });
    expect(new RegExp(authorNameRegex('芥川竜之介')).test('A\t芥川竜之介\nB\t堀辰雄')).toBe(false);
  });
});

describe('textCriterion for the same words again (a regional search builds them once per member city)', () => {
  it('gives the same criterion, chosen with each city’s own token statistics, and a caller cannot change the next one', () => {
    const first = textCriterion('夏目漱石の手紙');
    first!.recheck.push('changed');
    first!.recheck[0] = 'changed';
    expect(textCriterion('夏目漱石の手紙')).toEqual({ ...first, recheck: ['夏目漱石の手紙'] });
    // two cities' statistics: the rarest bigrams of each city, from the same folded words
    const common = (t: string) => (t === bigramToken('夏', '目') ? 0.5 : undefined);
    const rare = (t: string) => (t === bigramToken('手', '紙') ? 0.5 : undefined);
    expect(textCriterion('夏目漱石の手紙', undefined, common)!.tsquery).not.toContain(bigramToken('夏', '目'));
    expect(textCriterion('夏目漱石の手紙', undefined, rare)!.tsquery).toContain(bigramToken('夏', '目'));
  });
});
