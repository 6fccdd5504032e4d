import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { HoldStatus, mayAllocateInOrderedSeries } from '@shiori/policy';
import { DomainError } from '../../../engine/errors/domain-error';
import { activeHoldSql, allocatedHoldSql, changedRows } from '../../../engine/database/sql';
import type { TrappedHold } from '@shiori/contracts';
import { HOLD_DETAIL_SQL, HoldDetail, ITEM_COLUMNS, ItemRow } from '../holds.types';
import { HoldReadyService } from './hold-ready.service';
import type { Rules } from './rules.service';

/** How a copy reaches allocation: in a librarian's hands at a branch, or still standing on the shelf. */
export type CopyWhere = { scanned: true; atBranch: string } | { scanned: false };

/**
 * Allocation: which hold gets a copy (trapping, the ordered series, a copy passed on when its
 * hold ends or its patron borrows it). Putting a copy on the hold shelf or in transit is
 * HoldReadyService's; transit receipt and the shelf's expiry are HoldShelfService's.
 * Every method runs inside the caller's tenant transaction.
 *
 * Concurrency: a copy is locked (`FOR UPDATE`) before anything is decided about it; the
 * next hold is taken with `FOR UPDATE SKIP LOCKED`, so concurrent check-ins of copies of
 * one title each take a different hold; each update repeats its precondition in its
 * WHERE clause, and the unique index `holds_one_per_item` refuses a copy on two holds.
 * Where a transaction waits for a lock, it takes them in one order: copies, then the patron,
 * then holds (hold placement locks the patron first but then only takes copies and holds
 * with SKIP LOCKED, which never waits).
 */
@Injectable()
export class AllocationService {
  constructor(private readonly ready: HoldReadyService) {}

  async lockItemById(id: string): Promise<ItemRow | undefined> {
    const rows = await tenantManager().query(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async holdDetail(id: string): Promise<HoldDetail | undefined> {
    const rows = await tenantManager().query(`${HOLD_DETAIL_SQL} WHERE h.id = $1`, [id]);
    return rows[0];
  }

  /** The hold a copy is allocated to (in transit or on the hold shelf), if any. */
  async holdOfItem(itemId: string): Promise<HoldDetail | undefined> {
    const rows = await tenantManager().query(`${HOLD_DETAIL_SQL} WHERE h.item_id = $1 AND ${allocatedHoldSql('h')}`, [itemId]);
    return rows[0];
  }

  /** Statuses of the earlier volumes of an ordered series request (順番予約). */
  private async earlierVolumes(holdId: string): Promise<HoldStatus[]> {
    const rows: { status: HoldStatus }[] = await tenantManager().query(
      `SELECT e.status FROM holds h JOIN holds e ON e.series_group = h.series_group AND e.series_position < h.series_position
        WHERE h.id = $1 AND h.series_group IS NOT NULL`,
      [holdId],
    );
    return rows.map((r) => r.status);
  }

  /**
   * Takes the first hold in the queue of a title that may have a copy now: waiting, no copy
   * yet, not postponed, and (ordered series) not behind an earlier volume still waiting.
   * The row stays locked until the transaction ends.
   */
  private async lockNextEligibleHold(rules: Rules, recordId: string): Promise<string | undefined> {
    const passed: string[] = [];
    for (let i = 0; i < 100; i++) {
      const rows: { id: string; earlier: HoldStatus[] | null }[] = await tenantManager().query(
        `SELECT h.id,
                CASE WHEN h.series_group IS NULL THEN NULL ELSE
                  (SELECT coalesce(array_agg(e.status), '{}') FROM holds e
                    WHERE e.series_group = h.series_group AND e.series_position < h.series_position) END AS earlier
           FROM holds h
          WHERE h.record_id = $1 AND h.status = 'waiting' AND h.item_id IS NULL
            AND (h.suspended_until IS NULL OR h.suspended_until < $2::date)
            AND NOT (h.id = ANY($3::uuid[]))
          ORDER BY h.queue_seq
          LIMIT 1
          FOR UPDATE OF h SKIP LOCKED`,
        [recordId, rules.today, passed],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (mayAllocateInOrderedSeries(rules.policy, row.earlier ?? [])) return row.id;
      passed.push(row.id);
    }
    return undefined;
  }

  /**
   * Allocates a locked copy to the next eligible hold of its title. A copy in hand goes on the
   * hold shelf (pickup at this branch) or in transit; a copy on the shelf is marked
   * `reserved` for the pull list, unless walk-in borrowers have priority (then the daily
   * pull list brings it in). Returns null when no hold wants the copy.
   */
  async trapCopy(rules: Rules, item: ItemRow, where: CopyWhere): Promise<TrappedHold | null> {
    if (!item.loanable || !item.owned || item.status === 'missing' || item.status === 'withdrawn') return null;
    if (!where.scanned && rules.policy.holds.walkInPriority) return null;
    const holdId = await this.lockNextEligibleHold(rules, item.recordId);
    if (!holdId) return null;
    return this.allocate(rules, holdId, item, where);
  }

  /** Gives a copy to a (locked, waiting) hold. */
  private async allocate(rules: Rules, holdId: string, item: ItemRow, where: CopyWhere): Promise<TrappedHold> {
    const hold = (await this.holdDetail(holdId))!;
    let result: TrappedHold;
    if (where.scanned && where.atBranch === hold.pickupBranch) {
      result = await this.ready.makeReady(rules, hold, item);
    } else {
      const from = where.scanned ? where.atBranch : item.branchCode;
      const updated = await changedRows(
        `UPDATE holds SET status = 'in-transit', item_id = $2, allocated_at = now(), transit_from_branch = $3
          WHERE id = $1 AND status = 'waiting' AND item_id IS NULL RETURNING id`,
        [hold.id, item.id, from],
      );
      if (!updated.length) throw new DomainError('CONFLICT', 'hold changed during allocation');
      const itemStatus = where.scanned ? 'in-transit' : 'reserved';
      await tenantManager().query(`UPDATE items SET status = $2, updated_at = now() WHERE id = $1`, [item.id, itemStatus]);
      item.status = itemStatus;
      result = this.ready.trapped({ ...hold, status: 'in-transit', itemId: item.id }, item.barcode);
    }
    if (hold.seriesGroup) await this.followSeries(rules, hold.seriesGroup);
    return result;
  }

  /**
   * A copy whose hold ended (expired, cancelled, or its patron borrowed another copy) is
   * passed on: from the hold shelf to the next hold (ready again at once when its pickup is
   * at the same branch); from the pull list back to the shelf or to the next hold; a copy in
   * transit keeps travelling and is trapped again when received.
   */
  async releaseCopy(rules: Rules, item: ItemRow, atBranch: string): Promise<TrappedHold | null> {
    if (item.status === 'in-transit') return null;
    const where: CopyWhere = item.status === 'on-hold-shelf' ? { scanned: true, atBranch } : { scanned: false };
    if (item.status === 'reserved') await this.ready.shelve(item);
    const t = await this.trapCopy(rules, item, where);
    if (!t) await this.ready.shelve(item);
    return t;
  }

  /**
   * Allocates a copy standing on the shelf to a waiting hold (no walk-in priority): used at
   * placement, when an earlier series volume gets its copy, and when a postponed hold wakes.
   */
  async allocateFromShelf(rules: Rules, holdId: string): Promise<TrappedHold | null> {
    if (rules.policy.holds.walkInPriority) return null;
    const [hold]: { id: string; recordId: string; pickupBranch: string }[] = await tenantManager().query(
      `SELECT h.id, h.record_id AS "recordId", pp.branch_code AS "pickupBranch"
         FROM holds h JOIN pickup_points pp ON pp.code = h.pickup_point_code
        WHERE h.id = $1 AND h.status = 'waiting' AND h.item_id IS NULL
          AND (h.suspended_until IS NULL OR h.suspended_until < $2::date)
        FOR UPDATE OF h SKIP LOCKED`,
      [holdId, rules.today],
    );
    if (!hold) return null;
    if (!mayAllocateInOrderedSeries(rules.policy, await this.earlierVolumes(hold.id))) return null;
    const [item]: ItemRow[] = await tenantManager().query(
      `SELECT ${ITEM_COLUMNS} FROM items i
        WHERE i.record_id = $1 AND i.status = 'on-shelf' AND i.loanable AND i.owned
        ORDER BY (i.branch_code = $2) DESC, i.barcode
        LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [hold.recordId, hold.pickupBranch],
    );
    if (!item) return null;
    return this.allocate(rules, hold.id, item, { scanned: false });
  }

  /** After a volume of an ordered series moved on, later volumes may take a copy from the shelf. */
  async followSeries(rules: Rules, seriesGroup: string): Promise<void> {
    if (rules.policy.holds.walkInPriority) return;
    const rows: { id: string }[] = await tenantManager().query(
      `SELECT id FROM holds WHERE series_group = $1 AND status = 'waiting' AND item_id IS NULL ORDER BY series_position`,
      [seriesGroup],
    );
    for (const r of rows) {
      const t = await this.allocateFromShelf(rules, r.id);
      if (!t) break; // the next volume still waits, so the ones after it wait too
    }
  }

  /**
   * Ends a hold (cancelled or expired) whose status is still one of `fromStatuses`, and passes
   * its copy on. Returns the ended hold, or undefined if its state changed meanwhile.
   */
  async endHold(
    rules: Rules,
    holdId: string,
    to: 'cancelled' | 'expired',
    fromStatuses: readonly HoldStatus[],
    reason: string,
  ): Promise<{ hold: HoldDetail; passedTo: TrappedHold | null } | undefined> {
    const before = await this.holdDetail(holdId);
    if (!before) return undefined;
    // lock order: the copy first, then the hold
    const item = before.itemId ? await this.lockItemById(before.itemId) : undefined;
    const updated =
      to === 'expired'
        ? await changedRows(
            `UPDATE holds SET status = 'expired', expired_at = now(), cancel_reason = $3
              WHERE id = $1 AND status = ANY($2::text[]) AND item_id IS NOT DISTINCT FROM $4 AND expires_at < $5::date RETURNING id`,
            [holdId, fromStatuses, reason, before.itemId, rules.today],
          )
        : await changedRows(
            `UPDATE holds SET status = 'cancelled', cancelled_at = now(), cancel_reason = $3
              WHERE id = $1 AND status = ANY($2::text[]) AND item_id IS NOT DISTINCT FROM $4 RETURNING id`,
            [holdId, fromStatuses, reason, before.itemId],
          );
    if (!updated.length) return undefined;
    const hold = { ...before, status: to } as HoldDetail;
    let passedTo: TrappedHold | null = null;
    if (item) passedTo = await this.releaseCopy(rules, item, before.pickupBranch);
    if (hold.seriesGroup) await this.followSeries(rules, hold.seriesGroup);
    return { hold, passedTo };
  }

  /**
   * A patron borrows a copy of a title they hold: their hold is collected, whichever copy
   * it had. A different copy that was set aside for it is passed on. The borrowed copy is
   * locked by the caller.
   */
  async collectOnCheckout(rules: Rules, patronId: string, item: ItemRow): Promise<string | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const [hold]: { id: string; itemId: string | null; status: HoldStatus; pickupBranch: string; seriesGroup: string | null }[] =
        await tenantManager().query(
          `SELECT h.id, h.item_id AS "itemId", h.status, pp.branch_code AS "pickupBranch", h.series_group AS "seriesGroup"
             FROM holds h JOIN pickup_points pp ON pp.code = h.pickup_point_code
            WHERE h.patron_id = $1 AND h.record_id = $2 AND ${activeHoldSql('h')}`,
          [patronId, item.recordId],
        );
      if (!hold) return null;
      // lock order: copies before holds
      const other = hold.itemId && hold.itemId !== item.id ? await this.lockItemById(hold.itemId) : undefined;
      const done = await changedRows(
        `UPDATE holds SET status = 'collected', collected_at = now(), item_id = $3
          WHERE id = $1 AND status = $2 AND item_id IS NOT DISTINCT FROM $4 RETURNING id`,
        [hold.id, hold.status, item.id, hold.itemId],
      );
      if (!done.length) continue; // the hold moved on meanwhile: look again
      if (other) await this.releaseCopy(rules, other, hold.pickupBranch);
      if (hold.seriesGroup) await this.followSeries(rules, hold.seriesGroup);
      return hold.id;
    }
    throw new DomainError('CONFLICT', 'the hold kept changing');
  }

  /** The titles among `recordIds` that other patrons wait for (their holds block renewals: 延長不可). */
  async titlesWantedByOthers(patronId: string, recordIds: string[]): Promise<Set<string>> {
    if (!recordIds.length) return new Set();
    const rows: { recordId: string }[] = await tenantManager().query(
      `SELECT DISTINCT record_id AS "recordId" FROM holds
        WHERE record_id = ANY($1::uuid[]) AND status = 'waiting' AND item_id IS NULL AND patron_id <> $2`,
      [recordIds, patronId],
    );
    return new Set(rows.map((r) => r.recordId));
  }
}
