import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { ClosedDay, HolidaysAdded } from '@shiori/contracts';
import holidayJp from '@holiday-jp/holiday_jp';
import { AuditService } from '../../engine/audit/audit.service';
import { DomainError } from '../../engine/errors/domain-error';
import type { AddHolidaysDto, CreateClosedDayDto } from './dto/places.dto';
import { PlacesErrors } from './places.errors';
import { CLOSED_DAY_COLUMNS, isUniqueViolation } from './places.service';

/** The closed-day calendar the librarians edit: a branch's or the whole city's closed days, and the national holidays. */
@Injectable()
export class ClosedDaysService {
  constructor(private readonly audit: AuditService) {}

  async closedDays(from?: string, to?: string): Promise<ClosedDay[]> {
    return tenantManager().query(
      `SELECT ${CLOSED_DAY_COLUMNS} FROM closed_days
        WHERE ($1::date IS NULL OR date >= $1::date) AND ($2::date IS NULL OR date <= $2::date) ORDER BY date, branch_code NULLS FIRST`,
      [from ?? null, to ?? null],
    );
  }

  /** A closed day names a branch by code: an unknown one is refused before the write (the foreign key would fail it). */
  private async requireBranch(code: string | undefined): Promise<void> {
    if (!code) return;
    const [b] = await tenantManager().query(`SELECT code FROM branches WHERE code = $1`, [code]);
    if (!b) throw new DomainError(PlacesErrors.BRANCH_NOT_FOUND, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
  }

  async addClosedDay(d: CreateClosedDayDto): Promise<ClosedDay> {
    const m = tenantManager();
    await this.requireBranch(d.branchCode);
    try {
      const [{ id }] = await m.query(`INSERT INTO closed_days (branch_code, date, reason) VALUES ($1,$2,$3) RETURNING id`, [
        d.branchCode ?? null,
        d.date,
        d.reason ?? null,
      ]);
      // read back: its date is formatted with to_char, which Citus refuses in a write's RETURNING
      const [row] = await m.query(`SELECT ${CLOSED_DAY_COLUMNS} FROM closed_days WHERE id = $1`, [id]);
      await this.audit.record('closed-day.create', 'closed-day', String(row.id), null, row);
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError(PlacesErrors.CLOSED_DAY_EXISTS);
      throw e;
    }
  }

  async removeClosedDay(id: string) {
    const m = tenantManager();
    const [row] = await m.query(`SELECT id, branch_code AS "branchCode", to_char(date,'YYYY-MM-DD') AS date FROM closed_days WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new DomainError('NOT_FOUND');
    await m.query(`DELETE FROM closed_days WHERE id = $1`, [id]);
    await this.audit.record('closed-day.delete', 'closed-day', id, row, null);
  }

  /** Japanese national holidays of a year as closed days (opt-in, one click in the admin calendar). */
  async addHolidays(d: AddHolidaysDto): Promise<HolidaysAdded> {
    const m = tenantManager();
    await this.requireBranch(d.branchCode);
    const holidays = holidayJp.between(new Date(Date.UTC(d.year, 0, 1)), new Date(Date.UTC(d.year, 11, 31)));
    let added = 0;
    for (const h of holidays) {
      const date = `${h.date.getFullYear()}-${String(h.date.getMonth() + 1).padStart(2, '0')}-${String(h.date.getDate()).padStart(2, '0')}`;
      const res = await m.query(
        `INSERT INTO closed_days (branch_code, date, reason) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING id`,
        [d.branchCode ?? null, date, h.name],
      );
      added += res.length;
    }
    await this.audit.record('closed-day.holidays', 'closed-day', String(d.year), null, { year: d.year, added });
    return { year: d.year, holidays: holidays.length, added };
  }
}
