import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { HoldStatus, isHoldShelfExpired, mayAllocateInOrderedSeries } from '@shiori/policy';
import { DomainError } from '../../../engine/errors/domain-error';
import { HoldsErrors } from '../holds.errors';
import type { HoldShelfEntry, PullListEntry, ShelfExpiryResult, TransitReceipt, TrappedHold } from '@shiori/contracts';
import { ITEM_COLUMNS, ItemRow } from '../holds.types';
import { NoticesService } from '../../notices';
import { AllocationService } from './allocation.service';
import { HoldReadyService } from './hold-ready.service';
import { Rules, RulesService } from './rules.service';
import { CatalogErrors } from '../../catalog';

/**
 * The desk's view of holds: the hold shelf, the daily pull list, transit receipts and shelf expiry
 * (expireDue, also run by the daily ExpireHoldsJob).
 */
@Injectable()
export class HoldShelfService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly ready: HoldReadyService,
    private readonly notices: NoticesService,
  ) {}

  async holdShelf(branchCode?: string): Promise<HoldShelfEntry[]> {
    const { today } = await this.rules.load();
    const rows: (Omit<HoldShelfEntry, 'expired' | 'patron' | 'readyAt'> & { patronId: string; cardNumber: string; patronName: string; readyAt: Date })[] =
      await tenantManager().query(
        `SELECT h.id AS "holdId", i.barcode AS "itemBarcode", r.title, r.volume, p.id AS "patronId", p.card_number AS "cardNumber",
                p.name AS "patronName", h.pickup_point_code AS "pickupPointCode", pp.name AS "pickupPointName",
                pp.branch_code AS "branchCode", h.ready_at AS "readyAt", to_char(h.expires_at, 'YYYY-MM-DD') AS "lastDay"
           FROM holds h
           JOIN items i ON i.id = h.item_id
           JOIN records r ON r.id = h.record_id
           JOIN patrons p ON p.id = h.patron_id
           JOIN pickup_points pp ON pp.code = h.pickup_point_code
          WHERE h.status = 'ready' AND ($1::text IS NULL OR pp.branch_code = $1)
          ORDER BY h.expires_at, h.ready_at`,
        [branchCode ?? null],
      );
    return rows.map(({ patronId, cardNumber, patronName, readyAt, ...r }) => ({
      ...r,
      patron: { id: patronId, cardNumber, name: patronName },
      readyAt: readyAt.toISOString(),
      expired: isHoldShelfExpired(r.lastDay, today),
    }));
  }

  /** Expires the holds whose last shelf day has passed now (the daily job does the same for every tenant). */
  async clearExpired(): Promise<ShelfExpiryResult> {
    return this.expireDue(await this.rules.load());
  }

  /**
   * The daily pull list: copies on the shelf that holds want. `allocated` copies are already
   * set aside (no walk-in priority); `wanted` copies stay available to walk-in borrowers until
   * the librarian pulls them and checks them in, which traps them.
   */
  async pullList(branchCode?: string): Promise<PullListEntry[]> {
    const rules = await this.rules.load();
    const m = tenantManager();
    const allocated: PullListEntry[] = await m.query(
      `SELECT 'allocated' AS reason, i.barcode AS "itemBarcode", i.branch_code AS "branchCode", i.shelf_location AS "shelfLocation",
              r.id AS "recordId", r.title, r.volume, h.id AS "holdId", h.pickup_point_code AS "pickupPointCode",
              pp.branch_code AS "pickupBranchCode"
         FROM holds h
         JOIN items i ON i.id = h.item_id
         JOIN records r ON r.id = h.record_id
         JOIN pickup_points pp ON pp.code = h.pickup_point_code
        WHERE h.status = 'in-transit' AND i.status = 'reserved' AND ($1::text IS NULL OR i.branch_code = $1)
        ORDER BY i.branch_code, i.shelf_location NULLS LAST, r.title_sort, i.barcode`,
      [branchCode ?? null],
    );
    const waiting: { recordId: string; earlier: HoldStatus[] | null }[] = await m.query(
      `SELECT h.record_id AS "recordId",
              CASE WHEN h.series_group IS NULL THEN NULL ELSE
                (SELECT coalesce(array_agg(e.status), '{}') FROM holds e
                  WHERE e.series_group = h.series_group AND e.series_position < h.series_position) END AS earlier
         FROM holds h
        WHERE h.status = 'waiting' AND h.item_id IS NULL AND (h.suspended_until IS NULL OR h.suspended_until < $1::date)`,
      [rules.today],
    );
    const wantedPerRecord = new Map<string, number>();
    for (const w of waiting) {
      if (!mayAllocateInOrderedSeries(rules.policy, w.earlier ?? [])) continue;
      wantedPerRecord.set(w.recordId, (wantedPerRecord.get(w.recordId) ?? 0) + 1);
    }
    if (!wantedPerRecord.size) return allocated;
    const copies: (PullListEntry & { recordId: string })[] = await m.query(
      `SELECT 'wanted' AS reason, i.barcode AS "itemBarcode", i.branch_code AS "branchCode", i.shelf_location AS "shelfLocation",
              r.id AS "recordId", r.title, r.volume
         FROM items i JOIN records r ON r.id = i.record_id
        WHERE i.record_id = ANY($1::uuid[]) AND i.status = 'on-shelf' AND i.loanable AND i.owned
          AND ($2::text IS NULL OR i.branch_code = $2)
        ORDER BY i.branch_code, i.shelf_location NULLS LAST, r.title_sort, i.barcode`,
      [[...wantedPerRecord.keys()], branchCode ?? null],
    );
    const wanted: PullListEntry[] = [];
    for (const c of copies) {
      const left = wantedPerRecord.get(c.recordId) ?? 0;
      if (left <= 0) continue;
      wantedPerRecord.set(c.recordId, left - 1);
      wanted.push(c);
    }
    return [...allocated, ...wanted];
  }

  /** A copy in transit arrives at a branch: its hold becomes ready at the pickup point. */
  async receive(itemBarcode: string, branchCode: string): Promise<TransitReceipt> {
    const rules: Rules = await this.rules.load();
    const m = tenantManager();
    const [branch] = await m.query(`SELECT code FROM branches WHERE code = $1`, [branchCode]);
    if (!branch) throw new DomainError(HoldsErrors.UNKNOWN_BRANCH, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
    const [item]: ItemRow[] = await m.query(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.barcode = $1 FOR UPDATE`, [itemBarcode]);
    if (!item) throw new DomainError(CatalogErrors.ITEM_NOT_FOUND);
    const trappedHold = await this.receiveCopy(rules, item, branchCode);
    return { trappedHold, item: { barcode: item.barcode, status: item.status } };
  }

  /** Transit receipt at the pickup branch: the hold becomes ready (or a released copy is trapped anew). */
  private async receiveCopy(rules: Rules, item: ItemRow, branchCode: string): Promise<TrappedHold | null> {
    const hold = await this.allocation.holdOfItem(item.id);
    if (!hold) {
      if (item.status !== 'in-transit') throw new DomainError(HoldsErrors.NOT_IN_TRANSIT);
      const t = await this.allocation.trapCopy(rules, item, { scanned: true, atBranch: branchCode });
      if (!t) await this.ready.shelve(item);
      return t;
    }
    if (hold.status === 'ready') return this.ready.trapped(hold, item.barcode);
    if (item.status === 'in-transit' && branchCode !== hold.pickupBranch) {
      throw new DomainError(HoldsErrors.TRANSIT_WRONG_BRANCH, `→ ${hold.pickupBranch}`, undefined, { pickupBranchCode: hold.pickupBranch });
    }
    return this.ready.advance(rules, hold, item, branchCode);
  }

  /**
   * Expires ready holds whose last shelf day has passed and passes each copy to the next
   * hold. Idempotent: a second run finds nothing to do.
   */
  async expireDue(rules: Rules): Promise<{ expired: string[]; passedOn: TrappedHold[] }> {
    const due: { id: string; lastDay: string }[] = await tenantManager().query(
      `SELECT id, to_char(expires_at, 'YYYY-MM-DD') AS "lastDay" FROM holds
        WHERE status = 'ready' AND expires_at < $1::date ORDER BY expires_at, id LIMIT 5000`,
      [rules.today],
    );
    const expired: string[] = [];
    const passedOn: TrappedHold[] = [];
    for (const d of due) {
      if (!isHoldShelfExpired(d.lastDay, rules.today)) continue;
      const r = await this.allocation.endHold(rules, d.id, 'expired', ['ready'], 'shelf-expired');
      if (!r) continue;
      expired.push(d.id);
      if (r.passedTo) passedOn.push(r.passedTo);
      const mode = rules.policy.notices.holdExpired;
      if (mode !== 'off' && r.hold.contact === 'email' && r.hold.email) {
        await this.notices.enqueue({
          kind: 'hold-expired',
          to: r.hold.email,
          patronId: r.hold.patronId,
          data: { patron: { name: r.hold.patronName }, title: r.hold.title, volume: r.hold.volume, lastDay: d.lastDay },
          idempotencyKey: `hold-expired:${d.id}`,
        });
      }
    }
    return { expired, passedOn };
  }
}
