import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { decideCardAccess, decideRenewal, RenewalChannel } from '@shiori/policy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { HoldsErrors } from '../../holds/holds.errors';
import { changedRows } from '../../holds/sql';
import { AllocationService } from '../../holds/services/allocation.service';
import { Rules, RulesService } from '../../holds/services/rules.service';
import { CirculationErrors } from '../circulation.errors';
import { LOAN_SQL, LoanRow, LoanView, loanView } from '../loans.types';

/** A patron's loan with what the loan list shows before the patron asks: is it reserved by others, may it be renewed. */
export interface PatronLoanView extends LoanView {
  /** Another patron waits for this title (予約あり). */
  hasHolds: boolean;
  renewable: { ok: boolean; code?: string; newDueDate?: string };
}

/** Loans: the patron's list, and renewals online, at the counter and by phone, all decided by the policy. */
@Injectable()
export class LoansService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly audit: AuditService,
  ) {}

  private decide(rules: Rules, row: LoanRow, hasHoldsByOthers: boolean, channel: RenewalChannel) {
    return decideRenewal({
      policy: rules.policy,
      loan: {
        dueDate: row.dueDate,
        renewals: row.renewals,
        ill: row.ill,
        ownedByCity: row.owned,
        materialType: row.materialType,
        branchCode: row.branchCode,
      },
      patronCategory: row.patronCategory,
      today: rules.today,
      hasHoldsByOthers,
      channel,
      isClosed: rules.isClosed,
    });
  }

  /** Open loans of a patron, due soonest first; `renewable` is decided for the given channel. */
  async listForPatron(patronId: string, channel: RenewalChannel): Promise<PatronLoanView[]> {
    const rules = await this.rules.load();
    const rows: LoanRow[] = await tenantManager().query(
      `${LOAN_SQL} WHERE l.patron_id = $1 AND l.returned_at IS NULL ORDER BY l.due_date, l.loaned_at`,
      [patronId],
    );
    const wanted = await this.allocation.titlesWantedByOthers(patronId, [...new Set(rows.map((r) => r.recordId))]);
    return rows.map((row) => {
      const hasHolds = wanted.has(row.recordId);
      const d = this.decide(rules, row, hasHolds, channel);
      return { ...loanView(row, rules.today), hasHolds, renewable: d.ok ? { ok: true, newDueDate: d.newDueDate } : { ok: false, code: d.code } };
    });
  }

  /** Online renewal by the patron (web or kiosk). */
  async renewOnline(patronId: string, loanId: string): Promise<LoanView> {
    const rules = await this.rules.load();
    const [row]: LoanRow[] = await tenantManager().query(
      `${LOAN_SQL} WHERE l.id = $1 AND l.patron_id = $2 AND l.returned_at IS NULL FOR UPDATE OF l`,
      [loanId, patronId],
    );
    if (!row) throw new DomainError(CirculationErrors.LOAN_NOT_FOUND);
    const [patron] = await tenantManager().query(`SELECT status, to_char(expires_at, 'YYYY-MM-DD') AS "expiresAt" FROM patrons WHERE id = $1`, [
      patronId,
    ]);
    if (patron.status === 'blocked') throw new DomainError(HoldsErrors.PATRON_BLOCKED);
    const access = decideCardAccess(rules.policy, patron.expiresAt, rules.today, 'web');
    if (!access.ok) throw new DomainError(access.code);
    return this.renew(rules, row, 'online');
  }

  /** Counter (or phone) renewal: allowed even where online renewal is off (city003). */
  async renewAtDesk(itemBarcode: string, channel: 'counter' | 'phone'): Promise<LoanView> {
    const rules = await this.rules.load();
    const [row]: LoanRow[] = await tenantManager().query(`${LOAN_SQL} WHERE i.barcode = $1 AND l.returned_at IS NULL FOR UPDATE OF l`, [
      itemBarcode,
    ]);
    if (!row) {
      const [item] = await tenantManager().query(`SELECT id FROM items WHERE barcode = $1`, [itemBarcode]);
      throw new DomainError(item ? CirculationErrors.NOT_ON_LOAN : HoldsErrors.ITEM_NOT_FOUND);
    }
    const view = await this.renew(rules, row, channel);
    await this.audit.record('loan.renew', 'loan', row.id, { dueDate: row.dueDate, renewals: row.renewals }, { dueDate: view.dueDate, renewals: view.renewals, channel });
    return view;
  }

  private async renew(rules: Rules, row: LoanRow, channel: RenewalChannel): Promise<LoanView> {
    const wanted = await this.allocation.titlesWantedByOthers(row.patronId, [row.recordId]);
    const d = this.decide(rules, row, wanted.has(row.recordId), channel);
    if (!d.ok) throw new DomainError(d.code, d.message.ja);
    // a renewed loan is no longer overdue: its marks go, so that should it run late again
    // the overdue notice for the new date is sent (each loan is notified once per lateness)
    await changedRows(
      `UPDATE loans SET due_date = $2, renewals = renewals + 1, last_renewed_at = now(), overdue_since = NULL, overdue_notified_at = NULL
        WHERE id = $1 RETURNING id`,
      [row.id, d.newDueDate],
    );
    await tenantManager().query(
      `INSERT INTO loan_renewals (loan_id, channel, old_due_date, new_due_date, policy_version) VALUES ($1,$2,$3,$4,$5)`,
      [row.id, channel, row.dueDate, d.newDueDate, rules.version],
    );
    return loanView({ ...row, dueDate: d.newDueDate, renewals: row.renewals + 1 }, rules.today);
  }
}
