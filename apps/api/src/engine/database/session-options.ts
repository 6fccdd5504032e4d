/**
 * Settings of every connection of the API's pool (and of the search benchmark's bare-SQL pool,
 * so both run the same way):
 *
 * - `plan_cache_mode=force_generic_plan` (plain PostgreSQL only): named prepared statements
 *   (the catalogue search, tenantStatement) are planned once per connection. PostgreSQL's
 *   default would keep re-planning the search for every run (2–4 ms each) whenever a custom
 *   plan looks cheaper. Unnamed statements (all of TypeORM's) are planned per run either way;
 *   PL/pgSQL triggers are key lookups.
 *   Never on Citus: a generic plan of a statement on a distributed table leaves the shard to
 *   be found at run time, which Citus cannot do for many of ours ("could not create
 *   distributed plan" in seeding, check-out, holds, search) and, for the failed-login UPDATE
 *   through its deferred fast-path planning, crashed the coordinator (every connection
 *   restarted). Citus caches the plans of its router queries itself.
 * - `synchronize_seqscans=off`: a search for a very common word reads the table in order
 *   from its first block until it has its sample (search-query.ts) and estimates the total
 *   from how far it got. With synchronised scans a scan of a large table starts where the
 *   last one stopped, so that sample would be any slice of the table. (On Citus the scan runs
 *   on a worker, whose connections come from the coordinator: set it on the workers too,
 *   docs/scaling.md.)
 */
export function dbSessionOptions({ citus }: { citus: boolean }): string {
  return citus ? '-c synchronize_seqscans=off' : '-c plan_cache_mode=force_generic_plan -c synchronize_seqscans=off';
}
