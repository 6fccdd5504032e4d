import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isValidTenantSlug, TenantRef } from '@shiori/tenancy';

export interface TenantRow extends TenantRef {
  status: 'active' | 'suspended';
  preset: string | null;
  createdAt: string;
}

const TTL_MS = 2000;

/**
 * Tenant registry lookups (platform.tenants), cached for two seconds so a request costs no
 * extra round trip; suspension reaches every API instance within that time.
 */
@Injectable()
export class TenantRegistry {
  private cache = new Map<string, { row: TenantRow | null; at: number }>();

  constructor(private readonly ds: DataSource) {}

  async findBySlug(slug: string): Promise<TenantRow | null> {
    if (!isValidTenantSlug(slug)) return null;
    const hit = this.cache.get(slug);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.row;
    const rows = await this.ds.query(
      `SELECT id, slug, name, status, preset, created_at AS "createdAt" FROM platform.tenants WHERE slug = $1`,
      [slug],
    );
    const row: TenantRow | null = rows[0] ?? null;
    this.cache.set(slug, { row, at: Date.now() });
    return row;
  }

  async list(): Promise<TenantRow[]> {
    return this.ds.query(
      `SELECT id, slug, name, status, preset, created_at AS "createdAt" FROM platform.tenants ORDER BY slug`,
    );
  }

  invalidate(slug: string): void {
    this.cache.delete(slug);
  }
}
