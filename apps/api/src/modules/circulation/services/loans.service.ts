import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { LoanView, PatronLoanView } from '@shiori/contracts';
import { addDays, AgreementRefusal, AgreementTerms, CardUse, decideCardAccess, decideRenewal, decideVisitorRenewal, dueDateOnStop, normalizeCardNumber, RenewalChannel, RenewalDecision, RenewalInput } from '@shiori/policy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { tokyoDate } from '../../../engine/time';
import { AllocationService, HoldsErrors, Rules, RulesService } from '../../holds';
import { changedRows } from '../../../engine/database/sql';
import { AgreementsStore } from '../../agreements';
import { CirculationErrors } from '../circulation.errors';
import { LOAN_SQL, LoanRow, loanView } from '../loans.types';
import { CatalogErrors } from '../../catalog';
import { PatronErrors } from '../../patrons';
import { IllLoan, IllLoans } from '../../ill';

/** An ILL loan in the loans lists: the lender's title and barcode, due date and renewal by this city's policy. */
function illLoanView(l: IllLoan, policyVersion: number): PatronLoanView {
  return {
    id: l.requestId,
    itemBarcode: l.itemBarcode,
    recordId: l.recordId,
    title: l.title,
    volume: null,
    patron: l.patron,
    loanDate: l.loanDate,
    loanedAt: l.loanedAt,
    dueDate: l.dueDate,
    overdue: l.overdue,
    renewals: l.renewals,
    ill: true,
    branchCode: l.pickupBranch ?? '',
    materialType: '',
    policyVersion,
    hasHolds: false,
    renewable: l.renewable,
    illRequest: { number: l.number, lenderCity: l.lenderCity },
  };
}

/** Loans: the patron's list, and renewals online, at the counter and by phone, all decided by the policy. */
@Injectable()
export class LoansService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly audit: AuditService,
    private readonly agreements: AgreementsStore,
    private readonly illLoans: IllLoans,
  ) {}

  /** A visitor's loan (広域利用) is renewed on the agreement's terms; `terms` is its agreement's (null: none any more). */
  private decide(rules: Rules, row: LoanRow, hasHoldsByOthers: boolean, channel: RenewalChannel, terms?: AgreementTerms | null) {
    const input: RenewalInput = {
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
    };
    return row.agreementId ? decideVisitorRenewal(terms ?? null, input) : decideRenewal(input);
  }

  private visitorTerms(row: LoanRow | undefined): Promise<AgreementTerms | null | undefined> {
    return row?.agreementId ? this.agreements.visitorTerms(row.agreementId) : Promise.resolve(undefined);
  }

  /**
   * A renewal of a loan made on the bookmobile lands on a visit of its station too (never
   * before the old due date's next day); other loans keep the decision as it is.
   */
  private async onStop(rules: Rules, row: LoanRow, d: RenewalDecision | AgreementRefusal): Promise<RenewalDecision | AgreementRefusal> {
    if (!d.ok || !row.stationCode) return d;
    const station = await this.rules.stationRules(rules, row.stationCode);
    if (!station) return d;
    return { ok: true, newDueDate: dueDateOnStop(rules.policy, station.query, row.stationCode, d.newDueDate, addDays(row.dueDate, 1)) };
  }

  /** Open loans of a patron, due soonest first; `renewable` is decided for the given channel. */
  async listForPatron(patronId: string, channel: RenewalChannel): Promise<PatronLoanView[]> {
    const rules = await this.rules.load();
    const rows: LoanRow[] = await tenantManager().query(
      `${LOAN_SQL} WHERE l.patron_id = $1 AND l.returned_at IS NULL ORDER BY l.due_date, l.loaned_at`,
      [patronId],
    );
    const wanted = await this.allocation.titlesWantedByOthers(patronId, [...new Set(rows.map((r) => r.recordId))]);
    const terms = await this.visitorTerms(rows[0]); // one patron: one agreement
    const out: PatronLoanView[] = [];
    for (const row of rows) {
      const hasHolds = wanted.has(row.recordId);
      const d = await this.onStop(rules, row, this.decide(rules, row, hasHolds, channel, terms));
      out.push({ ...loanView(row, rules.today), hasHolds, renewable: d.ok ? { ok: true, newDueDate: d.newDueDate } : { ok: false, code: d.code } });
    }
    // ILL loans live on their requests (the ill module's), listed among the loans by due date
    const ill = (await this.illLoans.openLoansOf(patronId, channel)).map((l) => illLoanView(l, rules.version));
    if (!ill.length) return out;
    return [...out, ...ill].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.loanedAt < b.loanedAt ? -1 : a.loanedAt > b.loanedAt ? 1 : 0));
  }

  /** Online renewal by the patron (web or kiosk). */
  async renewOnline(patronId: string, loanId: string): Promise<LoanView> {
    const rules = await this.rules.load();
    const [row]: LoanRow[] = await tenantManager().query(
      `${LOAN_SQL} WHERE l.id = $1 AND l.patron_id = $2 AND l.returned_at IS NULL FOR UPDATE OF l`,
      [loanId, patronId],
    );
    if (!row) {
      // an ILL loan (its id is its request's): renewed by this city's policy in the ill module
      if (!(await this.illLoans.isOpenLoanOf(patronId, loanId))) throw new DomainError(CirculationErrors.LOAN_NOT_FOUND);
      await this.assertPatronMay(rules, patronId, 'web');
      return illLoanView(await this.illLoans.renew(loanId, 'online'), rules.version);
    }
    await this.assertPatronMay(rules, patronId, 'web');
    return this.renew(rules, row, 'online');
  }

  /**
   * Renewal by the patron at a self-check machine (自動貸出機), of one of the patron's own
   * loans: no librarian is there, so the patron's rules apply as on the web (`online`), with
   * the card rule of the machine (Kushiro refuses an expired card there). Recorded with the
   * channel 'self-check' and audited as the machine's.
   */
  async renewAtSelfCheck(cardTyped: string, itemBarcode: string): Promise<LoanView> {
    const rules = await this.rules.load();
    const card = normalizeCardNumber(cardTyped, rules.policy.card);
    if (!card.ok) throw new DomainError(card.code, card.message.ja, [{ path: 'cardNumber', code: card.reason, message: card.message }], { reason: card.reason });
    const row = await this.lockOpenLoan(itemBarcode);
    if (row.cardNumber !== card.cardNumber) throw new DomainError(CirculationErrors.LOAN_NOT_FOUND);
    await this.assertPatronMay(rules, row.patronId, 'self-checkout');
    const view = await this.renew(rules, row, 'online', 'self-check');
    await this.audit.record('loan.renew', 'loan', row.id, { dueDate: row.dueDate, renewals: row.renewals }, { title: view.title, itemBarcode: view.itemBarcode, dueDate: view.dueDate, renewals: view.renewals, channel: 'self-check' });
    return view;
  }

  /** The open loan of a copy, or null when it is not on loan (item information at a self-check machine). */
  async openLoanOfItem(itemBarcode: string): Promise<LoanView | null> {
    const [row]: LoanRow[] = await tenantManager().query(`${LOAN_SQL} WHERE i.barcode = $1 AND l.returned_at IS NULL`, [itemBarcode]);
    return row ? loanView(row, tokyoDate()) : null;
  }

  /** A patron who may use the service at `use`: not blocked, and a card the city accepts there. */
  private async assertPatronMay(rules: Rules, patronId: string, use: CardUse): Promise<void> {
    const [patron] = await tenantManager().query(`SELECT status, to_char(expires_at, 'YYYY-MM-DD') AS "expiresAt" FROM patrons WHERE id = $1`, [patronId]);
    if (patron.status === 'blocked') throw new DomainError(PatronErrors.PATRON_BLOCKED);
    const access = decideCardAccess(rules.policy, patron.expiresAt, rules.today, use);
    if (!access.ok) throw new DomainError(access.code);
  }

  /** The open loan of a copy, locked; NOT_ON_LOAN for a copy on the shelf, ITEM_NOT_FOUND for an unknown barcode. */
  private async lockOpenLoan(itemBarcode: string): Promise<LoanRow> {
    const [row]: LoanRow[] = await tenantManager().query(`${LOAN_SQL} WHERE i.barcode = $1 AND l.returned_at IS NULL FOR UPDATE OF l`, [itemBarcode]);
    if (row) return row;
    const [item] = await tenantManager().query(`SELECT id FROM items WHERE barcode = $1`, [itemBarcode]);
    throw new DomainError(item ? CirculationErrors.NOT_ON_LOAN : CatalogErrors.ITEM_NOT_FOUND);
  }

  /** Counter (or phone) renewal: allowed even where online renewal is off (city003). */
  async renewAtDesk(itemBarcode: string, channel: 'counter' | 'phone'): Promise<LoanView> {
    const rules = await this.rules.load();
    // a copy of another city lent here on an ILL request: its barcode is not this city's
    const [own] = await tenantManager().query(`SELECT 1 FROM items WHERE barcode = $1`, [itemBarcode]);
    const illLoan = own ? null : await this.illLoans.openLoanByBarcode(itemBarcode);
    if (illLoan) return illLoanView(await this.illLoans.renew(illLoan, channel), rules.version);
    const row = await this.lockOpenLoan(itemBarcode);
    const view = await this.renew(rules, row, channel);
    await this.audit.record('loan.renew', 'loan', row.id, { dueDate: row.dueDate, renewals: row.renewals }, { title: view.title, itemBarcode: view.itemBarcode, dueDate: view.dueDate, renewals: view.renewals, channel });
    return view;
  }

  /** Renews by the rules of `channel`; `recordedAs` is the channel written in loan_renewals (a self-check machine decides as 'online'). */
  private async renew(rules: Rules, row: LoanRow, channel: RenewalChannel, recordedAs: RenewalChannel | 'self-check' = channel): Promise<LoanView> {
    const wanted = await this.allocation.titlesWantedByOthers(row.patronId, [row.recordId]);
    const d = await this.onStop(rules, row, this.decide(rules, row, wanted.has(row.recordId), channel, await this.visitorTerms(row)));
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
      [row.id, recordedAs, row.dueDate, d.newDueDate, rules.version],
    );
    return loanView({ ...row, dueDate: d.newDueDate, renewals: row.renewals + 1 }, rules.today);
  }
}
