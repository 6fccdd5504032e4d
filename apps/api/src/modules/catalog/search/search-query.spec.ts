import { buildSearchQuery, SearchParams } from './search-query';

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
    { q: 'war game', materialType: ['book', 'av'], branch: ['sawara'], available: true, yearFrom: 1900, yearTo: 2000, ndc: '913' },
    { materialType: ['magazine'] },
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

  it('marks a query with nothing searchable, or an invalid ISBN, as unsearchable', () => {
    expect(q({ q: '！？' }).searchable).toBe(false);
    expect(q({ isbn: '978-4-00-310101-9' }).searchable).toBe(false);
  });
});
