import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { quotedTenantSchema } from './schema-name';

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
 * Applies the pending migrations of one tenant on the given query runner, which must be
 * inside a transaction. Creates the schema when missing (provisioning uses this too).
 */
export async function applyTenantMigrations(
  queryRunner: QueryRunner,
  slug: string,
  migrations: TenantMigration[],
  progress?: MigrationProgress,
): Promise<string[]> {
  const schema = quotedTenantSchema(slug);
  await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await queryRunner.query(`SET LOCAL search_path TO ${schema}, platform`);
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
      await migration.up(queryRunner);
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
