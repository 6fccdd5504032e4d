import { Injectable } from '@nestjs/common';
import type { AuditEntry, AuditPage, BranchLoans, HoldStatusCount, MonthCount, Statistics, StatisticsTotals } from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { activeHoldSql, columnsSql } from '../../engine/database/sql';

const AUDIT_COLUMNS = columnsSql<AuditEntry>({
  id: 'id',
  at: 'at',
  actorKind: 'actor_kind',
  actorId: 'actor_id',
  actorName: 'actor_name',
  action: 'action',
  entity: 'entity',
  entityId: 'entity_id',
  before: 'before',
  after: 'after',
});

/** Statistics for the admin console's charts, and the audit log view. */
@Injectable()
export class ReportsService {
  /** Loans per month and per branch, holds by status, new patrons per month, over the last `months` months. */
  async statistics(months = 12): Promise<Statistics> {
    const m = tenantManager();
    const loansPerMonth = await m.query(
      `SELECT to_char(date_trunc('month', loaned_at AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM') AS month, count(*)::int AS loans
         FROM loans WHERE loaned_at >= date_trunc('month', now()) - make_interval(months => $1 - 1)
        GROUP BY 1 ORDER BY 1`,
      [months],
    );
    const loansPerBranch: BranchLoans[] = await m.query(
      `SELECT ${columnsSql<BranchLoans>({ branchCode: 'b.code', name: 'b.name', loans: 'count(l.id)::int' })}
         FROM branches b LEFT JOIN loans l ON l.branch_code = b.code AND l.loaned_at >= now() - make_interval(months => $1)
        GROUP BY b.code, b.name, b.sort ORDER BY b.sort, b.code`,
      [months],
    );
    const holdsByStatus: HoldStatusCount[] = await m.query(
      `SELECT ${columnsSql<HoldStatusCount>({ status: 'status', holds: 'count(*)::int' })} FROM holds GROUP BY status ORDER BY status`,
    );
    const newPatronsPerMonth = await m.query(
      `SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM') AS month, count(*)::int AS patrons
         FROM patrons WHERE created_at >= date_trunc('month', now()) - make_interval(months => $1 - 1)
        GROUP BY 1 ORDER BY 1`,
      [months],
    );
    const [totals]: StatisticsTotals[] = await m.query(
      `SELECT ${columnsSql<StatisticsTotals>({
        patrons: '(SELECT count(*) FROM patrons)::int',
        records: '(SELECT count(*) FROM records WHERE withdrawn_at IS NULL)::int',
        items: `(SELECT count(*) FROM items WHERE status <> 'withdrawn')::int`,
        openLoans: '(SELECT count(*) FROM loans WHERE returned_at IS NULL)::int',
        activeHolds: `(SELECT count(*) FROM holds WHERE ${activeHoldSql()})::int`,
      })}`,
    );
    return { months, totals, loansPerMonth: fillMonths(loansPerMonth, months, 'loans'), loansPerBranch, holdsByStatus, newPatronsPerMonth: fillMonths(newPatronsPerMonth, months, 'patrons') };
  }

  async audit(q: { page: number; size: number; action?: string; entity?: string; entityId?: string }): Promise<AuditPage> {
    const m = tenantManager();
    const where = `WHERE ($1::text IS NULL OR action LIKE $1 || '%') AND ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_id = $3)`;
    const params = [q.action ?? null, q.entity ?? null, q.entityId ?? null];
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM audit_log ${where}`, params);
    const items: AuditEntry[] = await m.query(
      `SELECT ${AUDIT_COLUMNS}
         FROM audit_log ${where} ORDER BY id DESC LIMIT $4 OFFSET $5`,
      [...params, q.size, (q.page - 1) * q.size],
    );
    return { total, page: q.page, size: q.size, items };
  }
}

/** Every month of the window, zero where nothing happened (charts need the gaps). */
function fillMonths<K extends string>(rows: ({ month: string } & Record<K, number>)[], months: number, key: K): MonthCount[] {
  const out: MonthCount[] = [];
  const now = new Date();
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    out.push({ month, value: rows.find((r) => r.month === month)?.[key] ?? 0 });
  }
  return out;
}
