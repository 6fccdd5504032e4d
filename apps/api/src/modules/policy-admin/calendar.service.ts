import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { ClosedDays, closedDaysFromList } from '@shiori/policy';

/** The tenant's closed-day calendar as the pure `ClosedDays` function the policy evaluators take. */
@Injectable()
export class CalendarService {
  /** Closed days from `from` on (a year ahead covers every due date and shelf expiry). */
  async closedDays(from: string): Promise<ClosedDays> {
    const rows: { branchCode: string | null; date: string }[] = await tenantManager().query(
      `SELECT branch_code AS "branchCode", to_char(date, 'YYYY-MM-DD') AS date FROM closed_days
        WHERE date >= $1::date AND date < $1::date + 400`,
      [from],
    );
    return closedDaysFromList(rows.map((r) => ({ date: r.date, branchCode: r.branchCode ?? undefined })));
  }
}
