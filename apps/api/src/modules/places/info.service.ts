import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { currentTenant, currentTenantSchema, runInTenant, tenantManager, tenantStatement, TenantRef } from '@shiori/tenancy';
import { patronFacingPolicy, Policy } from '@shiori/policy';
import type { Branch, LibraryInfo, PickupPoint, PublicBranch, PublicPickupPoint, StationVisit } from '@shiori/contracts';
import { DataSource } from 'typeorm';
import { BookmobileService } from './bookmobile/bookmobile.service';
import { BRANCH_COLUMNS, PICKUP_COLUMNS } from './places.service';
import { PolicyStore } from '../policy';

/**
 * What /info is made of, read in one statement: the policy version, the active branches and
 * pickup points and the city's settings as JSON text (not parsed: equal texts mean an equal
 * answer, see InfoService.infoJson), and whether an active branch is a bookmobile.
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

/**
 * InfoRow's fingerprint (an md5 of everything /info is made of, computed by PostgreSQL: a
 * few bytes back instead of kilobytes of JSON to decode on every request) and, with `whole`,
 * the row itself.
 */
function fingerprintStatement(schema: string, whole: boolean): string {
  const key = `${whole}${schema}`;
  let sql = fingerprintStatements.get(key);
  if (sql === undefined) {
    if (fingerprintStatements.size >= 10_000) fingerprintStatements.clear();
    fingerprintStatements.set(key, (sql = buildFingerprintStatement(schema, whole)));
  }
  return sql;
}

/** The texts of fingerprintStatement, built once per schema (one string: its hash is computed once, for tenantStatement's names). */
const fingerprintStatements = new Map<string, string>();

function buildFingerprintStatement(schema: string, whole: boolean): string {
  const hash = `md5(concat_ws(chr(31), coalesce(i.version::text, '-'), i.branches, i."pickupPoints", coalesce(i.city, '-'))) AS hash`;
  return `SELECT ${whole ? 'i.*' : 'i."hasBookmobile"'}, ${hash} FROM (${infoStatement(schema)}) i`;
}

/** A serialised /info of one city and what it was made from (the key: equal key, equal answer). */
export interface InfoAnswer {
  key: string;
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
   * reads the fingerprint of what /info is made of (one statement) and the cached text serves
   * it only when it was made from that same fingerprint, so a change made through any
   * instance (or straight in the database) is seen by the next request everywhere.
   */
  private readonly answers = new Map<string, InfoAnswer>();

  constructor(
    private readonly store: PolicyStore,
    private readonly bookmobile: BookmobileService,
    private readonly ds: DataSource,
  ) {}

  /**
   * `GET /info`: city name, branches, pickup points (each with its patron note, `{ ja, en? }`
   * or null) and the patron-facing part of the policy. Inside a tenant transaction.
   */
  async info(slug: string, fallbackName: string): Promise<LibraryInfo> {
    // one statement for what every patron page asks (the floor of a tenant request: each
    // statement is a round trip); the policy is parsed once per version (PolicyStore)
    const [row]: InfoRow[] = await tenantManager().query(infoStatement(currentTenantSchema()));
    const { policy } = await this.store.atVersion(row.version);
    // buses(true) reads nothing more when no active branch is a bookmobile
    const visits = row.hasBookmobile ? await this.bookmobile.nextVisitsByStation(3) : new Map<string, StationVisit[]>();
    return infoOf(row, policy, visits, slug, fallbackName);
  }

  /**
   * The serialised /info of `tenant` (InfoRoute), or null for a city with an active
   * bookmobile (its stations' next visits change with the day and the timetables: answered by
   * info() in a transaction). One statement without a transaction reads what /info is made
   * of (its fingerprint); the text is made again only when that differs from what the cached
   * text was made of.
   * Everything in the answer comes from that one statement's snapshot and from the policy of
   * the version it names (a policy version never changes once written).
   */
  async infoJson(tenant: TenantRef): Promise<InfoAnswer | null> {
    const schema = currentTenantSchema();
    const [probe] = await tenantStatement<{ hash: string; hasBookmobile: boolean }>(fingerprintStatement(schema, false), []);
    if (probe.hasBookmobile) return null;
    const slug = currentTenant().slug;
    const cached = this.answers.get(tenant.id);
    if (cached && cached.key === `${probe.hash}\u0000${slug}\u0000${tenant.name}`) return cached;
    // made again from one read of the row and its fingerprint together: the answer is always
    // exactly what its key was computed from, whatever changed since the probe
    const [row] = await tenantStatement<InfoRow & { hash: string }>(fingerprintStatement(schema, true), []);
    if (row.hasBookmobile) return null;
    // the parsed policy of that version: PolicyStore's cache, or one read in a transaction of its own
    const { policy } = await runInTenant(this.ds, tenant, () => this.store.atVersion(row.version));
    const body = Buffer.from(JSON.stringify(infoOf(row, policy, new Map(), slug, tenant.name)));
    const answer = { key: `${row.hash}\u0000${slug}\u0000${tenant.name}`, body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
    if (this.answers.size >= MAX_CACHED_CITIES) this.answers.clear();
    this.answers.set(tenant.id, answer);
    return answer;
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
