import { Injectable } from '@nestjs/common';
import { currentTenant, tenantManager } from '@shiori/tenancy';
import { AgreementTerms, parseAgreementTerms } from '@shiori/policy';
import type { EntityManager } from 'typeorm';
import { RegionsService } from '../region';

/** A connection to read on: the pool, a transaction's manager, or the tenant's. */
type Queryable = Pick<EntityManager, 'query'>;

/**
 * An agreement as regional IT and librarians see it: the cities named, the current terms. The
 * host is one city (`hostCity`), or every other member of a region the home city is in
 * (`hostRegion`, platform migration 0007): exactly one of the two is set.
 */
export interface AgreementView {
  id: string;
  homeCity: { slug: string; name: string };
  hostCity: { slug: string; name: string } | null;
  hostRegion: { code: string; name: string; nameEn: string | null } | null;
  version: number;
  preset: string | null;
  terms: AgreementTerms;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementRow {
  id: string;
  homeSlug: string;
  homeName: string;
  homeTenantId: string;
  hostSlug: string | null;
  hostName: string | null;
  hostTenantId: string | null;
  hostRegion: string | null;
  version: number;
  preset: string | null;
  terms: unknown;
  createdAt: string;
  updatedAt: string;
}

/**
 * platform.agreements with the cities' names (all three are reference tables on Citus: a tenant
 * statement may read them). A regional agreement's host is its region's code: the region's name
 * and members come from the region module (RegionsService), never from SQL here, so the region
 * tables need not be copied to every node.
 */
export const AGREEMENT_SQL = `
  SELECT a.id, a.home_tenant_id AS "homeTenantId", h.slug AS "homeSlug", h.name AS "homeName",
         a.host_tenant_id AS "hostTenantId", o.slug AS "hostSlug", o.name AS "hostName", a.host_region AS "hostRegion",
         a.version, a.preset, a.terms, a.created_at AS "createdAt", a.updated_at AS "updatedAt"
    FROM platform.agreements a
    JOIN platform.tenants h ON h.id = a.home_tenant_id
    LEFT JOIN platform.tenants o ON o.id = a.host_tenant_id`;

/**
 * The card number a visitor admitted by the home card has at the host: the home city and the
 * home card, so it can never clash with a card the host issues (`koga:100012345`). The desk
 * lends on it by sending `homeCity` with the scanned card (circulation's check-out).
 */
export function homeCardKey(homeCity: string, card: string): string {
  return `${homeCity}:${card.normalize('NFKC').replace(/[\s\-‐－−]/g, '')}`;
}

/** Stored terms re-parsed through the one schema, so defaults added later reach old agreements too. */
export function termsOf(stored: unknown): AgreementTerms {
  const parsed = parseAgreementTerms(stored);
  if (!parsed.ok) throw new Error(`stored agreement terms are invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.terms;
}

export function agreementView(r: AgreementRow, region: AgreementView['hostRegion'] = null): AgreementView {
  return {
    id: r.id,
    homeCity: { slug: r.homeSlug, name: r.homeName },
    hostCity: r.hostSlug ? { slug: r.hostSlug, name: r.hostName ?? r.hostSlug } : null,
    hostRegion: r.hostRegion ? (region ?? { code: r.hostRegion, name: r.hostRegion, nameEn: null }) : null,
    version: r.version,
    preset: r.preset,
    terms: termsOf(r.terms),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * Reads of agreements from inside a tenant transaction (the host's desk, the librarians'
 * read-only list) or the pool: one statement on the platform tables each. Region membership is
 * read through the region module's RegionsService on the same connection (codesOf, namesOf: a
 * statement of the region tables alone, so they may stay coordinator tables on Citus).
 * Exported to circulation, which lends to visitors on their agreement's terms.
 */
@Injectable()
export class AgreementsStore {
  constructor(private readonly regions: RegionsService) {}

  /** The codes of the regions a city is a member of, read on the caller's connection. */
  regionCodes(m: Queryable, tenantId: string): Promise<string[]> {
    return this.regions.codesOf(m, tenantId);
  }

  /**
   * The terms a visitor's loans follow here: the agreement must have this city as host, itself
   * or as a member of the agreement's region (else null: e.g. the city has left the region).
   */
  async visitorTerms(agreementId: string): Promise<AgreementTerms | null> {
    const here = currentTenant().id;
    const m = tenantManager();
    const [row]: { terms: unknown; hostTenantId: string | null; hostRegion: string | null }[] = await m.query(
      `SELECT terms, host_tenant_id AS "hostTenantId", host_region AS "hostRegion" FROM platform.agreements WHERE id = $1`,
      [agreementId],
    );
    if (!row) return null;
    // a city's own agreement: one statement; a region's: is this city (still) a member?
    const lendsHere = row.hostTenantId ? row.hostTenantId === here : !!row.hostRegion && (await this.regionCodes(m, here)).includes(row.hostRegion);
    return lendsHere ? termsOf(row.terms) : null;
  }

  /** The current city's agreements: as home, as host, or as a member of an agreement's host region. */
  async ofCurrentCity(): Promise<AgreementView[]> {
    const here = currentTenant().id;
    const m = tenantManager();
    const rows: AgreementRow[] = await m.query(
      `${AGREEMENT_SQL} WHERE a.home_tenant_id = $1 OR a.host_tenant_id = $1 OR a.host_region = ANY($2::text[]) ORDER BY a.host_region NULLS FIRST, o.slug, h.slug`,
      [here, await this.regionCodes(m, here)],
    );
    return this.views(m, rows);
  }

  /** Rows as views, each regional one with its region's name. */
  async views(m: Queryable, rows: AgreementRow[]): Promise<AgreementView[]> {
    const names = await this.regions.namesOf(m, [...new Set(rows.map((r) => r.hostRegion).filter((c): c is string => !!c))]);
    return rows.map((r) => {
      const region = r.hostRegion ? names.get(r.hostRegion) : undefined;
      return agreementView(r, region && r.hostRegion ? { code: r.hostRegion, ...region } : null);
    });
  }

  /**
   * The agreement residents of `homeTenantId` use at `hostTenantId`: the pair's own agreement,
   * else one whose host is a region both cities are members of (the most specific wins).
   */
  async pair(m: Queryable, homeTenantId: string, hostTenantId: string): Promise<AgreementRow | null> {
    const own = await this.ownPair(m, homeTenantId, hostTenantId);
    if (own) return own;
    const hostRegions = new Set(await this.regionCodes(m, hostTenantId));
    const shared = (await this.regionCodes(m, homeTenantId)).filter((c) => hostRegions.has(c));
    if (!shared.length) return null;
    const [row] = await m.query(`${AGREEMENT_SQL} WHERE a.home_tenant_id = $1 AND a.host_region = ANY($2::text[]) ORDER BY a.host_region LIMIT 1`, [homeTenantId, shared]);
    return row ?? null;
  }

  /** The agreement made for exactly this pair (not a region's). */
  async ownPair(m: Queryable, homeTenantId: string, hostTenantId: string): Promise<AgreementRow | null> {
    const [row] = await m.query(`${AGREEMENT_SQL} WHERE a.home_tenant_id = $1 AND a.host_tenant_id = $2`, [homeTenantId, hostTenantId]);
    return row ?? null;
  }

  /** The home city's agreement for a region, if any. */
  async ofRegion(m: Queryable, homeTenantId: string, region: string): Promise<AgreementRow | null> {
    const [row] = await m.query(`${AGREEMENT_SQL} WHERE a.home_tenant_id = $1 AND a.host_region = $2`, [homeTenantId, region]);
    return row ?? null;
  }

  /** The cities that admit the home city's residents: each agreement's host, or its region's other members (outside a tenant transaction). */
  async hostsOf(m: Queryable, homeTenantId: string): Promise<string[]> {
    const rows: { slug: string | null; hostRegion: string | null }[] = await m.query(
      `SELECT t.slug, a.host_region AS "hostRegion" FROM platform.agreements a LEFT JOIN platform.tenants t ON t.id = a.host_tenant_id WHERE a.home_tenant_id = $1`,
      [homeTenantId],
    );
    const hosts = new Set<string>();
    for (const r of rows) {
      if (r.slug) hosts.add(r.slug);
      else if (r.hostRegion) {
        const region = await this.regions.withCities(r.hostRegion).catch(() => null);
        // the home city must still be a member for its region's agreement to apply
        if (!region?.cities.some((c) => c.id === homeTenantId)) continue;
        for (const c of region.cities) if (c.id !== homeTenantId) hosts.add(c.slug);
      }
    }
    return [...hosts].sort();
  }
}
