import { Injectable } from '@nestjs/common';
import { currentTenant, tenantManager } from '@shiori/tenancy';
import { computeHoldShelfExpiry, stationHoldShelf } from '@shiori/policy';
import type { PickupStop, TrappedHold } from '@shiori/contracts';
import { DomainError } from '../../../engine/errors/domain-error';
import { PublicLinks } from '../../../engine/http/public-links';
import { changedRows } from '../../../engine/database/sql';
import { NoticesService } from '../../notices';
import { BookmobileService } from '../../places';
import { HoldDetail, ItemRow } from '../holds.types';
import type { Rules } from './rules.service';

/**
 * A copy set aside for a hold: on the hold shelf at its pickup point (the last day, the locker
 * shelf, the ready notice) or in transit toward it, and the hold slip. AllocationService decides
 * which hold gets the copy; this service puts it there. Runs inside the caller's tenant transaction.
 */
@Injectable()
export class HoldReadyService {
  constructor(
    private readonly notices: NoticesService,
    private readonly bookmobile: BookmobileService,
    private readonly links: PublicLinks,
  ) {}

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

  async shelve(item: ItemRow): Promise<void> {
    if (item.status === 'withdrawn') return;
    await tenantManager().query(`UPDATE items SET status = 'on-shelf', updated_at = now() WHERE id = $1`, [item.id]);
    item.status = 'on-shelf';
  }
}
