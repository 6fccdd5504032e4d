import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { activeHoldSql } from '../../engine/database/sql';

/** Statistics for the admin console's charts, and the audit log view. */
@Injectable()
export class ReportsService {
  /** Loans per month and per branch, holds by status, new patrons per month, over the last `months` months. */
  async statistics(months = 12) {
    const m = tenantManager();
    const loansPerMonth = await m.query(
      `SELECT to_char(date_trunc('month', loaned_at AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM') AS month, count(*)::int AS loans
         FROM loans WHERE loaned_at >= date_trunc('month', now()) - make_interval(months => $1 - 1)
        GROUP BY 1 ORDER BY 1`,
      [months],
    );
    const loansPerBranch = await m.query(
      `SELECT b.code AS "branchCode", b.name, count(l.id)::int AS loans
         FROM branches b LEFT JOIN loans l ON l.branch_code = b.code AND l.loaned_at >= now() - make_interval(months => $1)
        GROUP BY b.code, b.name, b.sort ORDER BY b.sort, b.code`,
      [months],
    );
    const holdsByStatus = await m.query(`SELECT status, count(*)::int AS holds FROM holds GROUP BY status ORDER BY status`);
    const newPatronsPerMonth = await m.query(
      `SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM') AS month, count(*)::int AS patrons
         FROM patrons WHERE created_at >= date_trunc('month', now()) - make_interval(months => $1 - 1)
        GROUP BY 1 ORDER BY 1`,
      [months],
    );
    const [totals] = await m.query(
      `SELECT (SELECT count(*) FROM patrons)::int AS patrons,
              (SELECT count(*) FROM records WHERE withdrawn_at IS NULL)::int AS records,
              (SELECT count(*) FROM items WHERE status <> 'withdrawn')::int AS items,
              (SELECT count(*) FROM loans WHERE returned_at IS NULL)::int AS "openLoans",
              (SELECT count(*) FROM holds WHERE ${activeHoldSql()})::int AS "activeHolds"`,
    );
    return { months, totals, loansPerMonth: fillMonths(loansPerMonth, months, 'loans'), loansPerBranch, holdsByStatus, newPatronsPerMonth: fillMonths(newPatronsPerMonth, months, 'patrons') };
  }

  async audit(q: { page: number; size: number; action?: string; entity?: string; entityId?: string }) {
    const m = tenantManager();
    const where = `WHERE ($1::text IS NULL OR action LIKE $1 || '%') AND ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_id = $3)`;
    const params = [q.action ?? null, q.entity ?? null, q.entityId ?? null];
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM audit_log ${where}`, params);
    const items = await m.query(
      `SELECT id, at, actor_kind AS "actorKind", actor_id AS "actorId", actor_name AS "actorName", action, entity, entity_id AS "entityId", before, after
         FROM audit_log ${where} ORDER BY id DESC LIMIT $4 OFFSET $5`,
      [...params, q.size, (q.page - 1) * q.size],
    );
    return { total, page: q.page, size: q.size, items };
  }
}

/** Every month of the window, zero where nothing happened (charts need the gaps). */
function fillMonths<K extends string>(rows: ({ month: string } & Record<K, number>)[], months: number, key: K) {
  const out: { month: string; value: number }[] = [];
  const now = new Date();
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    out.push({ month, value: rows.find((r) => r.month === month)?.[key] ?? 0 });
  }
  return out;
}
