import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { JobOutcome, JobRunner } from '../../../engine/jobs/job-runner.service';
import { tokyoDate } from '../../../engine/time';
import { changedRows } from '../../holds/sql';
import { RulesService } from '../../holds/services/rules.service';
import { NoticesService } from '../../notifications/notices.service';

/**
 * Marks loans whose due date has passed (`overdue_since`) and sends each patron one overdue
 * notice for the loans newly overdue, as the policy says. Idempotent per day and per loan.
 */
@Injectable()
export class MarkOverdueJob {
  static readonly NAME = 'mark-overdue';

  constructor(
    private readonly runner: JobRunner,
    private readonly rules: RulesService,
    private readonly notices: NoticesService,
  ) {}

  async runForTenant(): Promise<{ marked: number; notified: number }> {
    const { policy, today } = await this.rules.load();
    const marked = await changedRows<{ id: string }>(
      `UPDATE loans SET overdue_since = due_date + 1
        WHERE returned_at IS NULL AND due_date < $1::date AND overdue_since IS NULL RETURNING id`,
      [today],
    );
    let notified = 0;
    const mode = policy.notices.overdue;
    if (mode !== 'off' && marked.length) {
      const rows: { patronId: string; email: string; name: string; optIn: boolean; loanId: string; title: string; volume: string | null; dueDate: string }[] =
        await tenantManager().query(
          `SELECT p.id AS "patronId", p.email, p.name, p.reminders_opt_in AS "optIn", l.id AS "loanId", r.title, r.volume,
                  to_char(l.due_date, 'YYYY-MM-DD') AS "dueDate"
             FROM loans l JOIN patrons p ON p.id = l.patron_id JOIN items i ON i.id = l.item_id JOIN records r ON r.id = i.record_id
            WHERE l.id = ANY($1::uuid[]) AND l.overdue_notified_at IS NULL AND p.email IS NOT NULL
            ORDER BY p.id, l.due_date`,
          [marked.map((x) => x.id)],
        );
      const byPatron = new Map<string, typeof rows>();
      for (const r of rows) {
        if (mode === 'opt-in' && !r.optIn) continue;
        byPatron.set(r.patronId, [...(byPatron.get(r.patronId) ?? []), r]);
      }
      for (const [patronId, loans] of byPatron) {
        const sent = await this.notices.enqueue({
          kind: 'overdue',
          to: loans[0].email,
          patronId,
          data: { patron: { name: loans[0].name }, loans: loans.map((l) => ({ title: l.title, volume: l.volume, dueDate: l.dueDate })) },
          idempotencyKey: `overdue:${patronId}:${today}`,
        });
        await tenantManager().query(`UPDATE loans SET overdue_notified_at = now() WHERE id = ANY($1::uuid[])`, [loans.map((l) => l.loanId)]);
        if (sent) notified++;
      }
    }
    return { marked: marked.length, notified };
  }

  runDaily(period: string = tokyoDate()): Promise<JobOutcome> {
    return this.runner.run(MarkOverdueJob.NAME, period, () => this.runForTenant());
  }
}
