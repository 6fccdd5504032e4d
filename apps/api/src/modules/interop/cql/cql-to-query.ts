/**
 * CQL (parsed by cql-parser.ts) → the catalogue's boolean query (catalog/search/catalog-query.ts).
 *
 * The result names no city: a city's SRU runs it in that city; a region's SRU will run the
 * same tree in every member city. Everything the catalogue cannot answer is refused here
 * with the SRU diagnostic that says why, never passed on to fail later.
 *
 *   index                                         relations                          meaning
 *   cql.anywhere cql.serverChoice (bare terms)    = all any adj == exact             every field (title, reading, authors, publisher, series)
 *   dc.title bath.title                           = all any adj == exact             title, subtitle and title reading (ヨミ)
 *   dc.creator bath.author bath.name              = all any adj == exact             authors and their readings
 *   dc.publisher                                  = all any adj == exact             publisher
 *   dc.date                                       = == < > <= >= within              year of publication ("1990", "1990-04-01"; within "1990 2000")
 *   bath.isbn                                     = == any                           ISBN-10 or ISBN-13, hyphens or not
 *   dc.subject                                    = == any                           NDC class or its beginning (9, 91, 913.6)
 *   dc.type                                       = == any                           material type code (book, magazine, av…)
 *   rec.id rec.identifier                         = == any                           record id
 *   cql.allRecords                                = (any term)                       every record
 *
 * Without a prefix the same names work (title, creator, author, publisher, date, year, isbn,
 * subject, ndc, type, id, anywhere), as NDL Search's SRU accepts them. `=` on words is the
 * OPAC's search (every word, readings and kana folded alike); a quoted term with a space under
 * `=` is a phrase (CQL: `=` is `adj` for a quoted phrase); `adj` a phrase; `==` the whole field.
 * A final `*` is accepted (matching is by substring already); other masking and anchoring are not.
 */
import { CatalogQuery, CatalogSort, normalizeIsbn, TextField } from '../../catalog';
import { CqlError, CqlModifier, CqlNode, CqlQuery, CqlSearchClause } from './cql-parser';

export const CONTEXT_SETS: Record<string, string> = {
  cql: 'info:srw/cql-context-set/1/cql-v1.2',
  dc: 'info:srw/cql-context-set/1/dc-v1.1',
  bath: 'http://zing.z3950.org/cql/bath/2.0/',
  rec: 'info:srw/cql-context-set/2/rec-1.1',
};

type IndexKind = 'any' | 'title' | 'creator' | 'publisher' | 'year' | 'isbn' | 'ndc' | 'type' | 'id' | 'all';

/** Indexes by context set ('' = no prefix). */
const INDEXES: Record<string, Record<string, IndexKind>> = {
  cql: { anywhere: 'any', serverchoice: 'any', keywords: 'any', allrecords: 'all' },
  dc: { title: 'title', creator: 'creator', publisher: 'publisher', date: 'year', subject: 'ndc', type: 'type' },
  bath: { title: 'title', author: 'creator', name: 'creator', isbn: 'isbn' },
  rec: { id: 'id', identifier: 'id' },
  '': {
    anywhere: 'any', title: 'title', creator: 'creator', author: 'creator', publisher: 'publisher', date: 'year', year: 'year',
    isbn: 'isbn', subject: 'ndc', ndc: 'ndc', type: 'type', id: 'id',
  },
};

/** The indexes explain lists, as `set.name` with what they search. */
export const EXPLAINED_INDEXES: { set: string; name: string; title: { ja: string; en: string }; relations: string[] }[] = [
  { set: 'cql', name: 'anywhere', title: { ja: 'すべての項目', en: 'any field' }, relations: ['=', 'all', 'any', 'adj', '=='] },
  { set: 'cql', name: 'serverChoice', title: { ja: 'すべての項目', en: 'any field' }, relations: ['=', 'all', 'any', 'adj', '=='] },
  { set: 'cql', name: 'allRecords', title: { ja: 'すべての資料', en: 'all records' }, relations: ['='] },
  { set: 'dc', name: 'title', title: { ja: 'タイトル（ヨミを含む）', en: 'title (with its reading)' }, relations: ['=', 'all', 'any', 'adj', '=='] },
  { set: 'dc', name: 'creator', title: { ja: '著者（ヨミを含む）', en: 'author (with the reading)' }, relations: ['=', 'all', 'any', 'adj', '=='] },
  { set: 'dc', name: 'publisher', title: { ja: '出版者', en: 'publisher' }, relations: ['=', 'all', 'any', 'adj', '=='] },
  { set: 'dc', name: 'date', title: { ja: '出版年', en: 'year of publication' }, relations: ['=', '==', '<', '>', '<=', '>=', 'within'] },
  { set: 'dc', name: 'subject', title: { ja: '分類（NDC）', en: 'NDC class' }, relations: ['=', '==', 'any'] },
  { set: 'dc', name: 'type', title: { ja: '資料種別', en: 'material type' }, relations: ['=', '==', 'any'] },
  { set: 'bath', name: 'isbn', title: { ja: 'ISBN', en: 'ISBN' }, relations: ['=', '==', 'any'] },
  { set: 'rec', name: 'id', title: { ja: '書誌ID', en: 'record id' }, relations: ['=', '==', 'any'] },
];

/** Relations some index supports; one of them on an index that does not is diagnostic 22, any other relation 19. */
const SUPPORTED_RELATIONS = ['=', '==', '<', '>', '<=', '>=', 'adj', 'all', 'any', 'within', 'exact'];

const TEXT_KINDS: Partial<Record<IndexKind, TextField>> = { any: 'any', title: 'title', creator: 'creator', publisher: 'publisher' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NDC = /^\d{1,3}(\.\d{1,6})?$/;

export interface TranslatedQuery {
  query: CatalogQuery;
  sort: CatalogSort;
}

function resolveIndex(index: string | undefined, prefixes: Record<string, string>): { kind: IndexKind; name: string } {
  if (index === undefined) return { kind: 'any', name: 'cql.serverChoice' };
  const dot = index.lastIndexOf('.');
  const prefix = dot < 0 ? '' : index.slice(0, dot).toLowerCase();
  const name = index.slice(dot + 1).toLowerCase();
  let set = prefix;
  // a prefix assigned in the query (>x="info:srw/cql-context-set/1/dc-v1.1") names a set by its URI
  const assigned = prefixes[prefix];
  if (assigned !== undefined) {
    const known = Object.entries(CONTEXT_SETS).find(([, uri]) => uri === assigned)?.[0];
    if (!known) throw new CqlError(15, assigned, `unsupported context set: ${assigned}`);
    set = known;
  }
  const indexes = INDEXES[set];
  if (!indexes) throw new CqlError(15, prefix, `unsupported context set: ${prefix}`);
  const kind = indexes[name];
  if (!kind) throw new CqlError(16, index, `unsupported index: ${index}`);
  return { kind, name: index };
}

/** The term without CQL's escapes, after checking its masking (* ? ^). */
function plainTerm(c: CqlSearchClause, index: string): string {
  let out = '';
  const t = c.term;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '\\' && i + 1 < t.length) {
      out += t[i + 1];
      i++;
      continue;
    }
    if (ch === '*') {
      // right truncation is what substring matching does anyway
      if (i === t.length - 1 && out.trim()) continue;
      throw new CqlError(28, t, `masking character "*" is supported only at the end of a term (${index})`);
    }
    if (ch === '?') throw new CqlError(28, t, `masking character "?" is not supported (${index})`);
    if (ch === '^') throw new CqlError(31, t, `anchoring character "^" is not supported (${index})`);
    out += ch;
  }
  return out;
}

function checkModifiers(mods: CqlModifier[], where: string): void {
  for (const m of mods) {
    // relevance ranking is what `=` does already
    if (m.name === 'relevant' || m.name === 'cql.relevant') continue;
    throw new CqlError(20, m.name, `unsupported relation modifier: ${m.name} (${where})`);
  }
}

function unsupportedCombination(index: string, relation: string): CqlError {
  if (!SUPPORTED_RELATIONS.includes(relation)) return new CqlError(19, relation, `unsupported relation: ${relation}`);
  return new CqlError(22, `${index} ${relation}`, `the relation ${relation} is not supported with the index ${index}`);
}

function orOf(parts: CatalogQuery[]): CatalogQuery {
  return parts.reduce((a, b) => ({ kind: 'or', left: a, right: b }));
}

function andOf(parts: CatalogQuery[]): CatalogQuery {
  return parts.reduce((a, b) => ({ kind: 'and', left: a, right: b }));
}

function yearOf(term: string, index: string): number {
  const m = /^(\d{4})(-\d{2}(-\d{2})?)?$/.exec(term.trim());
  if (!m) throw new CqlError(36, term, `${index} needs a year such as 1990 (or a date such as 1990-04-01), not "${term}"`);
  return Number(m[1]);
}

function clause(c: CqlSearchClause, prefixes: Record<string, string>): CatalogQuery {
  const { kind, name } = resolveIndex(c.index, prefixes);
  const rel = c.relation;
  checkModifiers(c.relationModifiers, name);
  if (kind === 'all') {
    if (rel !== '=') throw unsupportedCombination(name, rel);
    return { kind: 'all' };
  }
  const term = plainTerm(c, name);
  const words = term.split(/\s+/).filter(Boolean);
  if (!words.length) throw new CqlError(27, name, `empty term (${name})`);

  const textField = TEXT_KINDS[kind];
  if (textField) {
    switch (rel) {
      case '=':
        return { kind: 'text', field: textField, mode: c.quoted && words.length > 1 ? 'phrase' : 'words', value: term };
      case 'all':
        return { kind: 'text', field: textField, mode: 'words', value: term };
      case 'any':
        return orOf(words.map((w) => ({ kind: 'text', field: textField, mode: 'words', value: w })));
      case 'adj':
        return { kind: 'text', field: textField, mode: 'phrase', value: term };
      case '==':
      case 'exact':
        return { kind: 'text', field: textField, mode: 'exact', value: term };
      default:
        throw unsupportedCombination(name, rel);
    }
  }
  switch (kind) {
    case 'year': {
      if (rel === 'within') {
        if (words.length !== 2) throw new CqlError(36, term, `${name} within needs two years: "1990 2000"`);
        const [a, b] = words.map((w) => yearOf(w, name));
        return { kind: 'year', from: Math.min(a, b), to: Math.max(a, b) };
      }
      if (words.length !== 1) throw new CqlError(36, term, `${name} needs one year, not "${term}"`);
      const y = yearOf(words[0], name);
      switch (rel) {
        case '=':
        case '==':
          return { kind: 'year', from: y, to: y };
        case '<':
          return { kind: 'year', to: y - 1 };
        case '<=':
          return { kind: 'year', to: y };
        case '>':
          return { kind: 'year', from: y + 1 };
        case '>=':
          return { kind: 'year', from: y };
        default:
          throw unsupportedCombination(name, rel);
      }
    }
    case 'isbn':
    case 'ndc':
    case 'type':
    case 'id': {
      if (!['=', '==', 'any', 'exact'].includes(rel)) throw unsupportedCombination(name, rel);
      const values = rel === 'any' ? words : [term.trim()];
      if (kind === 'isbn') {
        // an invalid ISBN matches nothing (a union catalogue sends what it has)
        return { kind: 'isbn', values: [...new Set(values.map((v) => normalizeIsbn(v)).filter((v): v is string => !!v))] };
      }
      if (kind === 'ndc') {
        const bad = values.find((v) => !NDC.test(v));
        if (bad !== undefined) throw new CqlError(36, bad, `${name} needs an NDC class number such as 913.6, not "${bad}"`);
        return orOf(values.map((prefix) => ({ kind: 'ndc', prefix })));
      }
      if (kind === 'type') return { kind: 'materialType', values };
      return { kind: 'id', values: values.filter((v) => UUID.test(v)).map((v) => v.toLowerCase()) };
    }
    default:
      throw unsupportedCombination(name, rel);
  }
}

function node(n: CqlNode, prefixes: Record<string, string>): CatalogQuery {
  if (n.type === 'clause') return clause(n, prefixes);
  if (n.op === 'prox') throw new CqlError(39, 'prox', 'proximity (prox) is not supported');
  if (n.modifiers.length) throw new CqlError(46, n.modifiers[0].name, `unsupported boolean modifier: ${n.modifiers[0].name}`);
  const left = node(n.left, prefixes);
  const right = node(n.right, prefixes);
  return n.op === 'and' ? andOf([left, right]) : n.op === 'or' ? orOf([left, right]) : { kind: 'andNot', left, right };
}

function sortOf(q: CqlQuery): CatalogSort {
  if (!q.sortBy.length) return 'relevance';
  if (q.sortBy.length > 1) throw new CqlError(80, q.sortBy.map((k) => k.index).join(' '), 'sorting by more than one key is not supported');
  const [key] = q.sortBy;
  const { kind, name } = resolveIndex(key.index, q.prefixes);
  const descending = key.modifiers.some((m) => m.name === 'sort.descending');
  const other = key.modifiers.find((m) => m.name !== 'sort.descending' && m.name !== 'sort.ascending');
  if (other) throw new CqlError(80, other.name, `unsupported sort modifier: ${other.name}`);
  // 五十音順 by the title's reading; newest first by the date received
  if (kind === 'title' && !descending) return 'title';
  if (kind === 'year' && descending) return 'newest';
  throw new CqlError(80, name, `sorting is supported by dc.title (ascending) and dc.date/sort.descending only, not ${name}${descending ? '/sort.descending' : ''}`);
}

/** The catalogue query for a parsed CQL query; throws CqlError with the diagnostic when unsupported. */
export function cqlToCatalogQuery(q: CqlQuery): TranslatedQuery {
  return { query: node(q.root, q.prefixes), sort: sortOf(q) };
}
