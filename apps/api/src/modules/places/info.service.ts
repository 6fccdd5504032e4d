import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { currentTenant, currentTenantSchema, runInTenant, tenantManager, TenantRef } from '@shiori/tenancy';
import { patronFacingPolicy, Policy } from '@shiori/policy';
import type { Branch, LibraryInfo, PickupPoint, PublicBranch, PublicPickupPoint, StationVisit } from '@shiori/contracts';
import { DataSource } from 'typeorm';
import { BookmobileService } from './bookmobile/bookmobile.service';
import { BRANCH_COLUMNS, PICKUP_COLUMNS } from './places.service';
import { Clock } from '../../engine/clock';
import { tokyoDate } from '../../engine/time';
import { tableVersion } from '../../engine/database/table-version';
import { PolicyStore } from '../policy';

/**
 * What /info is made of, read in one statement: the policy version, the active branches and
 * pickup points and the city's settings as JSON text (parsed once per change: InfoService.infoJson
 * keeps the serialised answer), and whether an active branch is a bookmobile.
 */
interface InfoRow {
  version: number | null;
  branches: string;
  pickupPoints: string;
  city: string | null;
  hasBookmobile: boolean;
}

/** The statement of InfoRow, its tables named with `schema` (`"tenant_x".branches`); as text for json_agg's `::text`. */
function infoStatement(schema: string): string {
  return `SELECT (SELECT max(version) FROM ${schema}.policy_versions) AS version,
    (SELECT coalesce(json_agg(b ORDER BY b.sort, b.code), '[]')::text FROM (SELECT ${BRANCH_COLUMNS} FROM ${schema}.branches WHERE active) b) AS branches,
    (SELECT coalesce(json_agg(p ORDER BY p."branchCode", p.sort, p.code), '[]')::text FROM (SELECT ${PICKUP_COLUMNS} FROM ${schema}.pickup_points WHERE active) p) AS "pickupPoints",
    (SELECT value::text FROM ${schema}.settings WHERE key = 'city') AS city,
    EXISTS (SELECT 1 FROM ${schema}.branches WHERE active AND is_bookmobile) AS "hasBookmobile"`;
}

/** A serialised /info of one city and what it was made from (equal version, city, name and day: equal answer). */
export interface InfoAnswer {
  /** `info_version` when it was made (read in the same statement as what it is made of). */
  version: string;
  slug: string;
  name: string;
  /** The day (Asia/Tokyo) its bookmobile stations' next visits were counted from; null when it has none. */
  day: string | null;
  body: Buffer;
  etag: string;
}

/** Most cities whose serialised /info one instance keeps (beyond it, the cache starts again). */
const MAX_CACHED_CITIES = 5000;

/** The public `/info` of a city: its name, active branches and pickup points, the patron-facing policy. */
@Injectable()
export class InfoService {
  /**
   * The last serialised /info per city id. Never invalidated and never stale: every request
   * reads the city's `info_version` (one statement) and the cached text serves it only when it
   * was made at that same version (and, for a city with a bookmobile, on the same day), so a
   * change made through any instance (or straight in the database) is seen by the next
   * request everywhere.
   */
  private readonly answers = new Map<string, InfoAnswer>();

  constructor(
    private readonly store: PolicyStore,
    private readonly bookmobile: BookmobileService,
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Today in Japan by the app's clock: the day the stations' next visits are counted from. */
  private today(): string {
    return tokyoDate(this.clock.now());
  }

  /**
   * `GET /info`: city name, branches, pickup points (each with its patron note, `{ ja, en? }`
   * or null; a bookmobile station with its next visits) and the patron-facing part of the
   * policy. Inside a tenant transaction.
   */
  async info(slug: string, fallbackName: string): Promise<LibraryInfo> {
    // one statement for what every patron page asks (the floor of a tenant request: each
    // statement is a round trip); the policy is parsed once per version (PolicyStore)
    const [row]: InfoRow[] = await tenantManager().query(infoStatement(currentTenantSchema()));
    const { policy } = await this.store.atVersion(row.version);
    // buses(true) reads nothing more when no active branch is a bookmobile
    const visits = row.hasBookmobile ? await this.bookmobile.nextVisitsByStation(3, this.today()) : new Map<string, StationVisit[]>();
    return infoOf(row, policy, visits, slug, fallbackName);
  }

  /**
   * The serialised /info of `tenant` (InfoRoute). One unprepared statement without a
   * transaction reads the city's `info_version`; the cached text is sent while it was made at
   * that version (and, with a bookmobile, today: the stations' next visits move with the day).
   * Otherwise it is made again (render). Null only for a city whose schema lacks
   * `info_version` (its migrations stopped before 0029): InfoController answers it in a
   * transaction.
   */
  async infoJson(tenant: TenantRef): Promise<InfoAnswer | null> {
    // the probe: info_version (0029), moved by every write to what /info is made of
    const version = await tableVersion('info_version');
    if (version === null) return null;
    const slug = currentTenant().slug;
    const cached = this.answers.get(tenant.id);
    if (cached && cached.version === version && cached.slug === slug && cached.name === tenant.name && (cached.day === null || cached.day === this.today())) {
      return cached;
    }
    const answer = await this.render(tenant, slug);
    if (this.answers.size >= MAX_CACHED_CITIES) this.answers.clear();
    this.answers.set(tenant.id, answer);
    return answer;
  }

  /**
   * The /info of `tenant` serialised, with the version it was made at, in a transaction of
   * its own: `info_version` and the row in one statement (one snapshot), then the policy of
   * the row's version (it never changes once written) and the stations' next visits. Those
   * later statements see that snapshot's data or newer (read committed): an answer may be
   * newer than its version, never older, and a newer version no longer serves it.
   */
  private async render(tenant: TenantRef, slug: string): Promise<InfoAnswer> {
    const schema = currentTenantSchema();
    const { row, policy, visits, day } = await runInTenant(this.ds, tenant, async (m) => {
      const [row]: (InfoRow & { infoVersion: string })[] = await m.query(
        `SELECT (SELECT version::text FROM ${schema}.info_version) AS "infoVersion", i.* FROM (${infoStatement(schema)}) i`,
      );
      const { policy } = await this.store.atVersion(row.version);
      const day = row.hasBookmobile ? this.today() : null;
      const visits = day === null ? new Map<string, StationVisit[]>() : await this.bookmobile.nextVisitsByStation(3, day);
      return { row, policy, visits, day };
    });
    const body = Buffer.from(JSON.stringify(infoOf(row, policy, visits, slug, tenant.name)));
    return { version: row.infoVersion, slug, name: tenant.name, day, body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
  }
}

/** The /info answer from its row (the JSON texts parsed here) and the policy of the row's version. */
function infoOf(row: InfoRow, policy: Policy, visits: Map<string, StationVisit[]>, slug: string, fallbackName: string): LibraryInfo {
  const city = (row.city == null ? {} : JSON.parse(row.city)) as { name?: string; theme?: LibraryInfo['theme'] };
  const branches: Branch[] = JSON.parse(row.branches);
  const points: PickupPoint[] = JSON.parse(row.pickupPoints);
  return {
    slug,
    name: city.name ?? fallbackName,
    theme: city.theme ?? null,
    branches: branches.map(({ active, sort, ...b }): PublicBranch => b),
    // a bookmobile station carries its next visits, for the pickup choice (date, time, place)
    pickupPoints: points.map(({ active, sort, ...p }): PublicPickupPoint => (p.kind === 'bookmobile-station' ? { ...p, nextVisits: visits.get(p.code) ?? [] } : p)),
    policy: patronFacingPolicy(policy),
  };
}
