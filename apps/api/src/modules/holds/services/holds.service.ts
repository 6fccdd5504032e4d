import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { ACTIVE_HOLD_STATUSES, addDays, HoldStatus, holdActions, isIsoDate } from '@shiori/policy';
import type { HoldView } from '@shiori/contracts';
import { NoticesService } from '../../notices';
import { AuditService } from '../../../engine/audit/audit.service';
import { changedRows } from '../../../engine/database/sql';
import { DomainError } from '../../../engine/errors/domain-error';
import { HoldsErrors } from '../holds.errors';
import { AllocationService } from './allocation.service';
import { HoldViews } from './hold-views.service';
import { RulesService } from './rules.service';

/**
 * Changes to a hold once placed: the patron's cancellation, pickup change and postponement
 * (each only where the policy allows it in the hold's state, on the patron's own hold), and
 * staff cancellation at the desk in any active state (audited; the patron told by e-mail when
 * they chose e-mail). Each answers with the hold's view from HoldViews. Placing holds is
 * HoldPlacement's; lists and views are HoldViews'.
 */
@Injectable()
export class HoldsService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly views: HoldViews,
  ) {}

  private async ownHold(patronId: string, holdId: string) {
    const [h] = await tenantManager().query(
      `SELECT id, status, placed_via AS "placedVia", item_id AS "itemId", to_char(suspended_until, 'YYYY-MM-DD') AS "suspendedUntil"
         FROM holds WHERE id = $1 AND patron_id = $2`,
      [holdId, patronId],
    );
    if (!h) throw new DomainError(HoldsErrors.HOLD_NOT_FOUND);
    return h as { id: string; status: HoldStatus; placedVia: 'web' | 'counter' | 'request'; itemId: string | null; suspendedUntil: string | null };
  }

  /** Cancels a hold when the policy lets the patron do so in its state (else HOLD_NOT_CANCELLABLE). */
  async cancelByPatron(patronId: string, holdId: string): Promise<HoldView> {
    const rules = await this.rules.load();
    const h = await this.ownHold(patronId, holdId);
    const actions = holdActions(rules.policy, { status: h.status, placedVia: h.placedVia === 'web' ? 'web' : 'counter', allocated: h.itemId !== null });
    if (!actions.cancel) throw new DomainError(actions.refusals.cancel ?? 'HOLD_NOT_CANCELLABLE');
    const r = await this.allocation.endHold(rules, holdId, 'cancelled', [h.status], 'patron');
    // the hold moved on (e.g. a copy was just trapped for it): decide again on its new state
    if (!r) throw new DomainError('HOLD_NOT_CANCELLABLE');
    return this.views.viewOne(holdId, rules);
  }

  /** Staff cancel a hold at the desk in any active state; the patron is told by e-mail when they chose e-mail. */
  async cancelByStaff(holdId: string, reason: string | undefined): Promise<HoldView> {
    const rules = await this.rules.load();
    const before = await this.allocation.holdDetail(holdId);
    if (!before) throw new DomainError(HoldsErrors.HOLD_NOT_FOUND);
    if (!ACTIVE_HOLD_STATUSES.includes(before.status)) throw new DomainError(HoldsErrors.HOLD_ALREADY_FINISHED);
    const r = await this.allocation.endHold(rules, holdId, 'cancelled', ACTIVE_HOLD_STATUSES, reason ?? 'staff');
    if (!r) throw new DomainError('CONFLICT');
    await this.audit.record(
      'hold.cancel',
      'hold',
      holdId,
      { status: before.status, patronCard: before.cardNumber, title: before.title, itemId: before.itemId },
      { status: 'cancelled', reason: reason ?? null },
    );
    if (before.contact === 'email' && before.email) {
      await this.notices.enqueue({
        kind: 'hold-cancelled',
        to: before.email,
        patronId: before.patronId,
        data: { patron: { name: before.patronName }, title: before.title, volume: before.volume, reason: reason ?? null },
        idempotencyKey: `hold-cancelled:${holdId}`,
      });
    }
    return this.views.viewOne(holdId, rules);
  }

  /** Pickup change and postponement, each only where the policy allows it in the hold's state. */
  async update(patronId: string, holdId: string, patch: { pickupPointCode?: string; suspendedUntil?: string | null }): Promise<HoldView> {
    const rules = await this.rules.load();
    const { policy, today } = rules;
    const m = tenantManager();
    const h = await this.ownHold(patronId, holdId);
    const actions = holdActions(policy, { status: h.status, placedVia: h.placedVia === 'web' ? 'web' : 'counter', allocated: h.itemId !== null });

    if (patch.pickupPointCode !== undefined) {
      if (!actions.changePickup) throw new DomainError(actions.refusals.changePickup ?? 'PICKUP_CHANGE_NOT_ALLOWED');
      const [pickup] = await m.query(`SELECT code FROM pickup_points WHERE code = $1 AND active`, [patch.pickupPointCode]);
      if (!pickup) throw new DomainError(HoldsErrors.UNKNOWN_PICKUP_POINT, undefined, [{ path: 'pickupPointCode', message: 'no such pickup point' }]);
      const res = await changedRows(`UPDATE holds SET pickup_point_code = $2 WHERE id = $1 AND status = $3 RETURNING id`, [holdId, pickup.code, h.status]);
      if (!res.length) throw new DomainError('PICKUP_CHANGE_NOT_ALLOWED');
    }

    if (patch.suspendedUntil === null) {
      // waking a postponed hold is always allowed; it may take a copy from the shelf now
      await m.query(`UPDATE holds SET suspended_until = NULL WHERE id = $1 AND status = 'waiting'`, [holdId]);
      await this.allocation.allocateFromShelf(rules, holdId);
    } else if (patch.suspendedUntil !== undefined) {
      const until = patch.suspendedUntil;
      // today at the earliest, a year ahead at the most
      if (!isIsoDate(until) || until < today || until > addDays(today, 366)) {
        throw new DomainError(HoldsErrors.SUSPEND_DATE_INVALID, undefined, [{ path: 'suspendedUntil', message: 'a date from today to a year ahead' }]);
      }
      if (!actions.postpone) throw new DomainError(actions.refusals.postpone ?? 'POSTPONE_NOT_ALLOWED');
      await m.query(`UPDATE holds SET suspended_until = $2 WHERE id = $1 AND status = 'waiting' AND item_id IS NULL`, [holdId, until]);
    }
    return this.views.viewOne(holdId, rules);
  }
}
