import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { compareDates, decideCheckout, isCardExpired, normalizeCardNumber } from '@shiori/policy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { tokyoDate } from '../../../engine/time';
import { HoldsErrors } from '../../holds/holds.errors';
import { ItemRow } from '../../holds/holds.types';
import { preparedRows } from '../../holds/sql';
import { AllocationService } from '../../holds/services/allocation.service';
import { RulesService } from '../../holds/services/rules.service';
import { CirculationErrors } from '../circulation.errors';
import type { CheckoutDto } from '../dto/desk.dto';
import { LoanView } from '../loans.types';
import { resolveAt } from './at';

export interface CheckoutResult extends LoanView {
  /** The patron's hold on this title that the loan fulfilled. */
  collectedHoldId?: string;
}

/** Lending at the desk (or a self-check machine): one transaction, the request's. */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly audit: AuditService,
  ) {}

  async checkout(dto: CheckoutDto): Promise<CheckoutResult> {
    const loanedAt = resolveAt(dto.at);
    const loanDate = tokyoDate(loanedAt);
    const rules = await this.rules.load(loanDate);
    const { policy, isClosed, version } = rules;

    const card = normalizeCardNumber(dto.cardNumber, policy.card);
    if (!card.ok) {
      throw new DomainError(card.code, card.message.ja, [{ path: 'cardNumber', code: card.reason, message: card.message }], { reason: card.reason });
    }

    const m = tenantManager();
    // Lock order (see AllocationService): copy, then patron, then holds. One statement locks the
    // copy, then the patron, and reads all the decision needs (the copy's hold, the patron's open loans,
    // whether the patron holds this title): a loan costs few round trips to the database.
    const [{ item, patron }]: {
      item: (ItemRow & { materialType: string; title: string; volume: string | null; heldFor: string | null }) | null;
      patron: {
        id: string;
        cardNumber: string;
        name: string;
        category: string;
        status: string;
        expiresAt: string | null;
        currentLoans: { materialType: string; branchCode: string }[];
        holdsTitle: boolean;
      } | null;
    }[] = await preparedRows(
      `WITH copy AS MATERIALIZED (
         SELECT i.id, i.record_id AS "recordId", i.barcode, i.branch_code AS "branchCode", i.status, i.loanable, i.owned,
                coalesce(i.material_type, r.material_type) AS "materialType", r.title, r.volume,
                (SELECT h.patron_id FROM holds h WHERE h.item_id = i.id AND h.status IN ('in-transit','ready')) AS "heldFor"
           FROM items i JOIN records r ON r.id = i.record_id
          WHERE i.barcode = $1 FOR UPDATE OF i
       ), borrower AS MATERIALIZED (
         SELECT p.id, p.card_number AS "cardNumber", p.name, p.category, p.status, to_char(p.expires_at, 'YYYY-MM-DD') AS "expiresAt",
                (SELECT coalesce(json_agg(json_build_object('materialType', coalesce(li.material_type, lr.material_type), 'branchCode', l.branch_code)), '[]')
                   FROM loans l JOIN items li ON li.id = l.item_id JOIN records lr ON lr.id = li.record_id
                  WHERE l.patron_id = p.id AND l.returned_at IS NULL) AS "currentLoans",
                EXISTS (SELECT 1 FROM holds h WHERE h.patron_id = p.id AND h.record_id = (SELECT "recordId" FROM copy)
                           AND h.status IN ('waiting','in-transit','ready')) AS "holdsTitle"
           FROM patrons p WHERE p.card_number = $2 FOR UPDATE OF p
       )
       SELECT (SELECT row_to_json(copy) FROM copy) AS item, (SELECT row_to_json(borrower) FROM borrower) AS patron`,
      [dto.itemBarcode, card.cardNumber],
    );
    if (!item) throw new DomainError(HoldsErrors.ITEM_NOT_FOUND);
    if (!patron) throw new DomainError(CirculationErrors.CARD_NOT_FOUND);
    if (patron.status === 'blocked') throw new DomainError(HoldsErrors.PATRON_BLOCKED);
    // A card must be valid on the day of the loan; the counter renews it first (see report: decideCardAccess has no desk-loan use).
    if (isCardExpired(patron.expiresAt, loanDate)) throw new DomainError('CARD_EXPIRED');

    switch (item.status) {
      case 'on-loan':
        throw new DomainError(CirculationErrors.ITEM_ON_LOAN);
      case 'missing':
      case 'withdrawn':
        throw new DomainError(CirculationErrors.ITEM_NOT_AVAILABLE);
    }
    // a copy set aside, travelling or on the hold shelf is for its hold's patron only
    if (item.heldFor && item.heldFor !== patron.id) throw new DomainError(CirculationErrors.ITEM_RESERVED_FOR_ANOTHER);

    let branchCode = item.branchCode;
    if (dto.branchCode && dto.branchCode !== item.branchCode) {
      const [b] = await m.query(`SELECT code FROM branches WHERE code = $1`, [dto.branchCode]);
      if (!b) throw new DomainError(HoldsErrors.UNKNOWN_BRANCH, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
      branchCode = dto.branchCode;
    }

    const decision = decideCheckout({
      policy,
      loanDate,
      isClosed,
      materialType: item.materialType,
      patronCategory: patron.category,
      branchCode,
      loanable: item.loanable,
      currentLoans: patron.currentLoans,
    });
    if (!decision.ok) {
      throw new DomainError(decision.code, decision.message.ja, undefined, decision.limit !== undefined ? { limit: decision.limit } : undefined);
    }

    // Holds first: a copy's status change also locks its record row (catalogue availability
    // trigger), and a concurrent check-in may hold the patron's hold while waiting for it.
    const collectedHoldId = patron.holdsTitle ? await this.allocation.collectOnCheckout(rules, patron.id, item) : null;
    const [loan] = await preparedRows<{ id: string }>(
      `WITH loan AS (
         INSERT INTO loans (item_id, patron_id, branch_code, loaned_at, due_date, ill, policy_version)
         VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id
       ), copy AS (
         UPDATE items SET status = 'on-loan', updated_at = now() WHERE id = $1
       ), used AS (
         UPDATE patrons SET last_use_at = greatest(coalesce(last_use_at, $4), $4) WHERE id = $2
       )
       SELECT id FROM loan`,
      // (reading history, where the patron opted in, is written by a trigger on loans: 0005-reading)
      [item.id, patron.id, branchCode, loanedAt, decision.dueDate, dto.ill === true, version],
    );
    item.status = 'on-loan';

    const view: CheckoutResult = {
      id: loan.id,
      itemBarcode: item.barcode,
      recordId: item.recordId,
      title: item.title,
      volume: item.volume,
      patron: { id: patron.id, cardNumber: patron.cardNumber, name: patron.name },
      loanDate,
      loanedAt: loanedAt.toISOString(),
      dueDate: decision.dueDate,
      overdue: compareDates(rules.today, decision.dueDate) > 0,
      renewals: 0,
      ill: dto.ill === true,
      branchCode,
      materialType: item.materialType,
      policyVersion: version,
      ...(collectedHoldId ? { collectedHoldId } : {}),
    };
    await this.audit.record('loan.checkout', 'loan', loan.id, null, {
      itemBarcode: item.barcode,
      cardNumber: patron.cardNumber,
      loanDate,
      dueDate: decision.dueDate,
      ...(dto.at ? { backdatedTo: dto.at } : {}),
      ...(collectedHoldId ? { collectedHoldId } : {}),
    });
    return view;
  }
}
