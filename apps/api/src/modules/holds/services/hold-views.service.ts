import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { HoldStatus, holdActions, holdStatusLabel, isCancelledHoldVisible, Policy } from '@shiori/policy';
import type { HoldView, PickupStop, StaffHoldView } from '@shiori/contracts';
import { activeHoldSql } from '../../../engine/database/sql';
import { tokyoDate } from '../../../engine/time';
import { Rules, RulesService } from './rules.service';

interface HoldListRow {
  id: string;
  recordId: string;
  title: string;
  volume: string | null;
  status: HoldStatus;
  queuePosition: string | null;
  pickupPointCode: string;
  pickupPointName: string;
  contact: string;
  placedVia: 'web' | 'counter' | 'request';
  placedAt: Date;
  readyAt: Date | null;
  expiresAt: string | null;
  pickupStop: PickupStop | null;
  endedAt: Date | null;
  suspendedUntil: string | null;
  itemId: string | null;
  itemBarcode: string | null;
  seriesGroup: string | null;
  seriesPosition: number | null;
  policyVersion: number;
  shelfNumber: number | null;
}

const LIST_SQL = `
  SELECT h.id, h.record_id AS "recordId", r.title, r.volume, h.status,
         CASE WHEN h.status = 'waiting' AND h.item_id IS NULL THEN
           (SELECT count(*) + 1 FROM holds q WHERE q.record_id = h.record_id AND q.status = 'waiting'
              AND q.item_id IS NULL AND q.queue_seq < h.queue_seq) END AS "queuePosition",
         h.pickup_point_code AS "pickupPointCode", pp.name AS "pickupPointName", h.contact, h.placed_via AS "placedVia",
         h.placed_at AS "placedAt", h.ready_at AS "readyAt", to_char(h.expires_at, 'YYYY-MM-DD') AS "expiresAt",
         h.pickup_stop AS "pickupStop", coalesce(h.cancelled_at, h.expired_at, h.collected_at) AS "endedAt",
         to_char(h.suspended_until, 'YYYY-MM-DD') AS "suspendedUntil", h.item_id AS "itemId", i.barcode AS "itemBarcode",
         h.series_group AS "seriesGroup", h.series_position AS "seriesPosition", h.policy_version AS "policyVersion",
         h.shelf_number AS "shelfNumber"
    FROM holds h
    JOIN records r ON r.id = h.record_id
    JOIN pickup_points pp ON pp.code = h.pickup_point_code
    LEFT JOIN items i ON i.id = h.item_id`;

/**
 * How holds are seen: one hold row as the patron sees it (`HoldView`, with what the policy
 * lets them do to it now), a patron's list on the OPAC and at the self-check, the desk's list
 * with who placed each hold, and the views of holds just placed or changed. Reads only; the
 * placement (HoldPlacement) and the changes (HoldsService) answer with these views.
 */
@Injectable()
export class HoldViews {
  constructor(private readonly rules: RulesService) {}

  view(policy: Policy, today: string, r: HoldListRow): HoldView {
    const actions = holdActions(policy, {
      status: r.status,
      placedVia: r.placedVia === 'web' ? 'web' : 'counter',
      allocated: r.itemId !== null,
    });
    const suspended = r.suspendedUntil && r.suspendedUntil >= today ? r.suspendedUntil : undefined;
    return {
      id: r.id,
      recordId: r.recordId,
      title: r.title,
      volume: r.volume,
      status: r.status,
      statusLabel: holdStatusLabel(policy, r.status),
      queuePosition: r.queuePosition === null || policy.display.queuePosition === 'hidden' ? null : Number(r.queuePosition),
      pickupPointCode: r.pickupPointCode,
      pickupPointName: r.pickupPointName,
      contact: r.contact,
      placedVia: r.placedVia,
      placedAt: r.placedAt.toISOString(),
      ...(r.readyAt ? { readyAt: r.readyAt.toISOString() } : {}),
      ...(r.status === 'ready' && r.expiresAt ? { expiresAt: r.expiresAt } : {}),
      ...(r.status === 'ready' && r.pickupStop ? { pickupStop: r.pickupStop } : {}),
      // 予約取置室 (Kushiro): which shelf of the locker room holds the patron's book
      ...(r.status === 'ready' && r.shelfNumber ? { shelfNumber: r.shelfNumber } : {}),
      ...(r.status === 'cancelled' || r.status === 'expired' ? { cancelledAt: r.endedAt?.toISOString() } : {}),
      cancellable: actions.cancel,
      pickupChangeable: actions.changePickup,
      // a postponed hold can always be woken up again
      postponable: actions.postpone || (r.status === 'waiting' && !!suspended),
      ...(suspended ? { suspendedUntil: suspended } : {}),
      ...(r.itemBarcode ? { itemBarcode: r.itemBarcode } : {}),
      ...(r.seriesGroup ? { ordered: { group: r.seriesGroup, position: r.seriesPosition! } } : {}),
      policyVersion: r.policyVersion,
    };
  }

  /**
   * A patron's holds: active ones, and cancelled or expired ones while the policy keeps them
   * listed (Kitakyushu: two weeks).
   */
  async listForPatron(patronId: string, rules?: Rules): Promise<HoldView[]> {
    const { policy, today } = rules ?? (await this.rules.load());
    const days = policy.holds.cancelledVisibleDays;
    const rows: HoldListRow[] = await tenantManager().query(
      `${LIST_SQL}
        WHERE h.patron_id = $1
          AND (${activeHoldSql('h')}
               OR (h.status IN ('cancelled','expired') AND coalesce(h.cancelled_at, h.expired_at) > now() - make_interval(days => $2)))
        ORDER BY h.placed_at DESC, h.series_position NULLS FIRST`,
      [patronId, days + 2],
    );
    const listed = (r: HoldListRow) =>
      (r.status !== 'cancelled' && r.status !== 'expired') || (!!r.endedAt && isCancelledHoldVisible(policy, tokyoDate(r.endedAt), today));
    return rows.filter(listed).map((r) => this.view(policy, today, r));
  }

  /** A patron's holds for the desk: as the patron sees them, plus who placed each, the limit override and the desk's note. */
  async listForStaff(patronId: string): Promise<StaffHoldView[]> {
    const rules = await this.rules.load();
    const views = await this.listForPatron(patronId, rules);
    if (!views.length) return [];
    const rows: { id: string; placedBy: 'patron' | 'staff'; placedByStaff: string | null; limitOverride: boolean; staffNote: string | null }[] =
      await tenantManager().query(
        `SELECT id, placed_by AS "placedBy", placed_by_staff_name AS "placedByStaff", limit_override AS "limitOverride", staff_note AS "staffNote"
           FROM holds WHERE id = ANY($1::uuid[])`,
        [views.map((v) => v.id)],
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return views.map((v) => {
      const r = byId.get(v.id)!;
      return { ...v, placedBy: r.placedBy, placedByStaff: r.placedByStaff, limitOverride: r.limitOverride, note: r.staffNote };
    });
  }

  async viewOne(holdId: string, rules: Rules): Promise<HoldView> {
    const [row]: HoldListRow[] = await tenantManager().query(`${LIST_SQL} WHERE h.id = $1`, [holdId]);
    return this.view(rules.policy, rules.today, row);
  }

  /** The views of the given holds, in queue order (the order they were placed in). */
  async viewsOf(ids: string[], rules: Rules): Promise<HoldView[]> {
    const rows: HoldListRow[] = await tenantManager().query(`${LIST_SQL} WHERE h.id = ANY($1::uuid[]) ORDER BY h.queue_seq`, [ids]);
    return rows.map((r) => this.view(rules.policy, rules.today, r));
  }
}
