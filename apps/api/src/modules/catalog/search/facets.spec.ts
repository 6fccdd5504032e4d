import { facetsFromSample, withFacets } from './facets';

describe('facets from the search sample', () => {
  it('counts, scales, rounds and orders each facet as the OPAC shows it', () => {
    const f = facetsFromSample([
      2.5,
      ['book', 'book', 'magazine', 'av', 'book'],
      ['available', 'on-loan', 'available', 'reference-only', 'available'],
      [1989, 1981, 2004, null, 1958],
      ['913.6', '913', '007', null, 'K913'],
      [['sawara', 'omigawa'], ['sawara'], [], null, ['yamada']],
      { sawara: '佐原中央図書館', omigawa: '小見川図書館' },
    ]);
    expect(f.materialType).toEqual([{ value: 'book', count: 8 }, { value: 'av', count: 3 }, { value: 'magazine', count: 3 }]);
    expect(f.availability).toEqual([{ value: 'available', count: 8 }, { value: 'on-loan', count: 3 }, { value: 'reference-only', count: 3 }]);
    expect(f.year).toEqual([{ from: 2000, to: 2009, count: 3 }, { from: 1980, to: 1989, count: 5 }, { from: 1950, to: 1959, count: 3 }]);
    // the NDC class is the first digit; a call number that does not start with one has none
    expect(f.ndc).toEqual([{ value: '0', count: 3 }, { value: '9', count: 5 }]);
    // a branch without a name (removed since) keeps its code with a null label
    expect(f.branch).toEqual([
      { value: 'sawara', label: '佐原中央図書館', count: 5 },
      { value: 'omigawa', label: '小見川図書館', count: 3 },
      { value: 'yamada', label: null, count: 3 },
    ]);
  });

  it('answers empty facets for an empty sample and adds them to the body', () => {
    const body = withFacets('{"total" : 0, "hits" : []}', JSON.stringify([1, null, null, null, null, null, null]));
    expect(JSON.parse(body)).toEqual({ total: 0, hits: [], facets: { materialType: [], branch: [], availability: [], year: [], ndc: [] } });
  });
});
