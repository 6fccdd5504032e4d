import type { DataSource } from 'typeorm';
import { isCitus, splitStatements } from '@shiori/tenancy';
import { courierMigration } from '../../migrations/platform/0008-courier';
import { placePlatformTablesOnCitus, preparePlatformOnCitus } from './citus';

/**
 * Migrations of the `platform` schema (tenant registry, regional staff, sessions, job runs, platform audit log).
 * Applied at start-up under an advisory lock, so several API instances can boot together.
 */
export interface PlatformMigration {
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
  {
    // A city's own public base URL (issue #22): links in that city's mail start with it
    // instead of the instance's PUBLIC_URL. Set by regional IT; never taken from a request.
    name: '0003-tenant-public-url',
    sql: `ALTER TABLE platform.tenants ADD COLUMN public_url text;`,
  },
  {
    // Failed staff sign-ins counted per typed user name and client address (source '*' = every
    // address) instead of a lock on the account that anyone could set off (issue #22); the
    // old lock columns and the never-used login_throttle table go.
    name: '0004-staff-sign-in-failures',
    sql: `
      CREATE TABLE platform.staff_sign_in_failures (
        account_key text NOT NULL,
        source text NOT NULL,
        failures int NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        last_success_at timestamptz,
        CONSTRAINT staff_sign_in_failures_pkey PRIMARY KEY (account_key, source)
      );
      ALTER TABLE platform.staff DROP COLUMN failed_logins, DROP COLUMN locked_until;
      DROP TABLE IF EXISTS platform.login_throttle;
    `,
  },
  {
    // Regions (issue #15): named sets of member cities, e.g. a prefecture (福岡県) or a smaller
    // 定住自立圏; a city may belong to several. Members name the tenant by id; the link to
    // platform.tenants is checked by the service, not by a foreign key, so on Citus both tables
    // stay plain coordinator tables (a key to the reference table would make them Citus local).
    name: '0005-regions',
    sql: `
      CREATE TABLE platform.regions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        name_en text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT regions_pkey PRIMARY KEY (id),
        CONSTRAINT regions_code_key UNIQUE (code)
      );
      CREATE TABLE platform.region_members (
        region_id uuid NOT NULL,
        tenant_id uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT region_members_pkey PRIMARY KEY (region_id, tenant_id),
        CONSTRAINT region_members_region_fkey FOREIGN KEY (region_id) REFERENCES platform.regions (id) ON DELETE CASCADE
      );
      CREATE INDEX region_members_tenant ON platform.region_members (tenant_id);
    `,
  },
  {
    // 広域利用 agreements (issue #15): the terms on which residents of a home city use a host
    // city's libraries, one row per direction, validated by AgreementTermsSchema (libs/policy).
    // Every change is a new version (who, when, the terms: before/after is the diff of two
    // versions), like a city's policy. A later "all members of region X" scope adds a nullable
    // host_region column (and home_region) beside host_tenant_id: see modules/agreements/README.md.
    name: '0006-agreements',
    sql: `
      CREATE TABLE platform.agreements (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        home_tenant_id uuid NOT NULL,
        host_tenant_id uuid NOT NULL,
        version int NOT NULL DEFAULT 1,
        terms jsonb NOT NULL,
        preset text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agreements_pkey PRIMARY KEY (id),
        CONSTRAINT agreements_home_fkey FOREIGN KEY (home_tenant_id) REFERENCES platform.tenants(id) ON DELETE CASCADE,
        CONSTRAINT agreements_host_fkey FOREIGN KEY (host_tenant_id) REFERENCES platform.tenants(id) ON DELETE CASCADE,
        CONSTRAINT agreements_pair_key UNIQUE (home_tenant_id, host_tenant_id),
        CONSTRAINT agreements_not_self CHECK (home_tenant_id <> host_tenant_id)
      );
      CREATE INDEX agreements_host ON platform.agreements (host_tenant_id);
      CREATE TABLE platform.agreement_versions (
        agreement_id uuid NOT NULL,
        version int NOT NULL,
        terms jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agreement_versions_pkey PRIMARY KEY (agreement_id, version),
        CONSTRAINT agreement_versions_agreement_fkey FOREIGN KEY (agreement_id) REFERENCES platform.agreements(id) ON DELETE CASCADE
      );
    `,
  },
  {
    // 広域利用 for all members of a region: an agreement whose host is a region (its code)
    // admits the home city's residents at every other member of that region, the home city
    // being a member too. Exactly one of host_tenant_id / host_region. No foreign key to
    // platform.regions: platform.agreements is a Citus reference table (a copy on every node)
    // and the regions stay coordinator tables; the agreements module checks the region and reads
    // its members through the region module's RegionsService (modules/agreements/README.md).
    name: '0007-agreement-regions',
    sql: `
      ALTER TABLE platform.agreements ADD COLUMN host_region text;
      ALTER TABLE platform.agreements ALTER COLUMN host_tenant_id DROP NOT NULL;
      ALTER TABLE platform.agreements DROP CONSTRAINT agreements_pair_key;
      CREATE UNIQUE INDEX agreements_pair_key ON platform.agreements (home_tenant_id, host_tenant_id) WHERE host_tenant_id IS NOT NULL;
      CREATE UNIQUE INDEX agreements_region_key ON platform.agreements (home_tenant_id, host_region) WHERE host_region IS NOT NULL;
      CREATE INDEX agreements_host_region ON platform.agreements (host_region) WHERE host_region IS NOT NULL;
      ALTER TABLE platform.agreements ADD CONSTRAINT agreements_one_host CHECK ((host_tenant_id IS NULL) <> (host_region IS NULL));
    `,
  },
  // from 0008 on, one file per migration in migrations/platform/
  courierMigration,
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
    const citus = await isCitus(qr);
    if (citus) await preparePlatformOnCitus(qr);
    await qr.query('CREATE SCHEMA IF NOT EXISTS platform');
    await qr.query(
      'CREATE TABLE IF NOT EXISTS platform.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const rows: { name: string }[] = await qr.query('SELECT name FROM platform.schema_migrations');
    const done = new Set(rows.map((r) => r.name));
    for (const m of MIGRATIONS) {
      if (done.has(m.name)) continue;
      // one statement per call (Citus forwards some DDL's raw text to the workers)
      for (const statement of splitStatements(m.sql)) await qr.query(statement);
      await qr.query('INSERT INTO platform.schema_migrations (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    }
    if (citus) await placePlatformTablesOnCitus(qr);
    await qr.commitTransaction();
  } catch (e) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    throw e;
  } finally {
    await qr.release();
  }
  return applied;
}
