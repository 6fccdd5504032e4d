/**
 * Citus, where the database is a Citus coordinator (PostgreSQL with the citus extension):
 * each tenant schema is a distributed schema that lives whole on one worker (schema-based
 * sharding), so every statement of a tenant is routed to that worker as it is. Plain
 * PostgreSQL is the default and needs none of this.
 */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Whether the database is a Citus coordinator (the citus extension is installed in it). */
export async function isCitus(q: Queryable): Promise<boolean> {
  const rows = (await q.query(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`)) as { citus: boolean }[];
  return rows[0]?.citus === true;
}

/**
 * Settings of a transaction that creates or migrates a tenant schema on Citus (SET LOCAL: they
 * end with it, and they do not depend on how the nodes were configured):
 * - `citus.enable_schema_based_sharding` off: a new schema is created as an ordinary schema of
 *   the coordinator, migrated there, and distributed once at the end (distributeTenantSchema):
 *   1.3 s for a new city instead of 4.7 s for distributing each of its tables as it is created;
 * - `citus.enable_unsafe_triggers`: Citus refuses triggers on distributed tables without it.
 *   The tenant triggers (copy availability, reading history) only touch tables of their own
 *   schema, which live on the same worker, so what makes them "unsafe" elsewhere does not apply.
 */
export async function prepareCitusTenantTransaction(q: Queryable): Promise<void> {
  await q.query(`SELECT set_config('citus.enable_schema_based_sharding', 'off', true), set_config('citus.enable_unsafe_triggers', 'on', true)`);
}

/** Whether the schema is a Citus distributed schema (it lives on one worker). */
export async function isDistributedSchema(q: Queryable, schemaName: string): Promise<boolean> {
  const rows = (await q.query(`SELECT EXISTS (SELECT 1 FROM pg_dist_schema WHERE schemaid = to_regnamespace($1)) AS distributed`, [
    schemaName,
  ])) as { distributed: boolean }[];
  return rows[0]?.distributed === true;
}

/**
 * Makes an ordinary tenant schema a distributed schema: its tables move to a worker that Citus
 * chooses (tenants move places it elsewhere). Runs in the caller's transaction.
 */
export async function distributeTenantSchema(q: Queryable, schemaName: string): Promise<void> {
  await q.query(`SELECT set_config('citus.enable_unsafe_triggers', 'on', true)`);
  await q.query(`SELECT citus_schema_distribute($1::regnamespace)`, [schemaName]);
}

/** Runs one statement on the pool or in a transaction and gives its rows. */
export type RowsOf = <T>(sql: string, values: unknown[]) => Promise<T[]>;

/**
 * Runs `command` where the rows of `table` are stored and gives the first column of its one
 * row as text. `%1$s` in the command stands for the table: for what only that node knows
 * (planner statistics, block layout, index maintenance). On plain PostgreSQL, and for a table
 * that Citus has not distributed, that is here. On Citus it is the worker holding the table's
 * shard (`%1$s` is the shard there), through run_command_on_placements, on a connection of its
 * own: it sees committed rows only. A failure there is thrown, not taken for "no statistics".
 */
export async function queryWhereStored(rows: RowsOf, citus: boolean, table: string, command: string): Promise<string | null> {
  if (citus) {
    const placements = await rows<{ success: boolean; result: string | null }>(
      `SELECT success, result FROM run_command_on_placements($1::regclass, $2)`,
      [table, command],
    );
    if (placements.length) {
      const [p] = placements;
      if (!p.success) throw new Error(`on the worker holding ${table}: ${p.result}`);
      return p.result;
    }
  }
  const [row] = await rows<Record<string, unknown>>(command.split('%1$s').join(table), []);
  const value = row ? Object.values(row)[0] : null;
  return value === null || value === undefined ? null : String(value);
}
