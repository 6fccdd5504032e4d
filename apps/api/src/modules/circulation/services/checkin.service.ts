import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { CheckinResult, LoanView, TrappedHold } from '@shiori/contracts';
import { tokyoDate } from '../../../engine/time';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { AllocationService, HoldReadyService, HoldsErrors, ITEM_COLUMNS, ItemRow, RulesService } from '../../holds';
import { allocatedHoldSql, preparedRows } from '../../../engine/database/sql';
import { CheckinNotice, CheckinNotices, CirculationErrors } from '../circulation.errors';
import type { CheckinDto } from '../dto/desk.dto';
import { LoanRow, loanView } from '../loans.types';
import { resolveAt } from './at';
import { CatalogErrors } from '../../catalog';

type CheckinRow = ItemRow & {
  allocatedHoldId: string | null;
  wanted: boolean;
  loan: (Omit<LoanRow, 'loanedAt' | 'returnedAt'> & { loanedAt: string; returnedAt: null }) | null;
};

/**
 * The (locked) copy, its open loan, the hold it is allocated to, and whether any hold waits
 * for its title at all (most returns: none, so no hold query), in one round trip.
 */
const CHECKIN_READ = `SELECT ${ITEM_COLUMNS},
        (SELECT h.id FROM holds h WHERE h.item_id = i.id AND ${allocatedHoldSql('h')}) AS "allocatedHoldId",
        EXISTS (SELECT 1 FROM holds h WHERE h.record_id = i.record_id AND h.status = 'waiting' AND h.item_id IS NULL) AS wanted,
        CASE WHEN l.id IS NULL THEN NULL ELSE json_build_object(
          'id', l.id, 'itemBarcode', i.barcode, 'itemId', i.id, 'recordId', i.record_id, 'title', r.title, 'volume', r.volume,
          'patronId', p.id, 'cardNumber', p.card_number, 'patronName', p.name, 'patronCategory', p.category,
          'loanDate', to_char(l.loaned_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD'), 'loanedAt', l.loaned_at,
          'dueDate', to_char(l.due_date, 'YYYY-MM-DD'), 'returnedAt', NULL, 'returnBranchCode', NULL, 'renewals', l.renewals,
          'ill', l.ill, 'owned', i.owned, 'branchCode', l.branch_code, 'materialType', coalesce(i.material_type, r.material_type),
          'policyVersion', l.policy_version) END AS loan
   FROM items i
   JOIN records r ON r.id = i.record_id
   LEFT JOIN loans l ON l.item_id = i.id AND l.returned_at IS NULL
   LEFT JOIN patrons p ON p.id = l.patron_id
  WHERE i.barcode = $1`;

/** Returns at the desk or the book drop: closes the loan and traps the copy for the next hold. */
@Injectable()
export class CheckinService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly ready: HoldReadyService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The copy's row, locked, and its loan and holds as they are once the lock is ours: two
   * statements. A statement reads every table as it was when the statement began, so a
   * second scan of the same copy (a double scan, or two desks at once) that locked the row
   * in the same statement, just after the first scan committed, would still see the loan
   * the first had closed and not the hold it had served, and give the copy to a second
   * hold (the unique index refused that: a 500). Locking first and reading in the next
   * statement reads what the first scan left.
   */
  private async lockAndRead(barcode: string): Promise<CheckinRow | undefined> {
    const locked = await preparedRows(`SELECT id FROM items WHERE barcode = $1 FOR UPDATE`, [barcode]);
    if (!locked.length) return undefined;
    return (await preparedRows<CheckinRow>(CHECKIN_READ, [barcode]))[0];
  }

  async checkin(dto: CheckinDto): Promise<CheckinResult> {
    const returnedAt = resolveAt(dto.at);
    const m = tenantManager();
    const row = await this.lockAndRead(dto.itemBarcode);
    if (!row) throw new DomainError(CatalogErrors.ITEM_NOT_FOUND);
    const { allocatedHoldId, wanted, loan: open, ...item } = row;
    let atBranch = item.branchCode;
    if (dto.stationCode) {
      // taken back on the bus: the copy is at the bus (its branch) and may be trapped there
      const [st] = await m.query(
        `SELECT p.branch_code AS "branchCode" FROM pickup_points p JOIN branches b ON b.code = p.branch_code
          WHERE p.code = $1 AND p.kind = 'bookmobile-station' AND b.is_bookmobile`,
        [dto.stationCode],
      );
      if (!st) throw new DomainError(HoldsErrors.UNKNOWN_PICKUP_POINT, undefined, [{ path: 'stationCode', message: 'not a bookmobile station' }]);
      atBranch = st.branchCode;
    } else if (dto.branchCode && dto.branchCode !== item.branchCode) {
      const [b] = await m.query(`SELECT code FROM branches WHERE code = $1`, [dto.branchCode]);
      if (!b) throw new DomainError(HoldsErrors.UNKNOWN_BRANCH, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
      atBranch = dto.branchCode;
    }
    const loanedAt = open ? new Date(open.loanedAt) : undefined;
    if (loanedAt && returnedAt < loanedAt) throw new DomainError(CirculationErrors.AT_BEFORE_LOAN, undefined, [{ path: 'at', message: 'before the loan' }]);

    // a missing copy scanned at the desk has been found
    if (item.status === 'missing') item.status = 'on-shelf';
    // the copy goes to the hold it was set aside for, or to the next hold on its title
    let trappedHold: TrappedHold | null = null;
    // (the policy and the calendar are read only then: most returns have no hold to serve)
    if (allocatedHoldId) {
      const hold = await this.allocation.holdDetail(allocatedHoldId);
      trappedHold = await this.ready.advance(await this.rules.load(), hold!, item, atBranch);
    } else if (wanted) {
      trappedHold = await this.allocation.trapCopy(await this.rules.load(), item, { scanned: true, atBranch });
    }

    const shelve = !trappedHold && item.status !== 'withdrawn';
    // Two statements, each only when it has work: one statement whose parts may have nothing to
    // change (no open loan) is one that Citus may plan to no shard, and then sends a worker the
    // coordinator's table name ("cannot execute a distributed query from a query on a shard").
    if (open) {
      const closed = await preparedRows(`UPDATE loans SET returned_at = $2, return_branch_code = $3 WHERE id = $1 AND returned_at IS NULL RETURNING id`, [
        open.id,
        returnedAt,
        atBranch,
      ]);
      if (closed.length !== 1) throw new DomainError('CONFLICT', 'the loan was returned meanwhile');
    }
    if (shelve) {
      await preparedRows(`UPDATE items SET status = 'on-shelf', updated_at = now() WHERE id = $1`, [item.id]);
      item.status = 'on-shelf';
    }
    const loan: LoanView | undefined = open ? loanView({ ...open, loanedAt: loanedAt!, returnedAt, returnBranchCode: atBranch }, tokyoDate()) : undefined;

    await this.audit.record('loan.checkin', 'item', item.id, null, {
      // what the audit log shows a librarian: the title and the barcode, not ids
      ...(loan ? { title: loan.title } : {}),
      itemBarcode: item.barcode,
      branchCode: atBranch,
      ...(loan ? { loanId: loan.id } : {}),
      ...(dto.at ? { backdatedTo: dto.at } : {}),
      ...(trappedHold ? { holdId: trappedHold.holdId, holdStatus: trappedHold.status } : {}),
    });
    return {
      ...(loan ? { loan } : {}),
      ...(trappedHold ? { trappedHold } : {}),
      item: { barcode: item.barcode, status: item.status, branchCode: item.branchCode },
      ...(open ? {} : { notice: { code: 'ALREADY_CHECKED_IN', message: CheckinNotices.ALREADY_CHECKED_IN } }),
    };
  }
}
