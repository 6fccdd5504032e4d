/**
 * A saved search (保存した検索条件) and the SQL condition that finds new records matching it.
 * The fields are those of the catalogue search (GET /search), so the OPAC can save the search
 * a patron is looking at; matching uses the catalogue's own text folding and tokens
 * (catalog/search: bigram tsquery on `records.search`, exact re-check on `search_text`), so an
 * alert finds what the search finds. Pure: no framework, no I/O.
 */
import { FieldWeight, likePattern, normalizeIsbn, recheckCondition, textCriterion } from '../catalog';

export interface AlertQuery {
  q?: string;
  title?: string;
  author?: string;
  publisher?: string;
  isbn?: string;
  materialType?: string[];
  ndc?: string;
}

const TEXT_FIELDS = ['q', 'title', 'author', 'publisher', 'isbn', 'ndc'] as const;

/** Trimmed, empty fields dropped, keys in a stable order. */
export function normalizeAlertQuery(q: AlertQuery): AlertQuery {
  const out: AlertQuery = {};
  for (const k of TEXT_FIELDS) {
    const v = q[k]?.trim();
    if (v) out[k] = v;
  }
  const types = [...new Set((q.materialType ?? []).map((t) => t.trim()).filter(Boolean))];
  if (types.length) out.materialType = types;
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
export function alertCondition(query: AlertQuery, offset = 0): AlertCondition | null {
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
  if (q.materialType?.length) where.push(`r.material_type = ANY(${param(q.materialType)}::text[])`);
  if (q.ndc) where.push(`r.ndc LIKE ${param(likePattern(q.ndc).slice(1))}`);
  if (!searchable || !where.length) return null;
  return { where, values };
}
