import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { BookmobileDay, StationHold } from '@shiori/contracts';
import { compareDates, visitsOn } from '@shiori/policy';
import { BookmobileService } from '../../places';
import { RulesService } from './rules.service';
import { allocatedHoldSql } from '../../../engine/database/sql';

/** One copy the bus carries for a station hold (the contract's StationHold), with its station. */
interface StationHoldRow extends StationHold {
  stationCode: string;
}

/**
 * 本日の巡回: the bus's stops of a day and, per stop, the ready holds to hand out there and
 * the copies to load before the bus leaves (the pull list per stop): every copy allocated to a
 * hold for the station, in transit to the bus or already on its hold shelf.
 */
@Injectable()
export class BookmobileDeskService {
  constructor(
    private readonly rules: RulesService,
    private readonly bookmobile: BookmobileService,
  ) {}

  async today(date?: string): Promise<BookmobileDay> {
    const rules = await this.rules.load(date);
    const day = date ?? rules.today;
    const buses = await this.bookmobile.buses(true);
    const holds: StationHoldRow[] = buses.length
      ? await tenantManager().query(
          `SELECT h.id AS "holdId", h.pickup_point_code AS "stationCode", h.status, i.barcode AS "itemBarcode", i.branch_code AS "itemBranchCode",
                  r.title, r.volume, p.card_number AS "cardNumber", p.name AS "patronName",
                  to_char(h.pickup_from, 'YYYY-MM-DD') AS "pickupFrom", to_char(h.expires_at, 'YYYY-MM-DD') AS "lastDay"
             FROM holds h
             JOIN pickup_points pp ON pp.code = h.pickup_point_code AND pp.kind = 'bookmobile-station'
             JOIN items i ON i.id = h.item_id
             JOIN records r ON r.id = h.record_id
             JOIN patrons p ON p.id = h.patron_id
            WHERE ${allocatedHoldSql('h')}
            ORDER BY r.title_reading NULLS LAST, r.title, i.barcode`,
        )
      : [];
    return {
      date: day,
      buses: buses.map((bus) => {
        const names = new Map(bus.stations.map((s) => [s.code, s]));
        const visits = visitsOn({ timetable: bus.timetable, isClosed: rules.isClosed, busCode: bus.code }, day);
        return {
          code: bus.code,
          name: bus.name,
          nameEn: bus.nameEn,
          stops: visits.map((v) => {
            const mine = holds.filter((h) => h.stationCode === v.stationCode);
            const view = ({ stationCode: _s, ...h }: StationHoldRow) => h;
            return {
              stationCode: v.stationCode,
              stationName: names.get(v.stationCode)?.name ?? v.stationCode,
              stationNameEn: names.get(v.stationCode)?.nameEn ?? null,
              start: v.start,
              end: v.end,
              place: v.place,
              note: v.note,
              handOut: mine.filter((h) => h.status === 'ready' && (!h.pickupFrom || compareDates(h.pickupFrom, day) <= 0)).map(view),
              load: mine.map(view),
            };
          }),
        };
      }),
    };
  }
}
