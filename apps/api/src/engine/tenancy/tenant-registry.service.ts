import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isValidTenantSlug, TenantRef } from '@shiori/tenancy';

export interface TenantRow extends TenantRef {
  status: 'active' | 'suspended';
  preset: string | null;
  /** The city's own public base URL for links in its mail; null = the instance's PUBLIC_URL. */
  publicUrl: string | null;
  createdAt: string;
}

/** The columns of a TenantRow, for every statement that reads or returns one. */
export const TENANT_ROW_COLUMNS = `id, slug, name, status, preset, public_url AS "publicUrl", created_at AS "createdAt"`;

/** How old the in-memory registry may get: suspension reaches every API instance within this. */
const TTL_MS = 2000;
/** An unknown slug reloads the registry at most this often (a tenant created on another instance); it waits for that read. */
const MISS_RELOAD_MS = 250;

/**
 * Tenant registry lookups (platform.tenants). The whole registry is small (one row per
 * city) and read-mostly, so each instance keeps a snapshot of all of it and reloads it at
 * most every two seconds: a request costs no extra round trip whatever the number of
 * tenants, and 500 tenants cost what one does.
 */
@Injectable()
export class TenantRegistry {
  private snapshot = new Map<string, TenantRow>();
  private loadedAt = 0;
  /** When the read behind the snapshot (or the one in flight) started. */
  private loadStartedAt = 0;
  private loading?: Promise<void>;

  constructor(private readonly ds: DataSource) {}

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      this.loadStartedAt = Date.now();
      try {
        const rows: TenantRow[] = await this.ds.query(
          `SELECT ${TENANT_ROW_COLUMNS} FROM platform.tenants ORDER BY slug`,
        );
        this.snapshot = new Map(rows.map((r) => [r.slug, r]));
        this.loadedAt = Date.now();
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  async findBySlug(slug: string): Promise<TenantRow | null> {
    if (!isValidTenantSlug(slug)) return null;
    const arrived = Date.now();
    if (arrived - this.loadedAt >= TTL_MS) await this.reload();
    if (!this.snapshot.has(slug)) {
      // Created since the snapshot was read, maybe on another instance: answer from a read
      // that started after this request arrived. Such reads start at most every
      // MISS_RELOAD_MS (unknown slugs from a crawler wait instead of reloading each time);
      // requests that miss together share one read.
      const wait = this.loadStartedAt + MISS_RELOAD_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (this.loadStartedAt < arrived) await this.reload();
    }
    return this.snapshot.get(slug) ?? null;
  }

  /**
   * The row as last read, without going to the database: for code inside a tenant
   * transaction (a read here would wait for a second connection while holding one). The
   * request's own lookup read it at most TTL_MS before.
   */
  cached(slug: string): TenantRow | undefined {
    return this.snapshot.get(slug);
  }

  async list(): Promise<TenantRow[]> {
    await this.reload();
    return [...this.snapshot.values()];
  }

  /** After a local change (create, suspend): the next lookup reads the table again. */
  invalidate(_slug?: string): void {
    this.loadedAt = 0;
  }
}
