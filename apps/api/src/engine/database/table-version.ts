import { currentTenantSchema, tenantStatement } from '@shiori/tenancy';

/** PostgreSQL's undefined_table: a schema whose migrations stopped before its version table. */
const UNDEFINED_TABLE = '42P01';

/**
 * One-row version tables of a city, each moved by a statement-level trigger in every
 * transaction that writes what it stands for: `info_version` (0029, what /info is made of),
 * `terms_version` (0030, search_terms). A copy of an answer made at version V serves while the
 * city's table still reads V: a reader that sees a change sees the new number.
 */
export type VersionTable = 'info_version' | 'terms_version';

/**
 * The city's `table` version as text, in one statement without a transaction (or in the
 * current one); null when the city's schema lacks the table (its migrations stopped before
 * it). One row of a one-row table: PostgreSQL parses and plans it in microseconds, so it runs
 * unprepared and leaves the connection's prepared slots (MAX_PREPARED_PER_CONNECTION) to
 * statements worth keeping, whatever the number of cities.
 */
export async function tableVersion(table: VersionTable): Promise<string | null> {
  try {
    const [row] = await tenantStatement<{ version: string }>(versionStatement(currentTenantSchema(), table), [], { prepare: false });
    return row.version;
  } catch (e) {
    if ((e as { code?: unknown }).code === UNDEFINED_TABLE) return null;
    throw e;
  }
}

function versionStatement(schema: string, table: VersionTable): string {
  const id = `${table}\u0000${schema}`;
  let sql = versionStatements.get(id);
  if (sql === undefined) {
    if (versionStatements.size >= 20_000) versionStatements.clear();
    versionStatements.set(id, (sql = `SELECT version::text AS version FROM ${schema}.${table}`));
  }
  return sql;
}

/** The texts of versionStatement by table and schema (built once). */
const versionStatements = new Map<string, string>();
