import { Injectable } from '@nestjs/common';
import { currentTenant, tenantManager } from '@shiori/tenancy';
import { computeHoldShelfExpiry, HoldStatus, isHoldShelfExpired, mayAllocateInOrderedSeries, stationHoldShelf } from '@shiori/policy';
import { DomainError } from '../../../engine/errors/domain-error';
import { PublicLinks } from '../../../engine/http/public-links';
import { NoticesService } from '../../notices';
import { BookmobileService } from '../../places';
import { HoldsErrors } from '../holds.errors';
import { activeHoldSql, allocatedHoldSql, changedRows } from '../../../engine/database/sql';
import type { PickupStop, TrappedHold } from '@shiori/contracts';
import { HOLD_DETAIL_SQL, HoldDetail, ITEM_COLUMNS, ItemRow } from '../holds.types';
import type { Rules } from './rules.service';

/** How a copy reaches allocation: in a librarian's hands at a branch, or still standing on the shelf. */
export type CopyWhere = { scanned: true; atBranch: string } | { scanned: false };

/**
 * The hold life cycle's moving parts: which hold gets a copy, transit, the hold shelf and
 * its expiry. Every method runs inside the caller's tenant transaction.
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
  constructor(
    private readonly notices: NoticesService,
    private readonly bookmobile: BookmobileService,
    private readonly links: PublicLinks,
  ) {}

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

  trapped(h: HoldDetail, itemBarcode: string): TrappedHold {
    return {
      holdId: h.id,
      pickupPointCode: h.pickupPointCode,
      pickupPointName: h.pickupPointName,
      pickupBranchCode: h.pickupBranch,
      status: h.status === 'ready' ? 'ready' : 'in-transit',
      patron: { cardNumber: h.cardNumber, name: h.patronName },
      title: h.title,
      itemBarcode,
      ...(h.status === 'ready' && h.lastDay ? { lastDay: h.lastDay } : {}),
      ...(h.status === 'ready' && h.shelfNumber ? { shelfNumber: h.shelfNumber } : {}),
    };
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
      result = await this.makeReady(rules, hold, item);
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
      result = this.trapped({ ...hold, status: 'in-transit', itemId: item.id }, item.barcode);
    }
    if (hold.seriesGroup) await this.followSeries(rules, hold.seriesGroup);
    return result;
  }

  /**
   * Puts a hold on the hold shelf: the last day follows the policy (counted from the day it
   * is secured or from the notice, closed days excluded where the city says so), and the
   * ready notice goes into the outbox in this transaction.
   */
  async makeReady(rules: Rules, hold: HoldDetail, item: ItemRow): Promise<TrappedHold> {
    const { policy, today, isClosed } = rules;
    const notify = policy.notices.holdReady !== 'off' && hold.contact === 'email' && !!hold.email;
    const noticeDate = notify ? today : null;
    // A hold for a bookmobile station rides the bus: ready at the station's next visit, it
    // waits a number of visits (policy.bookmobile.holdShelfStops), not days.
    const station = await this.bookmobile.stationRules(hold.pickupPointCode, isClosed);
    const shelf = station ? stationHoldShelf({ ...station.query, stationCode: hold.pickupPointCode, trappedDate: today, stops: policy.bookmobile.holdShelfStops }) : null;
    const pickupStop: PickupStop | null = shelf ? { date: shelf.ready.date, start: shelf.ready.start, end: shelf.ready.end, place: shelf.ready.place } : null;
    const lastDay = shelf ? shelf.last.date : computeHoldShelfExpiry({ policy, securedDate: today, noticeDate, branchCode: hold.pickupBranch, isClosed });
    const now = new Date(); // the app's clock: Citus takes no now() inside COALESCE in an UPDATE
    const shelfNumber = hold.pickupKind === 'locker' ? await this.freeLockerShelf(hold.pickupPointCode) : null;
    const updated = await changedRows(
      `UPDATE holds SET status = 'ready', item_id = $2, allocated_at = coalesce(allocated_at, $5), ready_at = $5,
              expires_at = $3, notice_date = $4, pickup_from = $6, pickup_stop = $7, shelf_number = $8
        WHERE id = $1 AND status IN ('waiting','in-transit') AND (item_id IS NULL OR item_id = $2) RETURNING id`,
      [hold.id, item.id, lastDay, noticeDate, now, pickupStop?.date ?? null, pickupStop ? JSON.stringify(pickupStop) : null, shelfNumber],
    );
    if (!updated.length) throw new DomainError('CONFLICT', 'hold changed before it could be made ready');
    await tenantManager().query(`UPDATE items SET status = 'on-hold-shelf', updated_at = now() WHERE id = $1`, [item.id]);
    item.status = 'on-hold-shelf';
    if (notify) {
      await this.notices.enqueue({
        kind: 'hold-ready',
        to: hold.email!,
        patronId: hold.patronId,
        data: {
          patron: { name: hold.patronName },
          title: hold.title,
          volume: hold.volume,
          pickupPoint: hold.pickupPointName,
          lastDay,
          stop: pickupStop ? { date: pickupStop.date, time: `${pickupStop.start}〜${pickupStop.end}`, place: pickupStop.place } : null,
          shelfNumber,
          // the patron's hold list in the city's OPAC (from configuration, never from a request)
          url: this.links.opacPage('my/holds'),
        },
        idempotencyKey: `hold-ready:${hold.id}`,
      });
    }
    const trapped = this.trapped({ ...hold, status: 'ready', lastDay, itemId: item.id, shelfNumber }, item.barcode);
    return pickupStop ? { ...trapped, pickupStop } : trapped;
  }

  /**
   * The lowest shelf of a hold locker room not taken by a hold waiting there now (予約取置室,
   * Kushiro): the desk puts the copy on it, the patron reads it in the ready notice and on My page.
   */
  private async freeLockerShelf(pickupPointCode: string): Promise<number> {
    // two check-ins at one locker room at the same instant take turns (until this transaction ends)
    await tenantManager().query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`locker:${currentTenant().slug}:${pickupPointCode}`]);
    const taken: { n: number }[] = await tenantManager().query(
      `SELECT shelf_number AS n FROM holds WHERE pickup_point_code = $1 AND status = 'ready' AND shelf_number IS NOT NULL`,
      [pickupPointCode],
    );
    const used = new Set(taken.map((r) => Number(r.n)));
    let n = 1;
    while (used.has(n)) n++;
    return n;
  }

  /**
   * A copy allocated to a hold is scanned at a branch (check-in or transit receipt): at the
   * pickup point's branch the hold becomes ready; elsewhere the copy travels on.
   */
  async advance(rules: Rules, hold: HoldDetail, item: ItemRow, atBranch: string): Promise<TrappedHold> {
    if (hold.status === 'ready') return this.trapped(hold, item.barcode);
    if (atBranch === hold.pickupBranch) return this.makeReady(rules, hold, item);
    if (item.status !== 'in-transit') {
      await tenantManager().query(`UPDATE items SET status = 'in-transit', updated_at = now() WHERE id = $1`, [item.id]);
      await tenantManager().query(`UPDATE holds SET transit_from_branch = $2 WHERE id = $1`, [hold.id, atBranch]);
      item.status = 'in-transit';
    }
    return this.trapped(hold, item.barcode);
  }

  /** Transit receipt at the pickup branch: the hold becomes ready (or a released copy is trapped anew). */
  async receive(rules: Rules, item: ItemRow, branchCode: string): Promise<TrappedHold | null> {
    const hold = await this.holdOfItem(item.id);
    if (!hold) {
      if (item.status !== 'in-transit') throw new DomainError(HoldsErrors.NOT_IN_TRANSIT);
      const t = await this.trapCopy(rules, item, { scanned: true, atBranch: branchCode });
      if (!t) await this.shelve(item);
      return t;
    }
    if (hold.status === 'ready') return this.trapped(hold, item.barcode);
    if (item.status === 'in-transit' && branchCode !== hold.pickupBranch) {
      throw new DomainError(HoldsErrors.TRANSIT_WRONG_BRANCH, `→ ${hold.pickupBranch}`, undefined, { pickupBranchCode: hold.pickupBranch });
    }
    return this.advance(rules, hold, item, branchCode);
  }

  async shelve(item: ItemRow): Promise<void> {
    if (item.status === 'withdrawn') return;
    await tenantManager().query(`UPDATE items SET status = 'on-shelf', updated_at = now() WHERE id = $1`, [item.id]);
    item.status = 'on-shelf';
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
    if (item.status === 'reserved') await this.shelve(item);
    const t = await this.trapCopy(rules, item, where);
    if (!t) await this.shelve(item);
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
      const r = await this.endHold(rules, d.id, 'expired', ['ready'], 'shelf-expired');
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
