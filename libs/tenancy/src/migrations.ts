import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { distributeTenantSchema, isCitus, prepareCitusTenantTransaction } from './citus';
import { quotedTenantSchema, tenantSchemaName } from './schema-name';
import { splitStatements } from './sql-statements';

/** A TypeORM migration applied inside one tenant schema (search_path is set to it). */
export type TenantMigration = MigrationInterface & { name: string };

export interface TenantMigrationResult {
  slug: string;
  ok: boolean;
  applied: string[];
  error?: string;
  failedMigration?: string;
}

const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Told when each pending migration of a tenant starts and ends: most take milliseconds, but
 * one that rewrites a large catalogue (0010 on a million records) takes minutes, and whoever
 * runs it should see that it is working.
 */
export interface MigrationProgress {
  started?(slug: string, migration: string): void;
  finished?(slug: string, migration: string, ms: number): void;
}

/**
 * The query runner a migration gets: a script passed to query() is sent one statement per
 * call (splitStatements), which Citus needs and plain PostgreSQL does not mind. A script with
 * parameters must be one statement (the protocol allows no other).
 */
export function oneStatementPerCall(queryRunner: QueryRunner): QueryRunner {
  const query = async (sql: string, parameters?: unknown[], ...rest: unknown[]) => {
    const statements = splitStatements(sql);
    if (statements.length <= 1) return (queryRunner.query as (...a: unknown[]) => Promise<unknown>)(sql, parameters, ...rest);
    if (parameters?.length) throw new Error('a query with parameters must be a single statement');
    let last: unknown;
    for (const statement of statements) last = await queryRunner.query(statement);
    return last;
  };
  return new Proxy(queryRunner, {
    get: (target, prop) => (prop === 'query' ? query : Reflect.get(target, prop, target)),
  });
}

/**
 * Applies the pending migrations of one tenant on the given query runner, which must be
 * inside a transaction. Creates the schema when missing (provisioning uses this too); on Citus
 * a schema created here is distributed once migrated (citus.ts), so a new city lives on a worker.
 */
export async function applyTenantMigrations(
  queryRunner: QueryRunner,
  slug: string,
  migrations: TenantMigration[],
  progress?: MigrationProgress,
): Promise<string[]> {
  const schema = quotedTenantSchema(slug);
  const citus = await isCitus(queryRunner);
  let created = false;
  if (citus) {
    await prepareCitusTenantTransaction(queryRunner);
    const [{ exists }] = await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists`, [tenantSchemaName(slug)]);
    created = !exists;
  }
  await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await queryRunner.query(`SET LOCAL search_path TO ${schema}, platform`);
  const migrationRunner = oneStatementPerCall(queryRunner);
  await queryRunner.query(
    `CREATE TABLE IF NOT EXISTS ${schema}.${MIGRATIONS_TABLE} (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const rows: { name: string }[] = await queryRunner.query(`SELECT name FROM ${schema}.${MIGRATIONS_TABLE}`);
  const done = new Set(rows.map((r) => r.name));
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    const started = Date.now();
    progress?.started?.(slug, migration.name);
    try {
      await migration.up(migrationRunner);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      (e as Error & { migration?: string }).migration = migration.name;
      throw e;
    } finally {
      progress?.finished?.(slug, migration.name, Date.now() - started);
    }
    await queryRunner.query(`INSERT INTO ${schema}.${MIGRATIONS_TABLE} (name) VALUES ($1)`, [migration.name]);
    applied.push(migration.name);
  }
  if (created) await distributeTenantSchema(queryRunner, tenantSchemaName(slug));
  return applied;
}

/** Pending migration names of one tenant (for health pages and `tenants migrate --dry-run`). */
export async function pendingTenantMigrations(
  dataSource: DataSource,
  slug: string,
  migrations: TenantMigration[],
): Promise<string[]> {
  const schema = quotedTenantSchema(slug);
  try {
    const rows: { name: string }[] = await dataSource.query(`SELECT name FROM ${schema}.${MIGRATIONS_TABLE}`);
    const done = new Set(rows.map((r) => r.name));
    return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
  } catch {
    return migrations.map((m) => m.name);
  }
}

/**
 * Migrates every tenant, each in its own transaction: a tenant whose migration fails is
 * rolled back and reported, and the runner goes on with the others.
 */
export async function migrateTenants(
  dataSource: DataSource,
  slugs: string[],
  migrations: TenantMigration[],
  onResult?: (r: TenantMigrationResult) => void,
  progress?: MigrationProgress,
): Promise<TenantMigrationResult[]> {
  const results: TenantMigrationResult[] = [];
  for (const slug of slugs) {
    const qr = dataSource.createQueryRunner();
    let result: TenantMigrationResult;
    try {
      await qr.connect();
      await qr.startTransaction();
      const applied = await applyTenantMigrations(qr, slug, migrations, progress);
      await qr.commitTransaction();
      result = { slug, ok: true, applied };
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      const e = err as Error & { migration?: string };
      result = { slug, ok: false, applied: [], error: e.message, failedMigration: e.migration };
    } finally {
      await qr.release();
    }
    results.push(result);
    onResult?.(result);
  }
  return results;
}
