import { Inject, Injectable } from '@nestjs/common';
import { currentTenant } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../config/config';
import { TenantRegistry, TenantRow } from '../tenancy/tenant-registry.service';

/**
 * Links that leave the service in mail (password reset, confirmations, new arrivals): built
 * from configuration only — the city's own public URL from the tenant registry, else the
 * instance's PUBLIC_URL — and never from anything in a request (Host, X-Forwarded-Host),
 * which whoever sends the request chooses (issue #22: reset links pointing elsewhere).
 */
@Injectable()
export class PublicLinks {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: TenantRegistry,
  ) {}

  /** The base URL of a city's OPAC, with a trailing slash: `https://…/opac/{slug}/`. */
  opacBase(tenant: Pick<TenantRow, 'slug' | 'publicUrl'>): string {
    return `${tenant.publicUrl ?? this.config.publicUrl}/opac/${encodeURIComponent(tenant.slug)}/`;
  }

  /**
   * The public origin of the current city (its own public URL, else PUBLIC_URL), without a
   * trailing slash: the base of the URLs given to outside services (SRU, OpenSearch, OAI-PMH).
   */
  origin(): string {
    const { slug } = currentTenant();
    return this.registry.cached(slug)?.publicUrl ?? this.config.publicUrl;
  }

  /** A page of the current city's OPAC, e.g. `opacPage('reset-password', { token })`. */
  opacPage(page: string, query?: Record<string, string>): string {
    const { slug } = currentTenant();
    // the registry row as last read: no second connection inside the tenant transaction
    const base = this.opacBase({ slug, publicUrl: this.registry.cached(slug)?.publicUrl ?? null });
    return base + page + (query ? `?${new URLSearchParams(query)}` : '');
  }
}
