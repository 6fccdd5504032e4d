import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { addDays, compareDates, daysBetween, dueReminderDate } from '@shiori/policy';
import { PolicyStore } from '../../policy';
import { NoticesService } from '../notices.service';
import { byPatron, NoticeJob } from './notice-job';

/**
 * Due-date reminders (返却日メール): `policy.notices.dueReminderDaysBefore` days before the due
 * date, to every patron with an e-mail (`always`, Koga) or only to those who turned reminders
 * on (`opt-in`, Katori). One mail per patron and day lists every loan due in the window. A
 * day the job did not run is caught up (a loan inside the window that was never reminded);
 * `loans.due_reminded_for` remembers the due date reminded, so a renewed loan is reminded
 * again for its new date and never twice for the same one.
 */
@Injectable()
export class DueRemindersJob implements NoticeJob {
  static readonly NAME = 'due-reminders';
  readonly name = DueRemindersJob.NAME;

  constructor(private readonly policies: PolicyStore, private readonly notices: NoticesService) {}

  async forTenant(today: string) {
    const { policy } = await this.policies.current();
    const mode = policy.notices.dueReminder;
    if (mode === 'off') return { mode, sent: 0 };
    const rows: { loanId: string; patronId: string; email: string; name: string; title: string; volume: string | null; dueDate: string }[] =
      await tenantManager().query(
        `SELECT l.id AS "loanId", p.id AS "patronId", p.email, p.name, r.title, r.volume, to_char(l.due_date, 'YYYY-MM-DD') AS "dueDate"
           FROM loans l
           JOIN patrons p ON p.id = l.patron_id
           JOIN items i ON i.id = l.item_id
           JOIN records r ON r.id = i.record_id
          WHERE l.returned_at IS NULL
            AND l.due_date BETWEEN $1::date AND $2::date
            AND l.due_reminded_for IS DISTINCT FROM l.due_date
            AND p.email IS NOT NULL
            AND ($3 OR p.reminders_opt_in)
          ORDER BY p.id, l.due_date, r.title_sort, l.id`,
        [today, addDays(today, policy.notices.dueReminderDaysBefore), mode === 'always'],
      );
    let sent = 0;
    for (const [patronId, loans] of byPatron(rows.filter((r) => compareDates(dueReminderDate(policy, r.dueDate)!, today) <= 0))) {
      const dueDate = loans[0].dueDate;
      const queued = await this.notices.enqueue({
        kind: 'due-reminder',
        to: loans[0].email,
        patronId,
        data: {
          patron: { name: loans[0].name },
          loans: loans.map((l) => ({ title: l.title, volume: l.volume, dueDate: l.dueDate })),
          dueDate,
          daysLeft: daysBetween(today, dueDate),
        },
        idempotencyKey: `due-reminder:${patronId}:${today}`,
      });
      // when today's reminder already went out, loans found since then wait for tomorrow's
      if (!queued) continue;
      await tenantManager().query(`UPDATE loans SET due_reminded_for = due_date WHERE id = ANY($1::uuid[])`, [loans.map((l) => l.loanId)]);
      sent++;
    }
    return { mode, sent };
  }
}
