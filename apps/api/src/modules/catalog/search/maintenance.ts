import { isCitus, queryWhereStored, tenantManager, currentTenantSchema } from '@shiori/tenancy';

/**
 * After a bulk load into the current tenant's catalogue (an import, the demo catalogue):
 * fresh planner statistics for `records` (the search's plans and SearchStats read them) and
 * the GIN indexes' pending lists merged. New rows wait in a GIN index's pending list until
 * autovacuum merges them, and every search scans that list in full: a freshly imported
 * catalogue of 3,000 records searched in 3–7 ms instead of 1–2 ms until then. Both steps are
 * allowed inside a transaction and block neither reads nor writes.
 *
 * On Citus, ANALYZE of the table is carried out on its shard by Citus itself; the indexes to
 * clean are the shard's, on its worker (queryWhereStored).
 */
export async function refreshSearchIndex(): Promise<void> {
  const m = tenantManager();
  await m.query(`ANALYZE records`);
  await flushSearchPending();
}

/**
 * Moves what is waiting in the pending lists of the records' GIN indexes into the indexes
 * proper. An import calls it every few batches: otherwise its records pile up there until the
 * list is full, and whichever statement then touches the index (a check-out at the desk that
 * updates a record's availability) pays for merging thousands of records (seconds).
 */
export async function flushSearchPending(): Promise<void> {
  const m = tenantManager();
  await queryWhereStored(
    (sql, values) => m.query(sql, values),
    await isCitus(m),
    `${currentTenantSchema()}.records`,
    `SELECT count(gin_clean_pending_list(i.indexrelid))::text
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
      WHERE i.indrelid = '%1$s'::regclass AND a.amname = 'gin'`,
  );
}
