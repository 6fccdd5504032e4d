import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { afterTransaction, currentTenant, hasTenantContext, runInTenant, tenantManager } from '@shiori/tenancy';
import {
  ClosedDays,
  CourierLibrary,
  CourierTimetable,
  courierTrip,
  describeCourierRun,
  parseCourierTimetable,
} from '@shiori/policy';
import type { CourierArrival, CourierBranch, CourierLibraryName, CourierMember, CourierTimetableView } from '@shiori/contracts';
import { DomainError } from '../../../engine/errors/domain-error';
import { TENANT_ROW_COLUMNS, TenantRow } from '../../../engine/tenancy/tenant-registry.service';
import { tokyoDate } from '../../../engine/time';
import { PlatformAuditService } from '../../platform';
import { CalendarService } from '../../places';
import { RegionErrors } from '../region.errors';
import { RegionsService } from '../regions.service';
import type { PutCourierDto } from './courier.dto';

type Queryable = { query: EntityManager['query'] };

/** How old another city's calendar may be when read inside a tenant transaction (see expectedArrival). */
const CALENDAR_TTL_MS = 60_000;

const inTenantTransaction = () => hasTenantContext() && currentTenant().manager !== undefined;

/** One end of a trip, as the ILL module names it: a city and, where known, its branch (null: whichever the courier calls at). */
export interface CourierEnd {
  slug: string;
  branch?: string | null;
}

/** What the ILL module gets: the region whose courier carries it, the day it leaves and the day it arrives. */
export interface ExpectedArrival {
  regionCode: string;
  departs: string;
  arrives: string;
}

interface StoredRun {
  name: string;
  weekday: number | null;
  weeks: number[];
  dates: string[];
  note: string;
  stops: { tenantId: string; branch: string }[];
}

interface Stored {
  regionId: string;
  sameDayHandover: boolean;
  updatedAt: string | null;
  runs: StoredRun[];
  closures: { first: string; last: string; note: string }[];
}

/**
 * The region's courier timetable (連絡車): kept in the platform schema (migration 0008-courier),
 * edited whole by regional IT, validated by the policy library (member branches only), and
 * read by `expectedArrival` for anything sent between two member libraries (the ILL module).
 *
 * Cities are read one at a time, each in its own tenant transaction (its branches, its
 * calendar): never SQL naming two tenant schemas, and never a connection held while another
 * is taken (inside a caller's tenant transaction, see expectedArrival).
 */
@Injectable()
export class CourierService {
  private readonly log = new Logger('CourierService');
  /** Each city's calendar as last read on this instance. */
  private readonly calendarCopies = new Map<string, { from: string; at: number; closed: ClosedDays }>();

  constructor(
    private readonly ds: DataSource,
    private readonly regions: RegionsService,
    private readonly calendar: CalendarService,
    private readonly audit: PlatformAuditService,
  ) {}

  /** The timetable editor's view: runs with their stops named, closures, and every member's branches. */
  async view(code: string): Promise<CourierTimetableView> {
    const region = await this.regions.withCities(code);
    const stored = await this.read(this.ds, code);
    const members = await this.membersOf(region.cities);
    const byCity = new Map(members.map((m) => [m.city, m]));
    const slugById = new Map(region.cities.map((c) => [c.id, c.slug]));
    return {
      region: { code: region.code, name: region.name, nameEn: region.nameEn },
      sameDayHandover: stored.sameDayHandover,
      updatedAt: stored.updatedAt,
      runs: stored.runs.map((r) => ({
        name: r.name,
        weekday: r.weekday,
        weeks: r.weeks,
        dates: r.dates,
        note: r.note,
        pattern: describeCourierRun({ ...r, stops: [] }),
        stops: r.stops.map((s) => {
          const city = slugById.get(s.tenantId);
          const member = city ? byCity.get(city) : undefined;
          const branch = member?.branches.find((b) => b.code === s.branch);
          // a stop of a city that has left the region stays visible (and is left out of every trip)
          return {
            city: city ?? null,
            branch: s.branch,
            cityName: member?.cityName ?? null,
            branchName: branch?.name ?? null,
            branchNameEn: branch?.nameEn ?? null,
            member: !!member && !!branch,
          };
        }),
      })),
      closures: stored.closures,
      members,
    };
  }

  /**
   * Replaces the region's timetable: 422 COURIER_INVALID with field errors addressed like the
   * body (`runs.1.stops.2`), else one transaction that rewrites it, audited as
   * region.courier (before/after, by city slug and branch code).
   */
  async put(code: string, dto: PutCourierDto): Promise<CourierTimetableView> {
    const region = await this.regions.withCities(code);
    const members = await this.membersOf(region.cities);
    const libraries = members.flatMap((m) => m.branches.filter((b) => b.active).map((b) => ({ city: m.city, branch: b.code })));
    const parsed = parseCourierTimetable(
      {
        sameDayHandover: dto.sameDayHandover ?? true,
        runs: dto.runs.map((r) => ({ name: r.name ?? '', weekday: r.weekday ?? null, weeks: r.weeks ?? [], dates: r.dates ?? [], note: r.note ?? '', stops: r.stops })),
        closures: dto.closures.map((c) => ({ first: c.first, last: c.last, note: c.note ?? '' })),
      },
      libraries,
    );
    if (!parsed.ok) throw new DomainError(RegionErrors.COURIER_INVALID, undefined, parsed.errors);
    const tt = parsed.timetable;
    const idBySlug = new Map(region.cities.map((c) => [c.slug, c.id]));
    // one span is kept once (the first note given)
    const closures = [...new Map(tt.closures.map((c) => [`${c.first}/${c.last}`, c])).values()].sort((a, b) => (a.first + a.last).localeCompare(b.first + b.last));

    await this.ds.transaction(async (m) => {
      const [row]: { id: string }[] = await m.query(`SELECT id FROM platform.regions WHERE code = $1 FOR UPDATE`, [code]);
      if (!row) throw new DomainError(RegionErrors.REGION_NOT_FOUND);
      const before = await this.read(m, code);
      await m.query(`DELETE FROM platform.courier_runs WHERE region_id = $1`, [row.id]);
      await m.query(`DELETE FROM platform.courier_closures WHERE region_id = $1`, [row.id]);
      await m.query(
        `INSERT INTO platform.courier_timetables (region_id, same_day_handover, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT courier_timetables_pkey DO UPDATE SET same_day_handover = EXCLUDED.same_day_handover, updated_at = EXCLUDED.updated_at`,
        [row.id, tt.sameDayHandover, new Date().toISOString()],
      );
      for (const [position, run] of tt.runs.entries()) {
        const [{ id }]: { id: string }[] = await m.query(
          `INSERT INTO platform.courier_runs (region_id, position, name, weekday, weeks, dates, note) VALUES ($1, $2, $3, $4, $5::int[], $6::date[], $7) RETURNING id`,
          [row.id, position, run.name, run.weekday, run.weeks, run.dates, run.note],
        );
        await m.query(
          `INSERT INTO platform.courier_stops (run_id, position, tenant_id, branch_code)
           SELECT $1, s.n - 1, s.tenant_id, s.branch FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS s(tenant_id, branch, n)`,
          [id, run.stops.map((s) => idBySlug.get(s.city)), run.stops.map((s) => s.branch)],
        );
      }
      for (const c of closures) {
        await m.query(`INSERT INTO platform.courier_closures (region_id, first_day, last_day, note) VALUES ($1, $2, $3, $4)`, [row.id, c.first, c.last, c.note]);
      }
      const slugOf = new Map(region.cities.map((c) => [c.id, c.slug]));
      const plain = (s: Stored) => ({
        sameDayHandover: s.sameDayHandover,
        runs: s.runs.map((r) => ({ ...r, stops: r.stops.map((x) => `${slugOf.get(x.tenantId) ?? x.tenantId}:${x.branch}`) })),
        closures: s.closures,
      });
      await this.audit.record(m, {
        action: 'region.courier',
        entity: 'region',
        entityId: code,
        before: before.updatedAt ? plain(before) : null,
        after: { sameDayHandover: tt.sameDayHandover, runs: tt.runs.map((r) => ({ ...r, stops: r.stops.map((s) => `${s.city}:${s.branch}`) })), closures },
      });
    });
    return this.view(code);
  }

  /**
   * `GET …/courier/arrival`: the trip between two member libraries on this region's courier,
   * with the libraries' names; 422 COURIER_UNKNOWN_LIBRARY / COURIER_SAME_LIBRARY / COURIER_NO_ROUTE.
   */
  async arrival(code: string, from: CourierLibrary, to: CourierLibrary, date = tokyoDate()): Promise<CourierArrival> {
    const region = await this.regions.withCities(code);
    if (from.city === to.city && from.branch === to.branch) throw new DomainError(RegionErrors.COURIER_SAME_LIBRARY);
    const ends: { end: CourierLibrary; city: TenantRow | undefined; path: string }[] = [
      { end: from, city: region.cities.find((c) => c.slug === from.city), path: 'from' },
      { end: to, city: region.cities.find((c) => c.slug === to.city), path: 'to' },
    ];
    const names: CourierLibraryName[] = [];
    for (const { end, city, path } of ends) {
      const branch = city ? (await this.branchesOf(city)).find((b) => b.code === end.branch) : undefined;
      if (!city || !branch) {
        throw new DomainError(RegionErrors.COURIER_UNKNOWN_LIBRARY, undefined, [
          { path, code: 'COURIER_UNKNOWN_LIBRARY', message: { ja: 'この地域の加盟館の館（分館）ではありません。', en: 'Not a library (branch) of a member of this region.' } },
        ]);
      }
      names.push({ city: city.slug, cityName: city.name, branch: branch.code, branchName: branch.name });
    }
    const stored = await this.read(this.ds, code);
    const tt = this.timetableOf(stored, region.cities);
    const trip = courierTrip({ timetable: tt, from, to, handedOver: date, isClosed: await this.calendars([ends[0].city!, ends[1].city!], date) });
    if (!trip) throw new DomainError(RegionErrors.COURIER_NO_ROUTE);
    const describe = (run: number) => ({ name: tt.runs[run].name, pattern: describeCourierRun(tt.runs[run]) });
    return {
      regionCode: code,
      handedOver: date,
      from: names[0],
      to: names[1],
      departs: { date: trip.departs.date, run: describe(trip.departs.run) },
      arrives: { date: trip.arrives.date, run: describe(trip.arrives.run) },
    };
  }

  /**
   * When something handed over at `from` on `handedOver` leaves and arrives at `to`, on the
   * courier of a region both cities are members of (the earliest arrival when several regions'
   * couriers call at both, then the region code). A null branch stands for whichever of the
   * city's libraries the courier calls at. Null when no shared region's courier calls at both.
   *
   * Outside a tenant transaction it reads both cities' calendars now. Inside one (the ILL
   * module's) it takes no second connection: the platform tables and that city's calendar are
   * read through the transaction, the other city's calendar comes from this instance's copy (at
   * most CALENDAR_TTL_MS old); without a copy that city's own closed days are left out this
   * once and its calendar is read after the transaction, for the next answer.
   */
  async expectedArrival(q: { from: CourierEnd; to: CourierEnd; handedOver: string }): Promise<ExpectedArrival | null> {
    const platform = this.platformReader();
    // the registry (a reference table on Citus) and the regions (coordinator tables) in statements of their own
    const ends: TenantRow[] = await platform.query(`SELECT ${TENANT_ROW_COLUMNS} FROM platform.tenants WHERE slug = ANY($1::text[])`, [[q.from.slug, q.to.slug]]);
    const fromCity = ends.find((c) => c.slug === q.from.slug);
    const toCity = ends.find((c) => c.slug === q.to.slug);
    if (!fromCity || !toCity) return null;
    const shared: { id: string; code: string; memberIds: string[] }[] = await platform.query(
      `SELECT r.id, r.code, ARRAY(SELECT m.tenant_id::text FROM platform.region_members m WHERE m.region_id = r.id) AS "memberIds"
         FROM platform.regions r
        WHERE EXISTS (SELECT 1 FROM platform.region_members a WHERE a.region_id = r.id AND a.tenant_id = $1)
          AND EXISTS (SELECT 1 FROM platform.region_members b WHERE b.region_id = r.id AND b.tenant_id = $2)
          AND EXISTS (SELECT 1 FROM platform.courier_runs cr WHERE cr.region_id = r.id)
        ORDER BY r.code`,
      [fromCity.id, toCity.id],
    );
    if (!shared.length) return null;
    let isClosed: ((l: CourierLibrary, date: string) => boolean) | undefined;
    let best: ExpectedArrival | null = null;
    for (const region of shared) {
      const cities: TenantRow[] = await platform.query(`SELECT ${TENANT_ROW_COLUMNS} FROM platform.tenants WHERE id = ANY($1::uuid[])`, [region.memberIds]);
      const tt = this.timetableOf(await this.read(platform, region.code), cities);
      const librariesOf = (end: CourierEnd): CourierLibrary[] =>
        end.branch
          ? [{ city: end.slug, branch: end.branch }]
          : [...new Set(tt.runs.flatMap((r) => r.stops.filter((s) => s.city === end.slug).map((s) => s.branch)))].map((branch) => ({ city: end.slug, branch }));
      const froms = librariesOf(q.from);
      const tos = librariesOf(q.to);
      if (!froms.length || !tos.length) continue;
      isClosed ??= await this.calendars([fromCity, toCity], q.handedOver);
      for (const from of froms) {
        for (const to of tos) {
          const trip = courierTrip({ timetable: tt, from, to, handedOver: q.handedOver, isClosed });
          if (!trip) continue;
          const better = !best || trip.arrives.date < best.arrives || (trip.arrives.date === best.arrives && trip.departs.date < best.departs);
          if (better) best = { regionCode: region.code, departs: trip.departs.date, arrives: trip.arrives.date };
        }
      }
    }
    return best;
  }

  /** Platform reads: on the caller's tenant transaction when there is one (no second connection), else the pool. */
  private platformReader(): Queryable {
    return inTenantTransaction() ? tenantManager() : this.ds;
  }

  /** Each city's calendar (its closed days and weekly closing days per branch), read in that city (see expectedArrival). */
  private async calendars(cities: TenantRow[], from: string): Promise<(l: CourierLibrary, date: string) => boolean> {
    const bySlug = new Map<string, ClosedDays>();
    for (const city of cities) {
      if (bySlug.has(city.slug)) continue;
      if (!inTenantTransaction()) {
        bySlug.set(city.slug, await this.readCalendar(city, from));
      } else if (currentTenant().slug === city.slug) {
        bySlug.set(city.slug, await this.calendar.closedDays(from));
      } else {
        const copy = this.calendarCopies.get(city.slug);
        if (copy && copy.from <= from && Date.now() - copy.at < CALENDAR_TTL_MS) bySlug.set(city.slug, copy.closed);
        else await afterTransaction(() => this.readCalendar(city, from).catch((e) => this.log.warn(`calendar of ${city.slug}: ${(e as Error).message}`)));
      }
    }
    return (l, date) => bySlug.get(l.city)?.(date, l.branch) ?? false;
  }

  /** A city's calendar from `from` on, in its own transaction; kept as this instance's copy. */
  private async readCalendar(city: TenantRow, from: string): Promise<ClosedDays> {
    const closed = await runInTenant(this.ds, city, () => this.calendar.closedDays(from));
    this.calendarCopies.set(city.slug, { from, at: Date.now(), closed });
    return closed;
  }

  /** A city's branches, read in that city (its own transaction, or the caller's when it is that city's). */
  private async branchesOf(city: TenantRow): Promise<CourierBranch[]> {
    const sql = `SELECT code, name, name_en AS "nameEn", active FROM branches ORDER BY sort, code`;
    if (inTenantTransaction() && currentTenant().slug === city.slug) return tenantManager().query(sql);
    return runInTenant(this.ds, city, (m) => m.query(sql));
  }

  /** Every member city with its branches, one city after another. */
  private async membersOf(cities: TenantRow[]): Promise<CourierMember[]> {
    const out: CourierMember[] = [];
    for (const c of cities) out.push({ city: c.slug, cityName: c.name, status: c.status, branches: await this.branchesOf(c) });
    return out;
  }

  /** What is stored, as the pure rules take it: stops of cities no longer members are left out. */
  private timetableOf(stored: Stored, cities: TenantRow[]): CourierTimetable {
    const slugById = new Map(cities.map((c) => [c.id, c.slug]));
    return {
      sameDayHandover: stored.sameDayHandover,
      runs: stored.runs.map((r) => ({
        name: r.name,
        weekday: r.weekday,
        weeks: r.weeks,
        dates: r.dates,
        note: r.note,
        stops: r.stops.flatMap((s) => {
          const city = slugById.get(s.tenantId);
          return city ? [{ city, branch: s.branch }] : [];
        }),
      })),
      closures: stored.closures,
    };
  }

  /** The stored timetable of a region (empty when it has none yet); REGION_NOT_FOUND when the region is unknown. */
  private async read(q: Queryable, code: string): Promise<Stored> {
    const [row]: { id: string; sameDayHandover: boolean | null; updatedAt: string | null }[] = await q.query(
      `SELECT r.id, t.same_day_handover AS "sameDayHandover", t.updated_at AS "updatedAt"
         FROM platform.regions r LEFT JOIN platform.courier_timetables t ON t.region_id = r.id WHERE r.code = $1`,
      [code],
    );
    if (!row) throw new DomainError(RegionErrors.REGION_NOT_FOUND);
    const runs: (Omit<StoredRun, 'stops'> & { stops: StoredRun['stops'] | null })[] = await q.query(
      `SELECT cr.name, cr.weekday, cr.weeks::int[] AS weeks,
              ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(cr.dates) AS d ORDER BY d) AS dates, cr.note,
              (SELECT json_agg(json_build_object('tenantId', s.tenant_id, 'branch', s.branch_code) ORDER BY s.position)
                 FROM platform.courier_stops s WHERE s.run_id = cr.id) AS stops
         FROM platform.courier_runs cr WHERE cr.region_id = $1 ORDER BY cr.position`,
      [row.id],
    );
    const closures: Stored['closures'] = await q.query(
      `SELECT to_char(first_day, 'YYYY-MM-DD') AS first, to_char(last_day, 'YYYY-MM-DD') AS last, note
         FROM platform.courier_closures WHERE region_id = $1 ORDER BY first_day, last_day`,
      [row.id],
    );
    return {
      regionId: row.id,
      sameDayHandover: row.sameDayHandover ?? true,
      updatedAt: row.updatedAt,
      runs: runs.map((r) => ({ ...r, stops: r.stops ?? [] })),
      closures,
    };
  }
}
