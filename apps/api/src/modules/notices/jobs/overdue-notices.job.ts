import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { PolicyStore } from '../../policy';
import { NoticesService } from '../notices.service';
import { byPatron, NoticeJob } from './notice-job';

/**
 * Overdue notices (延滞のお知らせ), per `policy.notices.overdue`: one mail per patron and day
 * (`overdue:<patron>:<day>`) listing every loan past its due date not notified yet; each loan
 * is notified once (`loans.overdue_notified_at`). This job is the only producer of overdue
 * mail. Circulation's mark-overdue job only sets `loans.overdue_since`; this job does not
 * read that mark but the rule behind it (open loan, due before `today`), so it sends the
 * same mail whether it runs before or after the marking on a day.
 */
@Injectable()
export class OverdueNoticesJob implements NoticeJob {
  static readonly NAME = 'overdue-notices';
  readonly name = OverdueNoticesJob.NAME;

  constructor(private readonly policies: PolicyStore, private readonly notices: NoticesService) {}

  async forTenant(today: string) {
    const { policy } = await this.policies.current();
    const mode = policy.notices.overdue;
    if (mode === 'off') return { mode, sent: 0 };
    const rows: { loanId: string; patronId: string; email: string; name: string; title: string; volume: string | null; dueDate: string }[] =
      await tenantManager().query(
        `SELECT l.id AS "loanId", p.id AS "patronId", p.email, p.name, r.title, r.volume, to_char(l.due_date, 'YYYY-MM-DD') AS "dueDate"
           FROM loans l
           JOIN patrons p ON p.id = l.patron_id
           JOIN items i ON i.id = l.item_id
           JOIN records r ON r.id = i.record_id
          WHERE l.returned_at IS NULL
            AND l.due_date < $1::date
            AND l.overdue_notified_at IS NULL
            AND p.email IS NOT NULL
            AND ($2 OR p.reminders_opt_in)
          ORDER BY p.id, l.due_date, r.title_sort, l.id
          FOR UPDATE OF l`,
        [today, mode === 'always'],
      );
    let sent = 0;
    for (const [patronId, loans] of byPatron(rows)) {
      const queued = await this.notices.enqueue({
        kind: 'overdue',
        to: loans[0].email,
        patronId,
        data: { patron: { name: loans[0].name }, loans: loans.map((l) => ({ title: l.title, volume: l.volume, dueDate: l.dueDate })) },
        idempotencyKey: `overdue:${patronId}:${today}`,
      });
      if (!queued) continue;
      await tenantManager().query(`UPDATE loans SET overdue_notified_at = now() WHERE id = ANY($1::uuid[])`, [loans.map((l) => l.loanId)]);
      sent++;
    }
    return { mode, sent };
  }
}
