import { buildSearchQuery, reservableStates, SearchParams, termShare } from './search-query';

const q = (p: Partial<SearchParams>) => buildSearchQuery({ sort: 'relevance', page: 1, size: 20, ...p });

/** Every $n placeholder of the statement is bound, and every bound value is used. */
function placeholdersMatch(sql: string, values: unknown[]): boolean {
  const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  return used.size === values.length && [...used].every((n) => n >= 1 && n <= values.length);
}

describe('buildSearchQuery', () => {
  it.each<Partial<SearchParams>>([
    { q: '吾輩は猫である' },
    { q: '猫', sort: 'newest' },
    { q: '羅生門', sort: 'title', page: 3 },
    { title: '源氏物語', author: '紫式部', publisher: '岩波書店' },
    { q: 'war game', materialType: ['book', 'av'], branch: ['sawara'], available: true, yearFrom: 1900, yearTo: 2000, ndc: ['913'] },
    { materialType: ['magazine'] },
    { q: '草枕', reservable: true, authorName: ['夏目 漱石', '森 鴎外'], notMaterialType: ['av'], notBranch: ['sawara'], notAvailability: ['unavailable'], notNdc: ['91'], notAuthorName: ['平岡 敏夫'] },
    { q: '草枕', reservable: false, sort: 'title' },
    { q: '978-4-00-310101-8' },
    { isbn: '4003101014', sort: 'newest' },
  ])('binds exactly the values it uses: %j', (params) => {
    const built = q(params);
    expect(built.searchable).toBe(true);
    expect(placeholdersMatch(built.sql, built.values)).toBe(true);
  });

  it('reads a query that is an ISBN as an ISBN, in any form', () => {
    for (const isbn of ['978-4-00-310101-8', '9784003101018', '4-00-310101-4', '4003101014']) {
      const built = q({ q: isbn });
      expect(built.sql).toContain('r.isbn = $1');
      expect(built.values[0]).toBe('9784003101018');
      expect(built.sql).not.toContain('@@');
    }
  });

  it('ranks only when sorting by relevance', () => {
    expect(q({ q: '猫' }).sql).toContain('ts_rank');
    expect(q({ q: '猫', sort: 'newest' }).sql).not.toContain('ts_rank');
    expect(q({ q: '猫', sort: 'title' }).sql).not.toContain('ts_rank');
    // nothing to rank by: newest first
    expect(q({ materialType: ['book'] }).sql).toContain(`'sort', 'newest'`);
  });

  it.each<Partial<SearchParams>>([
    { q: '吾輩は猫である' },
    { q: '猫', size: 100 },
    { title: '源氏物語', author: '紫式部' },
    { q: 'war game', materialType: ['book', 'av'], available: true, yearFrom: 1900, yearTo: 2000 },
    { q: '978-4-00-310101-8' },
    { isbn: '4003101014' },
  ])('the regional shape (a regional fan-out) binds exactly the values it uses: %j', (params) => {
    const built = buildSearchQuery({ sort: 'relevance', page: 1, size: 20, ...params }, { shape: 'regional' });
    expect(built.searchable).toBe(true);
    expect(placeholdersMatch(built.sql, built.values)).toBe(true);
  });

  it('the regional shape matches and ranks as the full one, and computes only the facets a region adds up', () => {
    const params: SearchParams = { q: '吾輩は猫である', materialType: ['book'], sort: 'relevance', page: 1, size: 20 };
    const full = buildSearchQuery(params);
    const regional = buildSearchQuery(params, { shape: 'regional' });
    // the same conditions and rank: everything up to the sample's columns is the same text
    const matching = (sql: string) => sql.slice(0, sql.indexOf('r.material_type,'));
    expect(matching(regional.sql)).toBe(matching(full.sql));
    expect(regional.sql).toContain("'materialType'");
    expect(regional.sql).toContain("'availability'");
    expect(regional.sql).toContain("'year'");
    for (const facet of ["'branch'", "'ndc'", "'author'", "'years'", 'jsonb_array_elements(m.authors)', 'holding_branches']) {
      expect(full.sql).toContain(facet);
      expect(regional.sql).not.toContain(facet);
    }
    // hits without the fields a grouped answer does not show
    expect(full.sql).toContain("'series'");
    expect(regional.sql).not.toContain("'series'");
    expect(regional.sql).not.toContain("'receivedAt'");
    // a smaller sample is a value, not another text (one prepared statement per city and shape)
    const capped = buildSearchQuery(params, { shape: 'regional', cap: 200 });
    expect(capped.sql).toBe(regional.sql);
    expect(capped.values).toContain(200);
    expect(capped.values).not.toContain(500);
    expect(regional.values).toContain(500);
  });

  it.each<Partial<SearchParams>>([
    { q: '吾輩は猫である' },
    { q: '猫', sort: 'newest', page: 2 },
    { q: '羅生門', sort: 'title', page: 3 },
    { title: '源氏物語', author: '紫式部' },
    { q: 'war game', materialType: ['book', 'av'], available: true, yearFrom: 1900, yearTo: 2000, ndc: ['913'] },
    { isbn: '4003101014', sort: 'newest' },
  ])('the ids shape (SRU, OpenSearch) binds exactly the values it uses: %j', (params) => {
    const built = buildSearchQuery({ sort: 'relevance', page: 1, size: 20, ...params }, { shape: 'ids' });
    expect(built.searchable).toBe(true);
    expect(placeholdersMatch(built.sql, built.values)).toBe(true);
  });

  it('the ids shape matches, samples and orders as the full one, and computes no facet', () => {
    for (const params of [
      { q: '吾輩は猫である', materialType: ['book'], sort: 'relevance', page: 1, size: 20 },
      { q: '猫', sort: 'title', page: 2, size: 20 },
      { author: '夏目', sort: 'newest', page: 1, size: 10 },
    ] as SearchParams[]) {
      const full = buildSearchQuery(params);
      const bare = buildSearchQuery(params, { shape: 'ids' });
      // the same conditions, order, sample and page: the text differs only in the sample's facet columns and the answer
      const facetColumns = /,\s*r\.material_type, r\.ndc, r\.published_year, r\.availability, r\.holding_branches, r\.authors/g;
      // (parameters are numbered apart: the facetless statement binds no page number)
      // (newest order reads the publication year: the only column the sample keeps without facets)
      const orderColumn = /, r\.published_year(?=\n\s+FROM)/g;
      const matching = (sql: string, end: string) => {
        const text = sql.replace(facetColumns, '').replace(orderColumn, '');
        return text.slice(0, text.indexOf(end)).replace(/\$\d+/g, '$n');
      };
      expect(matching(bare.sql, '\n)\nSELECT json_build_object(')).toBe(matching(full.sql, '\n),\nf AS ('));
      expect(matching(bare.sql, '\n)\nSELECT json_build_object(')).toContain('page AS (');
      // what the order reads is in the sample
      if (params.sort === 'newest') expect(bare.sql).toContain('r.received_at, r.published_year\n');
      for (const facet of ["'facets'", "'branch'", "'author'", 'GROUPING SETS', 'r.material_type, r.ndc', 'holding_branches', "'page'"]) {
        expect(full.sql).toContain(facet);
        expect(bare.sql).not.toContain(facet);
      }
      // the same values, then what only the OPAC's answer binds: the page number and the 予約可
      // count's states (reservableCondition: only-on-loan and any-loanable, then any-loanable again)
      // (the bare statement's values come in the same order among the full one's)
      let rest = full.values.map((v) => JSON.stringify(v));
      for (const v of bare.values.map((x) => JSON.stringify(x))) {
        expect(rest).toContain(v);
        rest = rest.slice(rest.indexOf(v) + 1);
      }
      expect(full.values.length - bare.values.length).toBe(1 + 3);
    }
  });

  it('marks a query with nothing searchable, or an invalid ISBN, as unsearchable', () => {
    expect(q({ q: '！？' }).searchable).toBe(false);
    expect(q({ isbn: '978-4-00-310101-9' }).searchable).toBe(false);
  });
});

describe('termShare: how common a one-term query is, from the token statistics', () => {
  const freq = new Map([
    ['u09ke', 0.05],
    ['b0kdo0k4l', 0.3],
    ['wcat', 0.2],
  ]);
  const frequency = (t: string) => freq.get(t);
  const prefixShare = (p: string) => (p === 'b09ke' ? 0.4 : 0);

  it('adds the bigrams starting with a one-character query to its unigram', () => {
    expect(termShare('(b09ke:* | u09ke)', frequency, prefixShare)).toBeCloseTo(0.45);
  });
  it('reads one token’s share', () => {
    expect(termShare('b0kdo0k4l', frequency, prefixShare)).toBe(0.3);
    expect(termShare('wcat', frequency, prefixShare)).toBe(0.2);
  });
  it('says 0 for several terms, unknown tokens or no statistics', () => {
    expect(termShare('b0kdo0k4l & wcat', frequency, prefixShare)).toBe(0);
    expect(termShare('wdog', frequency, prefixShare)).toBe(0);
    expect(termShare('(b09ke:* | u09ke)')).toBe(0);
  });
  it('makes a statement that scans for a common term alone, and uses the index otherwise', () => {
    const stats = { frequency, prefixShare };
    expect(buildSearchQuery({ q: 'の', sort: 'relevance', page: 1, size: 20 }, stats).sql).toContain('IS TRUE');
    expect(buildSearchQuery({ q: 'の', available: true, sort: 'relevance', page: 1, size: 20 }, stats).sql).not.toContain('IS TRUE');
    expect(buildSearchQuery({ q: 'の', sort: 'relevance', page: 1, size: 20 }, { frequency }).sql).not.toContain('IS TRUE');
  });
});

describe('reservableStates (予約可 under the hold rule)', () => {
  it('is any loanable copy, on the shelf or out, unless the city reserves only copies that are out (Koga)', () => {
    expect(reservableStates('any-loanable')).toEqual(['available', 'on-loan']);
    expect(reservableStates('only-on-loan')).toEqual(['on-loan']);
  });
});
