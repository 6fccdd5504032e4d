import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applyTenantMigrations, runInTenant, TenantMigrationResult, migrateTenants, pendingTenantMigrations } from '@shiori/tenancy';
import { DomainError } from '../../engine/errors/domain-error';
import { TenantRegistry, TenantRow } from '../../engine/tenancy/tenant-registry.service';
import { TENANT_MIGRATIONS } from '../../migrations/tenant';
import { PresetService } from '../policy-admin/preset.service';
import { PlatformErrors } from './platform.errors';

/** Tenant lifecycle for regional IT: create (schema + migrations + preset, one transaction), list, suspend. */
@Injectable()
export class TenantsService {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly presets: PresetService,
  ) {}

  async create(input: { slug: string; name: string; preset?: string }): Promise<TenantRow> {
    const presetName = input.preset ?? 'default';
    if (!this.presets.exists(presetName)) throw new DomainError(PlatformErrors.UNKNOWN_PRESET, `preset: ${presetName}`);
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      let tenant: TenantRow;
      try {
        const rows = await qr.query(
          `INSERT INTO platform.tenants (slug, name, preset) VALUES ($1,$2,$3)
           RETURNING id, slug, name, status, preset, created_at AS "createdAt"`,
          [input.slug, input.name, presetName],
        );
        tenant = rows[0];
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new DomainError(PlatformErrors.TENANT_EXISTS);
        throw e;
      }
      await applyTenantMigrations(qr, input.slug, TENANT_MIGRATIONS);
      await this.presets.apply(qr.manager, presetName, input.name);
      await qr.commitTransaction();
      this.registry.invalidate(input.slug);
      return tenant;
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw e;
    } finally {
      await qr.release();
    }
  }

  async list(): Promise<TenantRow[]> {
    return this.registry.list();
  }

  /** List with key figures for the regional console (each tenant read in its own schema). */
  async listWithFigures() {
    const tenants = await this.registry.list();
    const out = [];
    for (const t of tenants) {
      let figures = { patrons: 0, records: 0, loansToday: 0 };
      try {
        figures = await runInTenant(this.ds, t, async (m) => {
          const [r] = await m.query(
            `SELECT (SELECT count(*) FROM patrons)::int AS patrons,
                    (SELECT count(*) FROM records WHERE withdrawn_at IS NULL)::int AS records,
                    (SELECT count(*) FROM loans WHERE loaned_at >= date_trunc('day', now()))::int AS "loansToday"`,
          );
          return r;
        });
      } catch {
        // a tenant whose schema is broken still shows in the list, with zero figures
      }
      out.push({ ...t, ...figures });
    }
    return out;
  }

  async setStatus(slug: string, status: 'active' | 'suspended'): Promise<TenantRow> {
    const rows = await this.ds.query(
      `UPDATE platform.tenants SET status = $2, updated_at = now() WHERE slug = $1
       RETURNING id, slug, name, status, preset, created_at AS "createdAt"`,
      [slug, status],
    );
    const row = rows[0]?.[0];
    if (!row) throw new DomainError('TENANT_NOT_FOUND');
    this.registry.invalidate(slug);
    return row;
  }

  async get(slug: string): Promise<TenantRow> {
    const t = await this.registry.findBySlug(slug);
    if (!t) throw new DomainError('TENANT_NOT_FOUND');
    return t;
  }

  async migrateAll(onResult?: (r: TenantMigrationResult) => void): Promise<TenantMigrationResult[]> {
    const tenants = await this.registry.list();
    return migrateTenants(this.ds, tenants.map((t) => t.slug), TENANT_MIGRATIONS, onResult);
  }

  /** Regional health page: per tenant, pending migrations and the mail outbox backlog. */
  async health() {
    const tenants = await this.registry.list();
    const out = [];
    for (const t of tenants) {
      const pending = await pendingTenantMigrations(this.ds, t.slug, TENANT_MIGRATIONS);
      let outbox = { pending: 0, failed: 0, sentToday: 0 };
      try {
        outbox = await runInTenant(this.ds, t, async (m) => {
          const [r] = await m.query(
            `SELECT count(*) FILTER (WHERE status IN ('pending','sending'))::int AS pending,
                    count(*) FILTER (WHERE status = 'failed')::int AS failed,
                    count(*) FILTER (WHERE status = 'sent' AND sent_at >= date_trunc('day', now()))::int AS "sentToday"
               FROM outbox`,
          );
          return r;
        });
      } catch {
        // schema not migrated far enough: the pending list says so
      }
      out.push({ slug: t.slug, name: t.name, status: t.status, pendingMigrations: pending, outbox });
    }
    return out;
  }

  async migrationState() {
    const tenants = await this.registry.list();
    const out = [];
    for (const t of tenants) {
      out.push({ slug: t.slug, pending: await pendingTenantMigrations(this.ds, t.slug, TENANT_MIGRATIONS) });
    }
    return out;
  }
}
