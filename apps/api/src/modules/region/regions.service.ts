import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Region, RegionName } from '@shiori/contracts';
import { DomainError } from '../../engine/errors/domain-error';
import { TenantRegistry, TenantRow } from '../../engine/tenancy/tenant-registry.service';
import { PlatformAuditService } from '../platform';
import { RegionErrors } from './region.errors';

/** A region with its member libraries as tenant rows, for work that enters each city (search, agreements). */
export interface RegionWithCities {
  code: string;
  name: string;
  nameEn: string | null;
  cities: TenantRow[];
}

interface RegionRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  createdAt: string;
  updatedAt: string;
  memberIds: string[];
}

/** How old the in-memory copy of the regions may get on an instance that did not write them. */
const TTL_MS = 2000;

const REGION_COLUMNS = `r.id, r.code, r.name, r.name_en AS "nameEn", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  coalesce((SELECT array_agg(m.tenant_id::text ORDER BY m.added_at, m.tenant_id) FROM platform.region_members m WHERE m.region_id = r.id), '{}') AS "memberIds"`;

/**
 * Regions (地域): named sets of member libraries, kept in the platform schema and edited by
 * regional IT. Other modules ask it which cities a region has (`withCities`, `hasMember`)
 * and which regions a city is in (`regionsOf`); those reads come from a snapshot of all
 * regions (a handful of rows) at most two seconds old, as the tenant registry does, so the
 * regional search pays no extra round trip.
 */
@Injectable()
export class RegionsService {
  private snapshot = new Map<string, RegionRow>();
  /** Tenant ids never change slug: members are looked up by slug in the registry's own snapshot. */
  private readonly slugById = new Map<string, string>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly audit: PlatformAuditService,
  ) {}

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows: RegionRow[] = await this.ds.query(`SELECT ${REGION_COLUMNS} FROM platform.regions r ORDER BY r.code`);
        this.snapshot = new Map(rows.map((r) => [r.code, r]));
        this.loadedAt = Date.now();
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  private async rows(fresh = false): Promise<Map<string, RegionRow>> {
    if (fresh || Date.now() - this.loadedAt >= TTL_MS) await this.reload();
    return this.snapshot;
  }

  private async view(row: RegionRow): Promise<Region> {
    const members: Region['members'] = [];
    for (const id of row.memberIds) {
      // a member whose library is gone from the registry is left out
      const t = await this.tenantById(id);
      if (t) members.push({ slug: t.slug, name: t.name, status: t.status });
    }
    return {
      code: row.code,
      name: row.name,
      nameEn: row.nameEn,
      members,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  async list(): Promise<Region[]> {
    const rows = await this.rows(true);
    return Promise.all([...rows.values()].map((r) => this.view(r)));
  }

  async get(code: string): Promise<Region> {
    const row = (await this.rows(true)).get(code);
    if (!row) throw new DomainError(RegionErrors.REGION_NOT_FOUND);
    return this.view(row);
  }

  /** The region and its member libraries (active or suspended), in the order they joined; REGION_NOT_FOUND when unknown. */
  async withCities(code: string): Promise<RegionWithCities> {
    const row = (await this.rows()).get(code);
    if (!row) throw new DomainError(RegionErrors.REGION_NOT_FOUND);
    const cities: TenantRow[] = [];
    for (const id of row.memberIds) {
      const t = await this.tenantById(id);
      if (t) cities.push(t);
    }
    return { code: row.code, name: row.name, nameEn: row.nameEn, cities };
  }

  /** Whether every one of `slugs` is a member of the region (for agreements that apply to "all members of a region"). */
  async hasMembers(code: string, slugs: string[]): Promise<boolean> {
    const region = await this.withCities(code);
    const members = new Set(region.cities.map((c) => c.slug));
    return slugs.every((s) => members.has(s));
  }

  /**
   * The other members of every region a library is in, read now on the caller's connection (one
   * statement on the platform tables), for work inside a tenant transaction.
   */
  async fellowMembersOf(m: { query: EntityManager['query'] }, tenantId: string): Promise<{ id: string; slug: string; name: string; status: string }[]> {
    return m.query(
      `SELECT DISTINCT t.id::text AS id, t.slug, t.name, t.status
         FROM platform.region_members mine
         JOIN platform.region_members rm ON rm.region_id = mine.region_id AND rm.tenant_id <> mine.tenant_id
         JOIN platform.tenants t ON t.id = rm.tenant_id
        WHERE mine.tenant_id = $1
        ORDER BY t.slug`,
      [tenantId],
    );
  }

  /**
   * The codes of the regions a library is a member of, read now on the caller's connection (one
   * statement on the region tables): for work inside a tenant transaction, which must not wait
   * for a second connection (the snapshot's reload would take one from the pool).
   */
  async codesOf(m: { query: EntityManager['query'] }, tenantId: string): Promise<string[]> {
    const rows: { code: string }[] = await m.query(
      `SELECT r.code FROM platform.regions r JOIN platform.region_members rm ON rm.region_id = r.id WHERE rm.tenant_id = $1 ORDER BY r.code`,
      [tenantId],
    );
    return rows.map((r) => r.code);
  }

  /** Regions' names by code, read now on the caller's connection (as codesOf). */
  async namesOf(m: { query: EntityManager['query'] }, codes: string[]): Promise<Map<string, { name: string; nameEn: string | null }>> {
    if (!codes.length) return new Map();
    const rows: { code: string; name: string; nameEn: string | null }[] = await m.query(
      `SELECT code, name, name_en AS "nameEn" FROM platform.regions WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { name: r.name, nameEn: r.nameEn }]));
  }

  /** The regions a library belongs to (its OPAC links to each region's search). */
  async regionsOf(tenantId: string): Promise<RegionName[]> {
    const rows = await this.rows();
    return [...rows.values()].filter((r) => r.memberIds.includes(tenantId)).map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn }));
  }

  /**
   * A member's tenant row from the registry's snapshot (at most two seconds old, and renewed at
   * once by a suspension on this instance): no round trip per member on the regional search.
   */
  private async tenantById(id: string): Promise<TenantRow | undefined> {
    if (!this.slugById.has(id)) for (const t of await this.registry.list()) this.slugById.set(t.id, t.slug);
    const slug = this.slugById.get(id);
    return slug ? ((await this.registry.findBySlug(slug)) ?? undefined) : undefined;
  }

  /** The tenant rows of `slugs`, or UNKNOWN_CITY naming the ones that do not exist. */
  private async citiesOf(slugs: string[], path: string): Promise<TenantRow[]> {
    const found: TenantRow[] = [];
    const unknown: string[] = [];
    for (const slug of slugs) {
      const t = await this.registry.findBySlug(slug);
      if (t) found.push(t);
      else unknown.push(slug);
    }
    if (unknown.length) {
      throw new DomainError(
        RegionErrors.UNKNOWN_CITY,
        `unknown: ${unknown.join(', ')}`,
        unknown.map((slug) => ({
          path,
          code: 'UNKNOWN_CITY',
          message: { ja: `図書館「${slug}」は登録されていません。`, en: `There is no library "${slug}".` },
        })),
        { unknown },
      );
    }
    return found;
  }

  /** A new region with its members, audited as region.create. */
  async create(input: { code: string; name: string; nameEn?: string; members: string[] }): Promise<Region> {
    const cities = await this.citiesOf(input.members, 'members');
    const nameEn = input.nameEn?.trim() || null;
    await this.ds.transaction(async (m) => {
      let id: string;
      try {
        [{ id }] = await m.query(`INSERT INTO platform.regions (code, name, name_en) VALUES ($1, $2, $3) RETURNING id`, [input.code, input.name, nameEn]);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new DomainError(RegionErrors.REGION_CODE_TAKEN);
        throw e;
      }
      await this.addMembers(m, id, cities.map((c) => c.id));
      await this.audit.record(m, {
        action: 'region.create',
        entity: 'region',
        entityId: input.code,
        after: { code: input.code, name: input.name, nameEn, members: cities.map((c) => c.slug) },
      });
    });
    await this.reload();
    return this.get(input.code);
  }

  /** Name, English name, members added and removed; a real change is audited as region.update (before/after). */
  async update(code: string, input: { name?: string; nameEn?: string | null; addMembers?: string[]; removeMembers?: string[] }): Promise<Region> {
    const add = input.addMembers ?? [];
    const remove = input.removeMembers ?? [];
    const both = add.filter((s) => remove.includes(s));
    if (both.length) throw new DomainError(RegionErrors.REGION_MEMBER_CONFLICT, `both: ${both.join(', ')}`);
    const adding = await this.citiesOf(add, 'addMembers');
    const removing = await this.citiesOf(remove, 'removeMembers');
    await this.ds.transaction(async (m) => {
      const [before]: RegionRow[] = await m.query(`SELECT ${REGION_COLUMNS} FROM platform.regions r WHERE r.code = $1 FOR UPDATE OF r`, [code]);
      if (!before) throw new DomainError(RegionErrors.REGION_NOT_FOUND);
      const name = input.name ?? before.name;
      const nameEn = input.nameEn === undefined ? before.nameEn : input.nameEn?.trim() || null;
      const members = new Set(before.memberIds);
      const added = adding.filter((c) => !members.has(c.id));
      const removed = removing.filter((c) => members.has(c.id));
      const after = new Set([...members, ...added.map((c) => c.id)]);
      for (const c of removed) after.delete(c.id);
      if (!after.size) throw new DomainError(RegionErrors.REGION_NO_MEMBERS);
      if (name === before.name && nameEn === before.nameEn && !added.length && !removed.length) return;

      await m.query(`UPDATE platform.regions SET name = $2, name_en = $3, updated_at = $4 WHERE id = $1`, [before.id, name, nameEn, new Date()]);
      await this.addMembers(m, before.id, added.map((c) => c.id));
      if (removed.length) {
        await m.query(`DELETE FROM platform.region_members WHERE region_id = $1 AND tenant_id = ANY($2::uuid[])`, [before.id, removed.map((c) => c.id)]);
      }
      const slugs = async (ids: Iterable<string>) => {
        const out: string[] = [];
        for (const id of ids) out.push((await this.tenantById(id))?.slug ?? id);
        return out;
      };
      await this.audit.record(m, {
        action: 'region.update',
        entity: 'region',
        entityId: code,
        before: { name: before.name, nameEn: before.nameEn, members: await slugs(before.memberIds) },
        after: { name, nameEn, members: await slugs(after), added: added.map((c) => c.slug), removed: removed.map((c) => c.slug) },
      });
    });
    await this.reload();
    return this.get(code);
  }

  private async addMembers(m: EntityManager, regionId: string, tenantIds: string[]): Promise<void> {
    if (!tenantIds.length) return;
    await m.query(
      // a microsecond apart, so the members keep the order they were given in
      `INSERT INTO platform.region_members (region_id, tenant_id, added_at)
       SELECT $1, t.id, $3::timestamptz + t.n * interval '1 microsecond' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)
       ON CONFLICT ON CONSTRAINT region_members_pkey DO NOTHING`,
      [regionId, tenantIds, new Date().toISOString()],
    );
  }
}
