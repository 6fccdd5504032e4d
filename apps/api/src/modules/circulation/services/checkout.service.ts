import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { CheckoutResult } from '@shiori/contracts';
import { addDays, CardUse, compareDates, decideCardAccess, decideCheckout, decideVisitorCheckout, dueDateOnStop, isCardExpired, normalizeCardNumber } from '@shiori/policy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { tokyoDate } from '../../../engine/time';
import { AllocationService, HoldsErrors, ItemRow, RulesService } from '../../holds';
import { activeHoldSql, allocatedHoldSql, preparedRows } from '../../../engine/database/sql';
import { AgreementsStore, homeCardKey } from '../../agreements';
import { IllErrors } from '../../ill';
import { CirculationErrors } from '../circulation.errors';
import type { CheckoutDto } from '../dto/desk.dto';
import { resolveAt } from './at';
import { CatalogErrors } from '../../catalog';
import { PatronErrors } from '../../patrons';

/** Where a loan is made: at the counter, or by the patron at a self-check machine (自動貸出機). */
export type LoanPlace = Extract<CardUse, 'counter' | 'self-checkout'>;

/** Lending at the desk (or a self-check machine): one transaction, the request's. */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly audit: AuditService,
    private readonly agreements: AgreementsStore,
  ) {}

  async checkout(dto: CheckoutDto, place: LoanPlace = 'counter'): Promise<CheckoutResult> {
    const loanedAt = resolveAt(dto.at);
    const loanDate = tokyoDate(loanedAt);
    const rules = await this.rules.load(loanDate);
    const { policy, isClosed, version } = rules;

    // a visitor admitted by the home card (広域利用) is known here by the home city and card
    const card = dto.homeCity ? ({ ok: true, cardNumber: homeCardKey(dto.homeCity, dto.cardNumber) } as const) : normalizeCardNumber(dto.cardNumber, policy.card);
    if (!card.ok) {
      throw new DomainError(card.code, card.message.ja, [{ path: 'cardNumber', code: card.reason, message: card.message }], { reason: card.reason });
    }

    const m = tenantManager();
    // Lock order (see AllocationService): copy, then patron, then holds. One statement locks the
    // copy, then the patron, and reads all the decision needs (the copy's hold, the patron's open loans,
    // whether the patron holds this title): a loan costs few round trips to the database.
    const [{ item, patron }]: {
      item:
        | (ItemRow & {
            materialType: string;
            title: string;
            volume: string | null;
            heldFor: string | null;
            openLoan: { id: string; patronId: string; dueDate: string } | null;
          })
        | null;
      patron: {
        id: string;
        cardNumber: string;
        name: string;
        category: string;
        status: string;
        expiresAt: string | null;
        agreementId: string | null;
        currentLoans: { materialType: string; branchCode: string }[];
        holdsTitle: boolean;
      } | null;
    }[] = await preparedRows(
      `WITH copy AS MATERIALIZED (
         SELECT i.id, i.record_id AS "recordId", i.barcode, i.branch_code AS "branchCode", i.status, i.loanable, i.owned,
                coalesce(i.material_type, r.material_type) AS "materialType", r.title, r.volume,
                (SELECT h.patron_id FROM holds h WHERE h.item_id = i.id AND ${allocatedHoldSql('h')}) AS "heldFor",
                (SELECT json_build_object('id', l.id, 'patronId', l.patron_id, 'dueDate', to_char(l.due_date, 'YYYY-MM-DD'))
                   FROM loans l WHERE l.item_id = i.id AND l.returned_at IS NULL LIMIT 1) AS "openLoan"
           FROM items i JOIN records r ON r.id = i.record_id
          WHERE i.barcode = $1 FOR UPDATE OF i
       ), borrower AS MATERIALIZED (
         SELECT p.id, p.card_number AS "cardNumber", p.name, p.category, p.status, to_char(p.expires_at, 'YYYY-MM-DD') AS "expiresAt", p.agreement_id AS "agreementId",
                (SELECT coalesce(json_agg(json_build_object('materialType', coalesce(li.material_type, lr.material_type), 'branchCode', l.branch_code)), '[]')
                   FROM loans l JOIN items li ON li.id = l.item_id JOIN records lr ON lr.id = li.record_id
                  WHERE l.patron_id = p.id AND l.returned_at IS NULL) AS "currentLoans",
                EXISTS (SELECT 1 FROM holds h WHERE h.patron_id = p.id AND h.record_id = (SELECT "recordId" FROM copy)
                           AND ${activeHoldSql('h')}) AS "holdsTitle"
           FROM patrons p WHERE p.card_number = $2 FOR UPDATE OF p
       )
       SELECT (SELECT row_to_json(copy) FROM copy) AS item, (SELECT row_to_json(borrower) FROM borrower) AS patron`,
      [dto.itemBarcode, card.cardNumber],
    );
    if (!item) throw new DomainError(CatalogErrors.ITEM_NOT_FOUND);
    if (!patron) throw new DomainError(PatronErrors.CARD_NOT_FOUND);
    if (patron.status === 'blocked') throw new DomainError(PatronErrors.PATRON_BLOCKED);
    // An expired card is refused where the city says so (Kushiro: the web and the self-check
    // machine, seeds/001_…txt:233); the counter serves it, it is where cards are renewed.
    const access = decideCardAccess(policy, patron.expiresAt, loanDate, place);
    if (!access.ok) throw new DomainError(access.code);

    switch (item.status) {
      case 'on-loan':
        // the same patron's own loan scanned again: the desk offers a renewal (Koha does), not a check-in
        if (item.openLoan?.patronId === patron.id) {
          throw new DomainError(CirculationErrors.ITEM_ON_LOAN_TO_PATRON, undefined, undefined, {
            loanId: item.openLoan.id,
            dueDate: item.openLoan.dueDate,
            itemBarcode: item.barcode,
          });
        }
        throw new DomainError(CirculationErrors.ITEM_ON_LOAN);
      case 'missing':
      case 'withdrawn':
        throw new DomainError(CirculationErrors.ITEM_NOT_AVAILABLE);
      case 'ill':
        // set aside for (or lent to) another city by 相互貸借 (modules/ill)
        throw new DomainError(IllErrors.ITEM_ON_ILL);
    }
    // a copy set aside, travelling or on the hold shelf is for its hold's patron only
    if (item.heldFor && item.heldFor !== patron.id) throw new DomainError(CirculationErrors.ITEM_RESERVED_FOR_ANOTHER);

    let branchCode = item.branchCode;
    // On the bookmobile the station names the bus (the lending branch) and the due date's visits.
    const station = dto.stationCode ? await this.rules.stationRules(rules, dto.stationCode) : null;
    if (dto.stationCode && !station) {
      throw new DomainError(HoldsErrors.UNKNOWN_PICKUP_POINT, undefined, [{ path: 'stationCode', message: 'not a bookmobile station' }]);
    }
    if (station) branchCode = station.station.branchCode;
    else if (dto.branchCode && dto.branchCode !== item.branchCode) {
      const [b] = await m.query(`SELECT code FROM branches WHERE code = $1`, [dto.branchCode]);
      if (!b) throw new DomainError(HoldsErrors.UNKNOWN_BRANCH, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
      branchCode = dto.branchCode;
    }

    // a visitor from another city borrows on the agreement's terms, not the residents' rules
    const checkoutInput = {
      policy,
      loanDate,
      isClosed,
      materialType: item.materialType,
      patronCategory: patron.category,
      branchCode,
      loanable: item.loanable,
      currentLoans: patron.currentLoans,
    };
    const decision = patron.agreementId
      ? decideVisitorCheckout({ ...checkoutInput, hostPolicy: policy, terms: await this.agreements.visitorTerms(patron.agreementId), cardExpiresAt: patron.expiresAt })
      : decideCheckout(checkoutInput);
    if (!decision.ok) {
      throw new DomainError(decision.code, decision.message.ja, undefined, 'limit' in decision && decision.limit !== undefined ? { limit: decision.limit } : undefined);
    }
    const dueDate = station ? dueDateOnStop(policy, station.query, station.station.code, decision.dueDate, addDays(loanDate, 1)) : decision.dueDate;

    // Holds first: a copy's status change also locks its record row (catalogue availability
    // trigger), and a concurrent check-in may hold the patron's hold while waiting for it.
    const collectedHoldId = patron.holdsTitle ? await this.allocation.collectOnCheckout(rules, patron.id, item) : null;
    const [loan] = await preparedRows<{ id: string }>(
      `WITH loan AS (
         INSERT INTO loans (item_id, patron_id, branch_code, loaned_at, due_date, ill, policy_version, station_code)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id
       ), copy AS (
         UPDATE items SET status = 'on-loan', updated_at = now() WHERE id = $1
       ), used AS (
         UPDATE patrons SET last_use_at = greatest(coalesce(last_use_at, $4), $4) WHERE id = $2
       )
       SELECT id FROM loan`,
      // (reading history, where the patron opted in, is written by a trigger on loans: 0005-reading)
      [item.id, patron.id, branchCode, loanedAt, dueDate, dto.ill === true, version, station?.station.code ?? null],
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
      dueDate,
      overdue: compareDates(rules.today, dueDate) > 0,
      renewals: 0,
      ill: dto.ill === true,
      branchCode,
      ...(station ? { stationCode: station.station.code } : {}),
      materialType: item.materialType,
      policyVersion: version,
      ...(collectedHoldId ? { collectedHoldId } : {}),
      ...(isCardExpired(patron.expiresAt, loanDate) ? { cardExpired: true as const } : {}),
    };
    await this.audit.record('loan.checkout', 'loan', loan.id, null, {
      title: item.title,
      itemBarcode: item.barcode,
      cardNumber: patron.cardNumber,
      loanDate,
      dueDate,
      ...(station ? { stationCode: station.station.code } : {}),
      ...(dto.at ? { backdatedTo: dto.at } : {}),
      ...(collectedHoldId ? { collectedHoldId } : {}),
      ...(view.cardExpired ? { cardExpired: true } : {}),
    });
    return view;
  }
}
