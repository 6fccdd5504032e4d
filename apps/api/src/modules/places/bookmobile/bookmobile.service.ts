import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { BookmobileClosures, BookmobileStationTimetable, BusPreview, BusTimetable, PublicBookmobile, StationVisit, TimetableImportReport } from '@shiori/contracts';
import {
  addDays,
  BookmobileStopInput,
  BookmobileTimetable,
  BookmobileVisit,
  ClosedDays,
  describeStopPattern,
  nextVisits,
  parseTimetable,
  TimetableIssue,
  VisitQuery,
  visitsOn,
} from '@shiori/policy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { tokyoDate } from '../../../engine/time';
import { CalendarService } from '../calendar.service';
import { PlacesErrors } from '../places.errors';
import type { PutClosuresDto, StopDto } from './bookmobile.dto';
import { importRows } from './timetable-csv';

/** A bookmobile station (a pickup point of kind 'bookmobile-station') with its bus (branch). */
export interface Station {
  code: string;
  name: string;
  nameEn: string | null;
  branchCode: string;
}

/** One bus (a branch marked bookmobile), its stations and its whole timetable. */
export interface Bus {
  code: string;
  name: string;
  nameEn: string | null;
  stations: Station[];
  timetable: BookmobileTimetable;
}

/** The stations, timetable and calendar a rule about one station needs. */
export interface StationRules {
  station: Station;
  query: VisitQuery;
}

const STOP_COLUMNS = `s.station_code AS "stationCode", s.weekday, s.weeks::int[] AS weeks,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(s.dates) AS d ORDER BY d) AS dates,
  s.start_time AS start, s.end_time AS "end", s.place, s.note, s.school`;

const toVisit = (v: BookmobileVisit): StationVisit => ({ date: v.date, start: v.start, end: v.end, place: v.place, note: v.note });

/**
 * The bookmobile's timetable (巡回表): stored per station, validated per bus by the policy
 * library (no two stops at once, real times, the bus's own stations), read by the rules that
 * follow the bus (due dates, station holds), the OPAC (station picker, 館の案内) and the desk
 * (本日の巡回). Staff writes are audited; each runs in the request's transaction.
 */
@Injectable()
export class BookmobileService {
  constructor(
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
  ) {}

  /** Every bus of the city with its stations and timetable, in display order. */
  async buses(onlyActive = false): Promise<Bus[]> {
    const m = tenantManager();
    const branches: { code: string; name: string; nameEn: string | null }[] = await m.query(
      `SELECT code, name, name_en AS "nameEn" FROM branches WHERE is_bookmobile ${onlyActive ? 'AND active' : ''} ORDER BY sort, code`,
    );
    if (branches.length === 0) return [];
    const stations: Station[] = await m.query(
      `SELECT p.code, p.name, p.name_en AS "nameEn", p.branch_code AS "branchCode"
         FROM pickup_points p JOIN branches b ON b.code = p.branch_code
        WHERE p.kind = 'bookmobile-station' AND b.is_bookmobile ${onlyActive ? 'AND p.active' : ''}
        ORDER BY p.sort, p.code`,
    );
    const stops: (BookmobileStopInput & { branchCode: string })[] = await m.query(
      `SELECT ${STOP_COLUMNS}, p.branch_code AS "branchCode"
         FROM bookmobile_stops s JOIN pickup_points p ON p.code = s.station_code
        ORDER BY s.station_code, s.sort, s.start_time`,
    );
    const closures: { branchCode: string; kind: string; first: string; last: string; note: string }[] = await m.query(
      `SELECT branch_code AS "branchCode", kind, to_char(first_day, 'YYYY-MM-DD') AS first, to_char(last_day, 'YYYY-MM-DD') AS last, note
         FROM bookmobile_closures ORDER BY first_day`,
    );
    return branches.map((b) => {
      const own = stations.filter((s) => s.branchCode === b.code);
      const parsed = parseTimetable(
        {
          stops: stops.filter((s) => s.branchCode === b.code).map(({ branchCode: _b, ...s }) => s),
          closedDays: closures.filter((c) => c.branchCode === b.code && c.kind === 'closed').map((c) => c.first),
          schoolHolidays: closures
            .filter((c) => c.branchCode === b.code && c.kind === 'school-holiday')
            .map((c) => ({ first: c.first, last: c.last, note: c.note })),
        },
        own.map((s) => s.code),
      );
      // What is stored was validated when written; a station moved off the bus since drops out.
      const timetable: BookmobileTimetable = parsed.ok ? parsed.timetable : { stops: [], closedDays: [], schoolHolidays: [] };
      return { ...b, stations: own, timetable };
    });
  }

  async bus(code: string): Promise<Bus> {
    const bus = (await this.buses()).find((b) => b.code === code);
    if (!bus) throw new DomainError(PlacesErrors.BOOKMOBILE_NOT_FOUND);
    return bus;
  }

  /**
   * The rules context of a bookmobile station, or null when the code is not one (a counter,
   * a locker): loans and holds there keep their ordinary rules.
   */
  async stationRules(stationCode: string, isClosed: ClosedDays): Promise<StationRules | null> {
    const [row]: { branchCode: string }[] = await tenantManager().query(
      `SELECT p.branch_code AS "branchCode" FROM pickup_points p JOIN branches b ON b.code = p.branch_code
        WHERE p.code = $1 AND p.kind = 'bookmobile-station' AND b.is_bookmobile`,
      [stationCode],
    );
    if (!row) return null;
    const bus = (await this.buses()).find((b) => b.code === row.branchCode);
    const station = bus?.stations.find((s) => s.code === stationCode);
    if (!bus || !station) return null;
    return { station, query: { timetable: bus.timetable, isClosed, busCode: bus.code } };
  }

  /** The calendar a visit query takes: the library calendar from `from` on. */
  async isClosedFrom(from: string): Promise<ClosedDays> {
    return this.calendar.closedDays(from);
  }

  /** The timetable editor's view of one bus: stations with their stops, closures. */
  async timetable(busCode: string): Promise<BusTimetable> {
    const bus = await this.bus(busCode);
    return {
      code: bus.code,
      name: bus.name,
      nameEn: bus.nameEn,
      stations: bus.stations.map((s) => ({
        ...s,
        stops: bus.timetable.stops.filter((x) => x.stationCode === s.code).map((x) => ({ ...x, pattern: describeStopPattern(x) })),
      })),
      closedDays: bus.timetable.closedDays,
      schoolHolidays: bus.timetable.schoolHolidays,
    };
  }

  /**
   * Replaces one station's stops, validated with the rest of its bus: 422 TIMETABLE_INVALID
   * with field errors addressed `stops.<i>.<field>` of the body.
   */
  async putStationStops(stationCode: string, stops: StopDto[]): Promise<BookmobileStationTimetable> {
    const [station]: Station[] = await tenantManager().query(
      `SELECT p.code, p.name, p.name_en AS "nameEn", p.branch_code AS "branchCode" FROM pickup_points p JOIN branches b ON b.code = p.branch_code
        WHERE p.code = $1 AND p.kind = 'bookmobile-station' AND b.is_bookmobile FOR UPDATE OF p`,
      [stationCode],
    );
    if (!station) throw new DomainError(PlacesErrors.STATION_NOT_FOUND);
    const bus = await this.bus(station.branchCode);
    const others = bus.timetable.stops.filter((s) => s.stationCode !== stationCode);
    const incoming = stops.map((s) => ({ ...s, stationCode }));
    const errors = this.check(bus, others, incoming);
    if (errors.length) throw new DomainError(PlacesErrors.TIMETABLE_INVALID, undefined, errors);
    const before = bus.timetable.stops.filter((s) => s.stationCode === stationCode);
    await this.replaceStops([stationCode], incoming);
    await this.audit.record('bookmobile.stops', 'pickup-point', stationCode, before, incoming);
    const saved = (await this.timetable(bus.code)).stations.find((s) => s.code === stationCode);
    if (!saved) throw new DomainError(PlacesErrors.STATION_NOT_FOUND);
    return saved;
  }

  /** The bus's closed days and school holidays, replaced whole. */
  async putClosures(busCode: string, dto: PutClosuresDto): Promise<BookmobileClosures> {
    const bus = await this.bus(busCode);
    const m = tenantManager();
    const before = { closedDays: bus.timetable.closedDays, schoolHolidays: bus.timetable.schoolHolidays };
    const errors = dto.schoolHolidays.flatMap((h, i) =>
      h.first > h.last ? [{ path: `schoolHolidays.${i}.last`, code: 'TIMETABLE_DATE', message: { ja: '終了日は開始日以降にしてください。', en: 'The last day must not be before the first.' } }] : [],
    );
    if (errors.length) throw new DomainError(PlacesErrors.TIMETABLE_INVALID, undefined, errors);
    await m.query(`DELETE FROM bookmobile_closures WHERE branch_code = $1`, [busCode]);
    for (const d of [...new Set(dto.closedDays)]) {
      await m.query(`INSERT INTO bookmobile_closures (branch_code, kind, first_day, last_day) VALUES ($1, 'closed', $2, $2)`, [busCode, d]);
    }
    for (const h of dto.schoolHolidays) {
      await m.query(`INSERT INTO bookmobile_closures (branch_code, kind, first_day, last_day, note) VALUES ($1, 'school-holiday', $2, $3, $4)`, [
        busCode,
        h.first,
        h.last,
        h.note ?? '',
      ]);
    }
    // as GET reads them back: a school holiday without a note has an empty one
    const after = { closedDays: [...new Set(dto.closedDays)].sort(), schoolHolidays: dto.schoolHolidays.map((h) => ({ first: h.first, last: h.last, note: h.note ?? '' })) };
    await this.audit.record('bookmobile.closures', 'branch', busCode, before, after);
    return after;
  }

  /** The bus's visits day by day, `weeks` weeks from `from` (the editor's 8-week preview). */
  async preview(busCode: string, from?: string, weeks = 8): Promise<BusPreview> {
    const start = from ?? tokyoDate();
    const bus = await this.bus(busCode);
    const isClosed = await this.calendar.closedDays(start);
    const q: VisitQuery = { timetable: bus.timetable, isClosed, busCode };
    const names = new Map(bus.stations.map((s) => [s.code, s]));
    const days: BusPreview['days'] = [];
    for (let i = 0; i < weeks * 7; i++) {
      const date = addDays(start, i);
      const visits = visitsOn(q, date);
      const reason = bus.timetable.closedDays.includes(date) || isClosed(date, busCode) ? 'closed' : null;
      days.push({
        date,
        closed: reason !== null,
        visits: visits.map((v) => ({ stationCode: v.stationCode, stationName: names.get(v.stationCode)?.name ?? v.stationCode, ...toVisit(v) })),
      });
    }
    return { code: bus.code, name: bus.name, from: start, to: addDays(start, weeks * 7 - 1), days };
  }

  /**
   * A timetable as libraries publish it, one stop per CSV row (station, days, times, place):
   * rows naming a station replace that station's stops; a row with a problem is left out and
   * reported with its line, the others are saved.
   */
  async importCsv(busCode: string, csv: string): Promise<TimetableImportReport> {
    const bus = await this.bus(busCode);
    const { report, stops } = importRows(csv, bus.stations, (others, incoming) => this.check(bus, others, incoming), bus.timetable.stops);
    const stations = [...new Set(stops.map((s) => s.stationCode))];
    if (stations.length) {
      await this.replaceStops(stations, stops);
      await this.audit.record('bookmobile.import', 'branch', busCode, null, { stations, stops: stops.length, rejected: report.rejected });
    }
    return report;
  }

  /**
   * Patrons' view (館の案内 and the station picker): each bus with its stations' stops, next
   * visits and the month of visits from `from`.
   */
  async publicView(from?: string, visits = 3): Promise<PublicBookmobile> {
    const today = tokyoDate();
    const monthStart = from ?? `${today.slice(0, 8)}01`;
    const monthEnd = addDays(`${addMonthStart(monthStart)}`, -1);
    const isClosed = await this.calendar.closedDays(monthStart < today ? monthStart : today);
    const buses = await this.buses(true);
    return {
      today,
      from: monthStart,
      to: monthEnd,
      buses: buses.map((bus) => {
        const q: VisitQuery = { timetable: bus.timetable, isClosed, busCode: bus.code };
        const month: PublicBookmobile['buses'][number]['visits'] = [];
        for (let d = monthStart; d <= monthEnd; d = addDays(d, 1)) {
          for (const v of visitsOn(q, d)) month.push({ stationCode: v.stationCode, ...toVisit(v) });
        }
        return {
          code: bus.code,
          name: bus.name,
          nameEn: bus.nameEn,
          closedDays: bus.timetable.closedDays,
          schoolHolidays: bus.timetable.schoolHolidays,
          stations: bus.stations.map((s) => ({
            code: s.code,
            name: s.name,
            nameEn: s.nameEn,
            stops: bus.timetable.stops
              .filter((x) => x.stationCode === s.code)
              .map((x) => ({ pattern: describeStopPattern(x), start: x.start, end: x.end, place: x.place, note: x.note, school: x.school })),
            nextVisits: nextVisits(q, s.code, today, visits).map(toVisit),
          })),
          visits: month,
        };
      }),
    };
  }

  /**
   * Next visits of every station of active buses from `today` on, for the pickup choice
   * (`/info`). They depend on the day only (a visit of today stays listed all day), on the
   * timetable (stops, the bus's closures) and on the library calendar.
   */
  async nextVisitsByStation(count: number, today = tokyoDate()): Promise<Map<string, StationVisit[]>> {
    const buses = await this.buses(true);
    if (!buses.length) return new Map();
    const isClosed = await this.calendar.closedDays(today);
    const out = new Map<string, StationVisit[]>();
    for (const bus of buses) {
      const q: VisitQuery = { timetable: bus.timetable, isClosed, busCode: bus.code };
      for (const s of bus.stations) out.set(s.code, nextVisits(q, s.code, today, count).map(toVisit));
    }
    return out;
  }

  /** Field errors of `incoming` stops (indices of `incoming`) checked with the bus's `others`. */
  private check(bus: Bus, others: BookmobileStopInput[], incoming: BookmobileStopInput[]): TimetableIssue[] {
    const parsed = parseTimetable(
      { stops: [...others, ...incoming], closedDays: bus.timetable.closedDays, schoolHolidays: bus.timetable.schoolHolidays },
      bus.stations.map((s) => s.code),
    );
    if (parsed.ok) return [];
    const offset = others.length;
    return parsed.errors.flatMap((e) => {
      const m = /^stops\.(\d+)(\..*)?$/.exec(e.path);
      if (!m || Number(m[1]) < offset) return [];
      return [{ ...e, path: `stops.${Number(m[1]) - offset}${m[2] ?? ''}` }];
    });
  }

  private async replaceStops(stationCodes: string[], stops: BookmobileStopInput[]): Promise<void> {
    const m = tenantManager();
    await m.query(`DELETE FROM bookmobile_stops WHERE station_code = ANY($1::text[])`, [stationCodes]);
    let sort = 0;
    for (const s of stops) {
      await m.query(
        `INSERT INTO bookmobile_stops (station_code, weekday, weeks, dates, start_time, end_time, place, note, school, sort)
         VALUES ($1,$2,$3::smallint[],$4::date[],$5,$6,$7,$8,$9,$10)`,
        [s.stationCode, s.weekday ?? null, s.weeks ?? [], s.dates ?? [], s.start, s.end, s.place ?? '', s.note ?? '', s.school ?? false, sort++],
      );
    }
  }
}

/** The 1st of the month after `date`'s month. */
function addMonthStart(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
