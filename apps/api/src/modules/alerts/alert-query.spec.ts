import { alertCondition, normalizeAlertQuery } from './alert-query';

describe('saved searches (alert queries)', () => {
  it('normalises lists, flags and years, and reads alerts saved before lists (ndc as one string)', () => {
    expect(normalizeAlertQuery({ q: ' 草枕 ', ndc: '913, 914,', notNdc: [' 291 ', '291'], reservable: false, yearFrom: 1990, yearTo: 19.5 as never, authorName: [] })).toEqual({
      q: '草枕',
      ndc: ['913', '914'],
      notNdc: ['291'],
      reservable: false,
      yearFrom: 1990,
    });
  });

  it('applies the search filters with parameters numbered after the caller’s', () => {
    const c = alertCondition({ q: '草枕', notMaterialType: ['magazine'], reservable: true, yearFrom: 1960, authorName: ['夏目 漱石'] }, 3)!;
    const sql = c.where.join(' AND ');
    expect(sql).toContain('NOT (r.material_type = ANY(');
    expect(sql).toContain("policy->'holds'->>'ownedOnly'");
    expect(sql).toContain('r.published_year >= ');
    expect(sql).toContain("a->>'name' = ANY(");
    // every placeholder after $3, each with its value
    const used = [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...used)).toBe(4);
    expect(Math.max(...used)).toBe(3 + c.values.length);
    expect(c.values).toContain(1960);
    expect(c.values).toContainEqual(['magazine']);
  });

  it('an alert of filters alone matches; one of nothing, or of unsearchable words, does not', () => {
    expect(alertCondition({ notNdc: ['91'] })).not.toBeNull();
    expect(alertCondition({})).toBeNull();
    expect(alertCondition({ q: '、。！', reservable: true })).toBeNull();
  });
});
