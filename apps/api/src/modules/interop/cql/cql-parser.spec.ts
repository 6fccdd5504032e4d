import { CqlError, CqlNode, parseCql } from './cql-parser';
import { cqlToCatalogQuery } from './cql-to-query';

/** A compact picture of a tree: (a and b), index relation "term". */
function show(n: CqlNode): string {
  if (n.type === 'boolean') return `(${show(n.left)} ${n.op}${n.modifiers.map((m) => `/${m.name}`).join('')} ${show(n.right)})`;
  const mods = n.relationModifiers.map((m) => `/${m.name}${m.comparison ? `${m.comparison}${m.value}` : ''}`).join('');
  return `${n.index ?? '*'} ${n.relation}${mods} "${n.term}"`;
}

function diagnosticOf(q: string): number {
  try {
    cqlToCatalogQuery(parseCql(q));
  } catch (e) {
    if (e instanceof CqlError) return e.diagnostic;
    throw e;
  }
  throw new Error(`no diagnostic for ${q}`);
}

describe('CQL parser', () => {
  it('parses search clauses: index, relation (symbol or name), term, and bare terms', () => {
    expect(show(parseCql('dc.title=吾輩は猫である').root)).toBe('dc.title = "吾輩は猫である"');
    expect(show(parseCql('dc.title = "吾輩は 猫"').root)).toBe('dc.title = "吾輩は 猫"');
    expect(show(parseCql('dc.date >= 1990').root)).toBe('dc.date >= "1990"');
    expect(show(parseCql('dc.date<1990').root)).toBe('dc.date < "1990"');
    expect(show(parseCql('dc.date > 1990').root)).toBe('dc.date > "1990"');
    expect(show(parseCql('dc.title == 羅生門').root)).toBe('dc.title == "羅生門"');
    expect(show(parseCql('dc.date within "1990 2000"').root)).toBe('dc.date within "1990 2000"');
    expect(show(parseCql('dc.title ANY "a b"').root)).toBe('dc.title any "a b"');
    expect(show(parseCql('猫').root)).toBe('* = "猫"');
    expect(show(parseCql('"吾輩は 猫"').root)).toBe('* = "吾輩は 猫"');
  });

  it('groups booleans to the left with equal precedence, case-insensitively, with parentheses', () => {
    expect(show(parseCql('a or b and c').root)).toBe('((* = "a" or * = "b") and * = "c")');
    expect(show(parseCql('a or (b AND c)').root)).toBe('(* = "a" or (* = "b" and * = "c"))');
    expect(show(parseCql('a NOT b Or c').root)).toBe('((* = "a" not * = "b") or * = "c")');
    expect(show(parseCql('((a))').root)).toBe('* = "a"');
    expect(show(parseCql('a prox/unit=word b').root)).toBe('(* = "a" prox/unit * = "b")');
  });

  it('reads quoted strings with escapes, keeping masking escapes for the term', () => {
    expect(parseCql('dc.title="say \\"hi\\""').root).toMatchObject({ term: 'say "hi"', quoted: true });
    expect(parseCql('dc.title="a\\\\b"').root).toMatchObject({ term: 'a\\b' });
    expect(parseCql('dc.title="a\\*"').root).toMatchObject({ term: 'a\\*' });
    expect(parseCql('dc.title=""').root).toMatchObject({ term: '', quoted: true });
    // keywords are terms when quoted or in term position
    expect(show(parseCql('"and"').root)).toBe('* = "and"');
    expect(show(parseCql('dc.title=and').root)).toBe('dc.title = "and"');
  });

  it('reads relation modifiers, prefix assignments and sortBy', () => {
    expect(show(parseCql('dc.title =/relevant/locale=ja 猫').root)).toBe('dc.title =/relevant/locale=ja "猫"');
    const q = parseCql('>dc="info:srw/cql-context-set/1/dc-v1.1" >x="urn:x" dc.title=猫 sortBy dc.title/sort.ascending dc.date');
    expect(q.prefixes).toEqual({ dc: 'info:srw/cql-context-set/1/dc-v1.1', x: 'urn:x' });
    expect(q.sortBy).toEqual([{ index: 'dc.title', modifiers: [{ name: 'sort.ascending' }] }, { index: 'dc.date', modifiers: [] }]);
  });

  it('refuses what is not CQL with the diagnostic that says why', () => {
    const cases: [string, number][] = [
      ['', 10],
      ['   ', 10],
      ['dc.title=', 10],
      ['a and', 10],
      ['a b', 10],
      ['dc.title = = a', 10],
      ['"dc.title" = a', 10],
      ['(a', 13],
      ['a)', 13],
      [')', 13],
      ['"abc', 14],
      ['dc.title="abc\\"', 14],
      ['x'.repeat(2001), 12],
      [Array.from({ length: 34 }, () => 'a').join(' and '), 38],
      ['('.repeat(40) + 'a' + ')'.repeat(40), 13],
      ['(a sortBy dc.title)', 10],
    ];
    for (const [q, code] of cases) expect({ q: q.slice(0, 40), code: diagnosticOf(q) }).toEqual({ q: q.slice(0, 40), code });
  });
});

describe('CQL → catalogue query', () => {
  const tree = (q: string) => cqlToCatalogQuery(parseCql(q));

  it('maps indexes of the dc, bath, cql and rec sets, and the same names without a prefix', () => {
    expect(tree('dc.title=猫').query).toEqual({ kind: 'text', field: 'title', mode: 'words', value: '猫' });
    expect(tree('title=猫').query).toEqual(tree('dc.title=猫').query);
    expect(tree('bath.author=夏目').query).toEqual({ kind: 'text', field: 'creator', mode: 'words', value: '夏目' });
    expect(tree('cql.serverChoice=猫').query).toEqual({ kind: 'text', field: 'any', mode: 'words', value: '猫' });
    expect(tree('猫').query).toEqual(tree('cql.anywhere=猫').query);
    expect(tree('bath.isbn=4-00-310101-4').query).toEqual({ kind: 'isbn', values: ['9784003101018'] });
    expect(tree('dc.subject=913').query).toEqual({ kind: 'ndc', prefix: '913' });
    expect(tree('dc.type=magazine').query).toEqual({ kind: 'materialType', values: ['magazine'] });
    expect(tree('rec.id=not-a-uuid').query).toEqual({ kind: 'id', values: [] });
    expect(tree('cql.allRecords=1').query).toEqual({ kind: 'all' });
  });

  it('maps relations: = words (a quoted phrase: phrase), all, any (or of words), adj, ==, and years', () => {
    expect(tree('dc.title="a b"').query).toMatchObject({ mode: 'phrase' });
    expect(tree('dc.title=a').query).toMatchObject({ mode: 'words' });
    expect(tree('dc.title all "a b"').query).toMatchObject({ mode: 'words', value: 'a b' });
    expect(tree('dc.title any "a b"').query).toEqual({
      kind: 'or',
      left: { kind: 'text', field: 'title', mode: 'words', value: 'a' },
      right: { kind: 'text', field: 'title', mode: 'words', value: 'b' },
    });
    expect(tree('dc.title adj "a b"').query).toMatchObject({ mode: 'phrase' });
    expect(tree('dc.title==a').query).toMatchObject({ mode: 'exact' });
    expect(tree('dc.date<1990').query).toEqual({ kind: 'year', to: 1989 });
    expect(tree('dc.date<=1990').query).toEqual({ kind: 'year', to: 1990 });
    expect(tree('dc.date>1990').query).toEqual({ kind: 'year', from: 1991 });
    expect(tree('dc.date>=1990').query).toEqual({ kind: 'year', from: 1990 });
    expect(tree('dc.date=1990').query).toEqual({ kind: 'year', from: 1990, to: 1990 });
    expect(tree('dc.date within "2000 1990"').query).toEqual({ kind: 'year', from: 1990, to: 2000 });
  });

  it('maps booleans (not is and-not) and sorts', () => {
    expect(tree('a not b').query).toMatchObject({ kind: 'andNot' });
    expect(tree('a sortBy dc.title').sort).toBe('title');
    expect(tree('a sortBy dc.date/sort.descending').sort).toBe('newest');
    expect(tree('a').sort).toBe('relevance');
  });

  it('answers unsupported sets, indexes, relations, modifiers and terms with their diagnostics', () => {
    const cases: [string, number][] = [
      ['foo.title=a', 15],
      ['>x="urn:unknown" x.title=a', 15],
      ['dc.coverage=a', 16],
      ['dc.title encloses a', 19],
      ['dc.title <> a', 19],
      ['dc.title =/stem a', 20],
      ['dc.title < a', 22],
      ['dc.date any 1990', 22],
      ['cql.allRecords any 1', 22],
      ['dc.title=""', 27],
      ['dc.title=*a', 28],
      ['dc.title=a?', 28],
      ['dc.title=^a', 31],
      ['dc.date=平成', 36],
      ['dc.date within 1990', 36],
      ['dc.subject=文学', 36],
      ['a prox b', 39],
      ['a and/x b', 46],
      ['a sortBy dc.publisher', 80],
      ['a sortBy dc.title dc.date', 80],
    ];
    for (const [q, code] of cases) expect({ q, code: diagnosticOf(q) }).toEqual({ q, code });
  });
});
