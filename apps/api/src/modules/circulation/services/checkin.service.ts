import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { HoldsErrors } from '../../holds/holds.errors';
import { ITEM_COLUMNS, ItemRow, TrappedHold } from '../../holds/holds.types';
import { changedRows } from '../../holds/sql';
import { AllocationService } from '../../holds/services/allocation.service';
import { RulesService } from '../../holds/services/rules.service';
import { CirculationErrors } from '../circulation.errors';
import type { CheckinDto } from '../dto/desk.dto';
import { LOAN_SQL, LoanRow, LoanView, loanView } from '../loans.types';
import { resolveAt } from './at';

export interface CheckinResult {
  loan?: LoanView;
  /** The hold this copy was trapped for: put it on the hold shelf (`ready`) or send it to `pickupBranchCode` (`in-transit`). */
  trappedHold?: TrappedHold;
  item: { barcode: string; status: string; branchCode: string };
}

/** Returns at the desk or the book drop: closes the loan and traps the copy for the next hold. */
@Injectable()
export class CheckinService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly audit: AuditService,
  ) {}

  async checkin(dto: CheckinDto): Promise<CheckinResult> {
    const returnedAt = resolveAt(dto.at);
    const rules = await this.rules.load();
    const m = tenantManager();
    const [item]: ItemRow[] = await m.query(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.barcode = $1 FOR UPDATE`, [dto.itemBarcode]);
    if (!item) throw new DomainError(HoldsErrors.ITEM_NOT_FOUND);
    let atBranch = item.branchCode;
    if (dto.branchCode && dto.branchCode !== item.branchCode) {
      const [b] = await m.query(`SELECT code FROM branches WHERE code = $1`, [dto.branchCode]);
      if (!b) throw new DomainError(HoldsErrors.UNKNOWN_BRANCH, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
      atBranch = dto.branchCode;
    }

    let loan: LoanView | undefined;
    const [open]: LoanRow[] = await m.query(`${LOAN_SQL} WHERE l.item_id = $1 AND l.returned_at IS NULL`, [item.id]);
    if (open) {
      if (returnedAt < open.loanedAt) throw new DomainError(CirculationErrors.AT_BEFORE_LOAN, undefined, [{ path: 'at', message: 'before the loan' }]);
      const done = await changedRows(`UPDATE loans SET returned_at = $2, return_branch_code = $3 WHERE id = $1 AND returned_at IS NULL RETURNING id`, [
        open.id,
        returnedAt,
        atBranch,
      ]);
      if (!done.length) throw new DomainError('CONFLICT', 'the loan was returned meanwhile');
      loan = loanView({ ...open, returnedAt, returnBranchCode: atBranch }, rules.today);
    }

    const allocated = await this.allocation.holdOfItem(item.id);
    let trappedHold: TrappedHold | null;
    if (allocated) {
      trappedHold = await this.allocation.advance(rules, allocated, item, atBranch);
    } else {
      trappedHold = await this.allocation.trapCopy(rules, item, { scanned: true, atBranch });
      if (!trappedHold) await this.allocation.shelve(item);
    }

    await this.audit.record('loan.checkin', 'item', item.id, null, {
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
    };
  }
}
