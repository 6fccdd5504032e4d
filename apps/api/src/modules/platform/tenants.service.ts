import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applyTenantMigrations, MigrationProgress, runInTenant, TenantMigrationResult, migrateTenants, pendingTenantMigrations } from '@shiori/tenancy';
import { DomainError } from '../../engine/errors/domain-error';
import { publicBaseUrl } from '../../engine/config/config';
import { TENANT_ROW_COLUMNS, TenantRegistry, TenantRow } from '../../engine/tenancy/tenant-registry.service';
import { TENANT_MIGRATIONS } from '../../migrations/tenant';
import { PresetService } from '../policy';
import { PlatformAuditService } from './platform-audit.service';
import { PlatformErrors } from './platform.errors';

/** Tenant lifecycle for regional IT: create (schema + migrations + preset, one transaction), list, suspend. */
@Injectable()
export class TenantsService {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly presets: PresetService,
    private readonly audit: PlatformAuditService,
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
           RETURNING ${TENANT_ROW_COLUMNS}`,
          [input.slug, input.name, presetName],
        );
        tenant = rows[0];
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new DomainError(PlatformErrors.TENANT_EXISTS);
        throw e;
      }
      await applyTenantMigrations(qr, input.slug, TENANT_MIGRATIONS);
      await this.presets.apply(qr.manager, presetName, input.name);
      await this.audit.record(qr.manager, { action: 'tenant.create', entity: 'tenant', entityId: tenant.id, tenantId: tenant.id, after: tenant });
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

  /** Suspends or resumes a tenant; a real change is audited (tenant.suspend / tenant.resume). */
  async setStatus(slug: string, status: 'active' | 'suspended'): Promise<TenantRow> {
    const row = await this.ds.transaction(async (m) => {
      const rows = await m.query(
        `UPDATE platform.tenants t SET status = $2, updated_at = now()
           FROM (SELECT id, status FROM platform.tenants WHERE slug = $1 FOR UPDATE) old
          WHERE t.id = old.id
         RETURNING t.id, t.slug, t.name, t.status, t.preset, t.public_url AS "publicUrl", t.created_at AS "createdAt", old.status AS "previousStatus"`,
        [slug, status],
      );
      const updated = rows[0]?.[0];
      if (!updated) throw new DomainError('TENANT_NOT_FOUND');
      const { previousStatus, ...tenant } = updated;
      if (previousStatus !== status) {
        await this.audit.record(m, {
          action: status === 'suspended' ? 'tenant.suspend' : 'tenant.resume',
          entity: 'tenant',
          entityId: tenant.id,
          tenantId: tenant.id,
          before: { status: previousStatus },
          after: { status },
        });
      }
      return tenant as TenantRow;
    });
    this.registry.invalidate(slug);
    return row;
  }

  /**
   * The city's own public base URL for the links in its mail (null: the instance's
   * PUBLIC_URL); the same rule as PUBLIC_URL (http(s), no query or fragment). Audited as
   * tenant.public-url when it changes.
   */
  async setPublicUrl(slug: string, value: string | null): Promise<TenantRow> {
    let publicUrl: string | null = null;
    if (value !== null && value.trim() !== '') {
      const parsed = publicBaseUrl.safeParse(value);
      if (!parsed.success) {
        throw new DomainError('VALIDATION', undefined, [
          {
            path: 'publicUrl',
            code: 'PUBLIC_URL',
            message: {
              ja: 'https:// で始まるURLを入力してください（例：https://library.city.example.jp）。? や # を含めることはできません。',
              en: 'Enter a URL starting with https:// (e.g. https://library.city.example.jp), without ? or #.',
            },
          },
        ]);
      }
      publicUrl = parsed.data;
    }
    const row = await this.ds.transaction(async (m) => {
      const [before] = await m.query(`SELECT ${TENANT_ROW_COLUMNS} FROM platform.tenants WHERE slug = $1 FOR UPDATE`, [slug]);
      if (!before) throw new DomainError('TENANT_NOT_FOUND');
      if (before.publicUrl === publicUrl) return before as TenantRow;
      const [[after]] = await m.query(`UPDATE platform.tenants SET public_url = $2, updated_at = now() WHERE id = $1 RETURNING ${TENANT_ROW_COLUMNS}`, [
        before.id,
        publicUrl,
      ]);
      await this.audit.record(m, {
        action: 'tenant.public-url',
        entity: 'tenant',
        entityId: before.id,
        tenantId: before.id,
        before: { publicUrl: before.publicUrl },
        after: { publicUrl },
      });
      return after as TenantRow;
    });
    this.registry.invalidate(slug);
    return row;
  }

  async get(slug: string): Promise<TenantRow> {
    const t = await this.registry.findBySlug(slug);
    if (!t) throw new DomainError('TENANT_NOT_FOUND');
    return t;
  }

  /** Each tenant whose schema changed or failed to is audited (tenant.migrate), at start-up and from the CLI. */
  async migrateAll(onResult?: (r: TenantMigrationResult) => void, progress?: MigrationProgress): Promise<TenantMigrationResult[]> {
    const tenants = await this.registry.list();
    const report = await migrateTenants(this.ds, tenants.map((t) => t.slug), TENANT_MIGRATIONS, onResult, progress);
    for (const r of report) {
      if (r.ok && !r.applied.length) continue;
      const id = tenants.find((t) => t.slug === r.slug)?.id ?? null;
      const after = r.ok ? { ok: true, applied: r.applied } : { ok: false, failedMigration: r.failedMigration ?? null, error: r.error };
      await this.audit.record(undefined, { action: 'tenant.migrate', entity: 'tenant', entityId: id, tenantId: id, after });
    }
    return report;
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
