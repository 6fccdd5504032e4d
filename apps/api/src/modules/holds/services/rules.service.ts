import { Injectable } from '@nestjs/common';
import type { ClosedDays, Policy } from '@shiori/policy';
import { tokyoDate } from '../../../engine/time';
import { PolicyStore } from '../../policy';
import { BookmobileService, CalendarService, StationRules } from '../../places';

/** What every circulation decision needs: the current policy, its version, today and the closed-day calendar. */
export interface Rules {
  version: number;
  policy: Policy;
  /** Today in the library's town (Asia/Tokyo), 'YYYY-MM-DD'. */
  today: string;
  isClosed: ClosedDays;
}

/**
 * Loads the rules once per operation, inside the request's tenant transaction, so one
 * desk operation decides everything against one policy version.
 */
@Injectable()
export class RulesService {
  constructor(
    private readonly store: PolicyStore,
    private readonly calendar: CalendarService,
    private readonly bookmobile: BookmobileService,
  ) {}

  /** `from`: the earliest day a decision looks at (a back-dated loan's day); defaults to today. */
  async load(from?: string): Promise<Rules> {
    const today = tokyoDate();
    const start = from && from < today ? from : today;
    // One connection per transaction: the two queries run one after the other anyway.
    const { version, policy } = await this.store.current();
    const isClosed = await this.calendar.closedDays(start);
    return { version, policy, today, isClosed };
  }

  /**
   * The timetable context of a bookmobile station (loans made there, holds picked up there),
   * or null for any other place. Read only when a loan or hold names a station.
   */
  stationRules(rules: Rules, stationCode: string | null | undefined): Promise<StationRules | null> {
    return stationCode ? this.bookmobile.stationRules(stationCode, rules.isClosed) : Promise.resolve(null);
  }
}
