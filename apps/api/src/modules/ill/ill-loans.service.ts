import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { compareDates, RenewalChannel } from '@shiori/policy';
import { tokyoDate } from '../../engine/time';
import { RulesService } from '../holds';
import { IllService } from './ill.service';
import { CityName, ILL_SQL, IllRow } from './ill.types';

/**
 * An ILL copy on loan to one of this city's patrons, as the loans lists show it (マイページ
 * 借りている本, the desk's patron page). The loan lives on the request row, not in `loans`:
 * the copy is the lending city's, known here only through the request.
 */
export interface IllLoan {
  /** The request's id (the loan's id in the lists; a patron renews it with it). */
  requestId: string;
  number: string;
  lenderCity: CityName;
  title: string;
  /** The lender's record id: not a record of this city. */
  recordId: string;
  /** The lender's barcode (the desk renews and checks the copy in with it). */
  itemBarcode: string;
  patron: { id: string; cardNumber: string; name: string };
  loanedAt: string;
  loanDate: string;
  dueDate: string;
  overdue: boolean;
  renewals: number;
  pickupBranch: string | null;
  /** Decided by this city's policy for the channel asked (Katori: ILL_NOT_RENEWABLE). */
  renewable: { ok: boolean; code?: string; newDueDate?: string };
}

const ON_LOAN_SQL = `${ILL_SQL} WHERE q.role = 'borrower' AND q.status = 'on-loan'`;

/**
 * The ILL loans of this city's patrons, for circulation (front door: `IllLoans`): listed with
 * the patron's loans, renewed by the patron online or at the counter by the lender's barcode.
 * Every renewal goes through IllService.renew (the policy, the lender told by message, audit).
 */
@Injectable()
export class IllLoans {
  constructor(
    private readonly ill: IllService,
    private readonly rules: RulesService,
  ) {}

  /** A patron's ILL loans, due soonest first, each with `renewable` for `channel`. */
  async openLoansOf(patronId: string, channel: RenewalChannel): Promise<IllLoan[]> {
    const rows: IllRow[] = await tenantManager().query(`${ON_LOAN_SQL} AND q.patron_id = $1 ORDER BY q.due_date, q.loaned_at`, [patronId]);
    if (!rows.length) return [];
    const rules = await this.rules.load();
    const [patron] = await tenantManager().query(`SELECT category FROM patrons WHERE id = $1`, [patronId]);
    const names = new Map<string, string>();
    const out: IllLoan[] = [];
    for (const r of rows) {
      if (!names.has(r.partnerCity)) {
        const [t] = await tenantManager().query(`SELECT name FROM platform.tenants WHERE slug = $1`, [r.partnerCity]);
        names.set(r.partnerCity, t?.name ?? r.partnerCity);
      }
      const d = this.ill.decideRenewal(rules, r, channel, patron?.category ?? null);
      const loanedAt = new Date(r.loanedAt as unknown as string);
      out.push({
        requestId: r.id,
        number: r.number,
        lenderCity: { slug: r.partnerCity, name: names.get(r.partnerCity)! },
        title: r.title,
        recordId: r.recordId,
        itemBarcode: r.itemBarcode ?? '',
        patron: { id: r.patronId!, cardNumber: r.patronCard ?? '', name: r.patronName ?? '' },
        loanedAt: loanedAt.toISOString(),
        loanDate: tokyoDate(loanedAt),
        dueDate: r.dueDate as string,
        overdue: compareDates(rules.today, r.dueDate as string) > 0,
        renewals: r.renewals,
        pickupBranch: r.pickupBranch,
        renewable: d.ok ? { ok: true, newDueDate: d.newDueDate } : { ok: false, code: d.code },
      });
    }
    return out;
  }

  /** The open ILL loan `requestId` of this patron, or null (a loan id that is not theirs, or not an ILL loan). */
  async isOpenLoanOf(patronId: string, requestId: string): Promise<boolean> {
    const [r] = await tenantManager().query(`SELECT 1 FROM ill_requests WHERE id = $1 AND role = 'borrower' AND status = 'on-loan' AND patron_id = $2`, [requestId, patronId]);
    return !!r;
  }

  /** The open ILL loan of a lender's barcode scanned at this city's desk, or null. */
  async openLoanByBarcode(itemBarcode: string): Promise<string | null> {
    const [r] = await tenantManager().query(`SELECT id FROM ill_requests WHERE item_barcode = $1 AND role = 'borrower' AND status = 'on-loan' ORDER BY created_at DESC LIMIT 1`, [itemBarcode]);
    return r?.id ?? null;
  }

  /** Renews an ILL loan by this city's policy for `channel`; the loan as the lists show it. */
  async renew(requestId: string, channel: RenewalChannel): Promise<IllLoan> {
    const renewed = await this.ill.renew(requestId, channel);
    const patronId = renewed.patron?.id;
    const [loan] = (await this.openLoansOf(patronId as string, channel)).filter((l) => l.requestId === requestId);
    return loan;
  }
}
