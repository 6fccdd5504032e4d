/**
 * A saved search (保存した検索条件) and the SQL condition that finds new records matching it.
 * The fields are those of the catalogue search (GET /search): its words and all its filters
 * (facet values chosen and left out, 予約可, exact author names, the year range), so the OPAC
 * saves the very search a patron is looking at. Matching uses the catalogue's own text
 * folding and tokens (catalog/search: bigram tsquery on `records.search`, exact re-check on
 * `search_text`) and the catalogue's own filter conditions (filterConditions), so an alert
 * finds what the search finds. Pure: no framework, no I/O.
 */
import type { AlertQuery as ContractAlertQuery } from '@shiori/contracts';
import { FieldWeight, filterConditions, normalizeIsbn, recheckCondition, SearchFilters, textCriterion } from '../catalog';

/** A saved query as taken and stored (the contract's AlertQuery): alerts saved before the filters came keep `ndc` as one string. */
export type StoredAlertQuery = ContractAlertQuery;

/** A saved query normalised (normalizeAlertQuery): every list an array. */
export type AlertQuery = Omit<StoredAlertQuery, 'ndc'> & { ndc?: string[] };

/** Every filter of the search is a condition an alert saves: tsc fails here when the search gains one the contract lacks. */
const SEARCH_FILTERS_ARE_ALERT_CONDITIONS: readonly (keyof AlertQuery)[] = [] as (keyof SearchFilters)[];
void SEARCH_FILTERS_ARE_ALERT_CONDITIONS;

const TEXT_FIELDS = ['q', 'title', 'author', 'publisher', 'isbn'] as const;
const LIST_FIELDS = ['materialType', 'branch', 'ndc', 'availability', 'authorName', 'notMaterialType', 'notBranch', 'notAvailability', 'notNdc', 'notAuthorName'] as const;
const BOOLEAN_FIELDS = ['available', 'reservable'] as const;
const YEAR_FIELDS = ['yearFrom', 'yearTo'] as const;

/** Trimmed, empty fields and repeated values dropped, keys in a stable order. */
export function normalizeAlertQuery(q: StoredAlertQuery): AlertQuery {
  const out: AlertQuery = {};
  for (const k of TEXT_FIELDS) {
    const v = q[k]?.trim();
    if (v) out[k] = v;
  }
  for (const k of LIST_FIELDS) {
    const given = q[k];
    const values = [...new Set((typeof given === 'string' ? given.split(',') : (given ?? [])).map((v) => v.trim()).filter(Boolean))];
    if (values.length) out[k] = values;
  }
  for (const k of BOOLEAN_FIELDS) if (typeof q[k] === 'boolean') out[k] = q[k];
  for (const k of YEAR_FIELDS) if (Number.isInteger(q[k])) out[k] = q[k];
  return out;
}

export interface AlertCondition {
  /** SQL conditions on `records r`, to AND together. */
  where: string[];
  values: unknown[];
}

/**
 * The conditions for a saved search, numbering parameters after `offset` existing ones;
 * null when it cannot match anything (nothing given, or only unsearchable text).
 */
export function alertCondition(query: StoredAlertQuery, offset = 0): AlertCondition | null {
  const q = normalizeAlertQuery(query);
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${offset + values.length}`;
  };
  const where: string[] = [];
  let searchable = true;
  const addText = (input: string | undefined, weight?: FieldWeight) => {
    if (!input) return;
    const c = textCriterion(input, weight);
    if (!c) {
      searchable = false;
      return;
    }
    where.push(`r.search @@ ${param(c.tsquery)}::tsquery`);
    const recheck = recheckCondition(c, weight, param);
    if (recheck) where.push(recheck);
  };
  const qIsbn = q.q ? normalizeIsbn(q.q) : null;
  if (qIsbn) where.push(`r.isbn = ${param(qIsbn)}`);
  else addText(q.q);
  addText(q.title, 'A');
  addText(q.author, 'B');
  addText(q.publisher, 'C');
  if (q.isbn) {
    const isbn = normalizeIsbn(q.isbn);
    if (isbn) where.push(`r.isbn = ${param(isbn)}`);
    else searchable = false;
  }
  where.push(...filterConditions(q, param).where);
  if (!searchable || !where.length) return null;
  return { where, values };
}
