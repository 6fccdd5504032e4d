import { currentTenantSchema, tenantManager } from '@shiori/tenancy';
import type { SearchableRecord } from './document';
import { countTermLists, countTerms, recordTerms, SearchTerm, upsertTermsSql, upsertTermsValues } from './search-terms';

/*
 * Writes to search_terms (search-terms.ts), in the current tenant transaction: the terms of
 * records as they are written, and the whole catalogue's when the table is still empty.
 */

/** Adds the terms of records just written; `added`: they are new records (their terms are counted). */
export async function addSearchTerms(records: SearchableRecord[], added: boolean): Promise<void> {
  await addTermLists(records.map(recordTerms), added);
}

/** addSearchTerms with each record's terms listed already (recordTerms). */
export async function addTermLists(lists: SearchTerm[][], added: boolean): Promise<void> {
  const terms = added ? countTermLists(lists) : dedupe(lists.flat());
  if (!terms.length) return;
  await tenantManager().query(upsertTermsSql(currentTenantSchema(), added), upsertTermsValues(terms));
}

/**
 * Fills search_terms from the whole catalogue when it is empty (a city catalogued before
 * migration 0020, the demo): records read in pages of `batch`, terms counted in memory.
 * Returns how many terms were written.
 */
export async function fillSearchTermsIfEmpty(batch = 5000): Promise<number> {
  const m = tenantManager();
  if ((await m.query(`SELECT 1 FROM search_terms LIMIT 1`)).length) return 0;
  const all: SearchableRecord[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: (SearchableRecord & { id: string })[] = await m.query(
      `SELECT id, title, title_reading AS "titleReading", authors, series FROM records
        WHERE withdrawn_at IS NULL AND id > $1 ORDER BY id LIMIT ${batch}`,
      [after],
    );
    if (!rows.length) break;
    all.push(...rows.map(({ title, titleReading, authors, series }) => ({ title, titleReading, authors, series })));
    after = rows[rows.length - 1].id;
  }
  const terms = countTerms(all);
  for (let i = 0; i < terms.length; i += batch) {
    await m.query(upsertTermsSql(currentTenantSchema(), true), upsertTermsValues(terms.slice(i, i + batch)));
  }
  return terms.length;
}

/** One row per (kind, label, key): a statement may not touch the same row twice on conflict. */
function dedupe(terms: SearchTerm[]): SearchTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const id = `${t.kind}\u0000${t.label}\u0000${t.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
