import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isValidTenantSlug, TenantRef } from '@shiori/tenancy';

export interface TenantRow extends TenantRef {
  status: 'active' | 'suspended';
  preset: string | null;
  createdAt: string;
}

/** How old the in-memory registry may get: suspension reaches every API instance within this. */
const TTL_MS = 2000;
/** An unknown slug reloads the registry at most this often (a tenant created on another instance). */
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
  private loading?: Promise<void>;

  constructor(private readonly ds: DataSource) {}

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows: TenantRow[] = await this.ds.query(
          `SELECT id, slug, name, status, preset, created_at AS "createdAt" FROM platform.tenants ORDER BY slug`,
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
    const age = Date.now() - this.loadedAt;
    if (age >= TTL_MS || (!this.snapshot.has(slug) && age >= MISS_RELOAD_MS)) await this.reload();
    return this.snapshot.get(slug) ?? null;
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
