import { tenantManager } from '@shiori/tenancy';

/**
 * After a bulk load into the current tenant's catalogue (an import, the demo catalogue):
 * fresh planner statistics for `records` (the search's plans and SearchStats read them) and
 * the GIN indexes' pending lists merged. New rows wait in a GIN index's pending list until
 * autovacuum merges them, and every search scans that list in full: a freshly imported
 * catalogue of 3,000 records searched in 3–7 ms instead of 1–2 ms until then. Both steps are
 * allowed inside a transaction and block neither reads nor writes.
 */
export async function refreshSearchIndex(): Promise<void> {
  const m = tenantManager();
  await m.query(`ANALYZE records`);
  await m.query(
    `SELECT gin_clean_pending_list(i.indexrelid)
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
      WHERE i.indrelid = 'records'::regclass AND a.amname = 'gin'`,
  );
}
