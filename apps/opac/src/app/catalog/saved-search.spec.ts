import { savedSearchOf, SearchQuery, searchQueryOf } from './catalog';

/** An alert saved from a search page opens that very search again (「今すぐ検索」). */
describe('saved searches (alerts) and the search page URL', () => {
  const page: SearchQuery = {
    q: '草枕',
    author: '漱石',
    yearFrom: '1960',
    yearTo: '2000',
    ndc: '913,914',
    materialType: 'book',
    branch: 'central',
    available: 'false',
    availability: 'on-loan',
    reservable: 'true',
    authorName: '夏目 漱石,森 鷗外',
    notMaterialType: 'magazine',
    notBranch: 'east',
    notAvailability: 'unavailable',
    notNdc: '291',
    notAuthorName: '平岡 敏夫',
  };

  it('turns every condition into JSON and back, unchanged; the order and the page are no conditions', () => {
    const saved = savedSearchOf({ ...page, sort: 'newest', page: 3, size: 50 });
    expect(saved.reservable).toBe(true);
    expect(saved.available).toBe(false);
    expect(saved.yearFrom).toBe(1960);
    expect(saved.authorName).toEqual(['夏目 漱石', '森 鷗外']);
    expect(searchQueryOf(saved)).toEqual(page);
  });

  it('reads alerts saved before lists (ndc as one string) and leaves out what is empty', () => {
    expect(searchQueryOf({ q: '猫', ndc: '913' })).toEqual({ q: '猫', ndc: '913' });
    expect(savedSearchOf({ q: ' 猫 ', yearFrom: 'x', reservable: 'maybe', notNdc: ',' })).toEqual({ q: '猫' });
  });
});
