import type { DataSource } from 'typeorm';

/**
 * Migrations of the `platform` schema (tenant registry, regional staff, sessions, job runs, platform audit log).
 * Applied at start-up under an advisory lock, so several API instances can boot together.
 */
interface PlatformMigration {
  name: string;
  sql: string;
}

const MIGRATIONS: PlatformMigration[] = [
  {
    name: '0001-platform',
    sql: `
      CREATE TABLE platform.tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        preset text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended')),
        host text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE platform.staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('platform-admin','librarian')),
        tenant_id uuid REFERENCES platform.tenants(id) ON DELETE CASCADE,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'platform-admin') = (tenant_id IS NULL))
      );
      CREATE UNIQUE INDEX staff_username_per_tenant ON platform.staff (coalesce(tenant_id::text, ''), lower(username));
      CREATE TABLE platform.sessions (
        token_hash text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('staff','patron')),
        staff_id uuid REFERENCES platform.staff(id) ON DELETE CASCADE,
        patron_id uuid,
        tenant_id uuid REFERENCES platform.tenants(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        must_change_password boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sessions_expires ON platform.sessions (expires_at);
      CREATE TABLE platform.job_runs (
        id bigserial PRIMARY KEY,
        job text NOT NULL,
        period text NOT NULL,
        instance text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','failed','skipped')),
        detail jsonb NOT NULL DEFAULT '{}'
      );
      CREATE UNIQUE INDEX job_runs_once ON platform.job_runs (job, period);
      CREATE INDEX job_runs_job ON platform.job_runs (job, started_at DESC);
      CREATE TABLE platform.login_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        window_start timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      );
    `,
  },
  {
    // Staff account management: disable/enable, forced change of a temporary password, and
    // an audit log of platform-level writes (staff accounts have no tenant audit log of their own).
    name: '0002-staff-management',
    sql: `
      ALTER TABLE platform.staff
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
      CREATE TABLE platform.audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id text,
        actor_name text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        tenant_id uuid REFERENCES platform.tenants(id) ON DELETE SET NULL,
        before jsonb,
        after jsonb
      );
      CREATE INDEX platform_audit_log_at ON platform.audit_log (at DESC);
      CREATE INDEX platform_audit_log_entity ON platform.audit_log (entity, entity_id, at DESC);
    `,
  },
];

/** Advisory lock key for schema changes (platform and tenant migrations at boot). */
export const MIGRATION_LOCK_KEY = 72_100_001;

export async function migratePlatform(ds: DataSource): Promise<string[]> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  const applied: string[] = [];
  try {
    await qr.startTransaction();
    await qr.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await qr.query('CREATE SCHEMA IF NOT EXISTS platform');
    await qr.query(
      'CREATE TABLE IF NOT EXISTS platform.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const rows: { name: string }[] = await qr.query('SELECT name FROM platform.schema_migrations');
    const done = new Set(rows.map((r) => r.name));
    for (const m of MIGRATIONS) {
      if (done.has(m.name)) continue;
      await qr.query(m.sql);
      await qr.query('INSERT INTO platform.schema_migrations (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    }
    await qr.commitTransaction();
  } catch (e) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    throw e;
  } finally {
    await qr.release();
  }
  return applied;
}
