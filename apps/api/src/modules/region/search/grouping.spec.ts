import { CityHit, groupWorks, workKey } from './grouping';

const hit = (over: Partial<CityHit>): CityHit => ({
  id: 'r',
  title: 'こころ',
  titleReading: null,
  authors: [{ name: '夏目漱石' }],
  year: null,
  publisher: null,
  materialType: 'book',
  volume: null,
  isbn: null,
  availability: { total: 1, available: 1, onLoan: 0, status: 'available' },
  ...over,
});

describe('workKey', () => {
  it('is the ISBN-13 for either ISBN form', () => {
    expect(workKey(hit({ isbn: '4-10-101013-7' }))).toBe(workKey(hit({ isbn: '9784101010137' })));
  });

  it('is the folded title, volume and first author without an ISBN', () => {
    expect(workKey(hit({ title: 'ＡＢＣ こころ', authors: [{ name: '夏目　漱石' }] }))).toBe(workKey(hit({ title: 'abcこころ', authors: [{ name: '夏目漱石' }] })));
    expect(workKey(hit({ volume: '上' }))).not.toBe(workKey(hit({ volume: '下' })));
    expect(workKey(hit({ authors: [{ name: '森鴎外' }] }))).not.toBe(workKey(hit({})));
  });
});

describe('groupWorks', () => {
  const url = (slug: string) => (id: string) => `https://x/opac/${slug}/records/${id}`;

  it('puts one book of two cities in one work, with each city’s copies, and ranks by the best position', () => {
    const works = groupWorks([
      { city: { slug: 'a', name: 'A市' }, recordUrl: url('a'), hits: [hit({ id: 'a1', title: '三四郎' }), hit({ id: 'a2', isbn: '9784101010137' })] },
      {
        city: { slug: 'b', name: 'B市' },
        recordUrl: url('b'),
        hits: [hit({ id: 'b1', isbn: '4101010137', availability: { total: 2, available: 0, onLoan: 2, status: 'on-loan' } })],
      },
    ]);
    expect(works.map((w) => w.title)).toEqual(['こころ', '三四郎']);
    expect(works[0].holdings).toEqual([
      expect.objectContaining({ city: 'a', recordUrl: 'https://x/opac/a/records/a2', copies: 1, available: 1 }),
      expect.objectContaining({ city: 'b', recordUrl: 'https://x/opac/b/records/b1', copies: 2, onLoan: 2, status: 'on-loan' }),
    ]);
    expect(works[0].status).toBe('available');
  });

  it('adds up two records of one work in one city, and a work only on loan is on-loan', () => {
    const [work] = groupWorks([
      {
        city: { slug: 'a', name: 'A市' },
        recordUrl: url('a'),
        hits: [
          hit({ id: 'a1', availability: { total: 1, available: 0, onLoan: 1, status: 'on-loan' } }),
          hit({ id: 'a2', availability: { total: 1, available: 0, onLoan: 0, status: 'reference-only' } }),
        ],
      },
    ]);
    expect(work.holdings).toEqual([expect.objectContaining({ city: 'a', copies: 2, onLoan: 1, status: 'on-loan', recordId: 'a1' })]);
    expect(work.status).toBe('on-loan');
  });

  it('the works of each city’s first n hits are the first works of its first m hits, in order (paging)', () => {
    const titles = ['い', 'ろ', 'は', 'に', 'ほ', 'へ', 'と', 'ち'];
    const a = titles.map((title, i) => hit({ id: `a${i}`, title }));
    const b = [...titles].reverse().map((title, i) => hit({ id: `b${i}`, title }));
    const works = (n: number) =>
      groupWorks([
        { city: { slug: 'a', name: 'A市' }, recordUrl: url('a'), hits: a.slice(0, n) },
        { city: { slug: 'b', name: 'B市' }, recordUrl: url('b'), hits: b.slice(0, n) },
      ]).map((w) => w.title);
    for (let n = 1; n < titles.length; n++) {
      expect(works(n + 1).slice(0, works(n).length)).toEqual(works(n));
    }
  });
});
