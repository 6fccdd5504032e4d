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
  await refreshPlannerStatistics();
  await flushSearchPending();
}

/**
 * Fresh planner statistics for the tables a bulk load fills (`records`, `items`): every column's
 * (`all`, what searches plan with), or only their sizes, with the key columns' statistics
 * (cheap: the search's wide columns are what ANALYZE spends its time on). Either is what keeps
 * the desk fast while a catalogue grows: a statement planned while the city's catalogue was
 * nearly empty (a check-out's availability update of `records`, a look-up a pooled connection
 * keeps prepared) reads the whole growing table at every execution for as long as its plan is
 * kept, and the plan is kept until the table's statistics change. ANALYZE reads a sample of at
 * most 30,000 rows per table, whatever its size.
 */
export async function refreshPlannerStatistics(all = true): Promise<void> {
  await tenantManager().query(all ? `ANALYZE records, items` : `ANALYZE records (id), items (id)`);
}

/**
 * How many records the planner believes the current tenant's catalogue holds, from its last
 * statistics (0 when the table was never analysed; on Citus the coordinator's table keeps no
 * count, so 0 there too, which only makes an import refresh the statistics sooner).
 */
export async function plannedRecordCount(): Promise<number> {
  const rows: { n: number | null }[] = await tenantManager().query(
    `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = '${currentTenantSchema()}.records'::regclass`,
  );
  return Number(rows[0]?.n ?? 0);
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
