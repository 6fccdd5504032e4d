import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { isCitus } from '@shiori/tenancy';

/**
 * Whether the database at `url` is a Citus coordinator, asked once before the pool is made
 * (its session options depend on it: session-options.ts).
 */
export async function probeCitus(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, application_name: 'shiori-probe' });
  await client.connect();
  try {
    return await isCitus({ query: async (sql: string) => (await client.query(sql)).rows });
  } finally {
    await client.end();
  }
}

/**
 * Platform tables copied to every node (reference tables), in the order their foreign keys need.
 * platform.agreements: a host city's check-out reads its visitor's agreement in its own statement.
 */
const REFERENCE_TABLES = ['platform.tenants', 'platform.staff', 'platform.agreements'];

/**
 * Before the platform schema is created on Citus: it must stay an ordinary schema of the
 * coordinator. Were it a distributed schema (citus.enable_schema_based_sharding on for the
 * database), it would live on one worker, and its tenant registry could not be a reference
 * table ("already distributed").
 */
export async function preparePlatformOnCitus(qr: QueryRunner): Promise<void> {
  const [{ distributed }] = await qr.query(
    `SELECT EXISTS (SELECT 1 FROM pg_dist_schema WHERE schemaid = to_regnamespace('platform')) AS distributed`,
  );
  if (distributed) {
    throw new Error(
      'The platform schema is a Citus distributed schema (it was created while citus.enable_schema_based_sharding was on). ' +
        "Make it an ordinary schema of the coordinator again: SELECT citus_schema_undistribute('platform'); then start again.",
    );
  }
  await qr.query(`SELECT set_config('citus.enable_schema_based_sharding', 'off', true)`);
}

/**
 * After the platform migrations on Citus: the tenant registry and staff become reference
 * tables (a copy on every node), so a tenant's statement that reads them stays on its worker.
 * Sessions, job runs and the platform audit log stay on the coordinator (Citus makes the ones
 * with foreign keys to reference tables "Citus local" tables).
 */
export async function placePlatformTablesOnCitus(qr: QueryRunner): Promise<void> {
  for (const table of REFERENCE_TABLES) {
    // a reference table is partmethod 'n' with two-phase-commit replication; the tables with
    // foreign keys to one Citus turns into "Citus local" tables (partmethod 'n', repmodel 's')
    // as soon as the referenced table is made a reference table: staff too, which is then made one
    const [{ reference }] = await qr.query(
      `SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = $1::regclass AND partmethod = 'n' AND repmodel = 't') AS reference`,
      [table],
    );
    if (!reference) await qr.query(`SELECT create_reference_table($1::regclass)`, [table]);
  }
}
