import { Injectable } from '@nestjs/common';
import type { RecordCopy, RecordDetail, StaffRecordView } from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { CopyStatus, HoldCopy, reservableForDisplay } from '@shiori/policy';
import { DomainError } from '../../../engine/errors/domain-error';
import { PolicyStore } from '../../policy';
import { CatalogErrors } from '../catalog.errors';
import { copyCallNumber } from './call-number';
import { isUuid, RECORD_COLUMNS } from './records.service';
import { activeHoldSql } from '../../../engine/database/sql';

/** How the policy's hold rules see a copy's status (a copy on the hold shelf is reserved for someone). */
const HOLD_VIEW: Record<string, CopyStatus> = {
  'on-shelf': 'on-shelf',
  'on-loan': 'on-loan',
  reserved: 'reserved',
  'on-hold-shelf': 'reserved',
  'in-transit': 'in-transit',
  missing: 'missing',
};

/**
 * The OPAC's record page: the record, its copies where a patron can find them, and
 * whether the hold button shows (libs/policy reservableForDisplay: no button on 禁帯出
 * records; Koga reserves only copies that are on loan).
 */
@Injectable()
export class RecordPageService {
  constructor(private readonly policies: PolicyStore) {}

  async get(id: string): Promise<RecordDetail> {
    if (!isUuid(id)) throw new DomainError(CatalogErrors.RECORD_NOT_FOUND);
    const m = tenantManager();
    const rows: (Omit<StaffRecordView, 'items'> & Pick<RecordDetail, 'activeHolds'>)[] = await m.query(
      `SELECT ${RECORD_COLUMNS},
              (SELECT count(*)::int FROM holds h WHERE h.record_id = r.id AND ${activeHoldSql('h')}) AS "activeHolds"
         FROM records r WHERE r.id = $1 AND r.withdrawn_at IS NULL`,
      [id],
    );
    if (!rows.length) throw new DomainError(CatalogErrors.RECORD_NOT_FOUND);
    // the cataloguer's fields (the control number, when it was entered, changed or withdrawn) stay at the desk
    const { withdrawnAt: _w, createdAt: _c, updatedAt: _u, controlNumber: _n, ...record } = rows[0];
    // a loaned copy's 返却予定日 (the patron's name stays at the desk); the call number a patron looks for on the spine;
    // `owned` (a copy of another library system) only decides `reservable`
    const stored: (RecordCopy & { owned: boolean })[] =
      await m.query(
        `SELECT i.barcode, i.branch_code AS "branchCode", b.name AS "branchName", i.status, i.loanable,
                i.shelf_location AS "shelfLocation", i.call_number AS "callNumber", i.material_type AS "materialType", i.owned,
                (SELECT l.due_date::text FROM loans l WHERE l.item_id = i.id AND l.returned_at IS NULL) AS "dueDate"
           FROM items i JOIN branches b ON b.code = i.branch_code
          WHERE i.record_id = $1 AND i.status <> 'withdrawn'
          ORDER BY b.sort, i.branch_code, i.barcode`,
        [id],
      );
    const copies = stored.map((c) => ({ ...c, callNumber: copyCallNumber(c, record) }));
    const { policy } = await this.policies.current();
    const holdCopies: HoldCopy[] = copies.map((c) => ({ loanable: c.loanable, status: HOLD_VIEW[c.status] ?? 'missing', owned: c.owned }));
    const decision = reservableForDisplay(policy, holdCopies, 'web');
    return {
      ...record,
      copies: copies.map(({ owned: _o, ...c }) => c),
      reservable: decision.ok ? { ok: true } : { ok: false, code: decision.code, reason: decision.reason, message: decision.message },
    } satisfies RecordDetail;
  }
}
