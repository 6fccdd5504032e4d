import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import {
  ACTIVE_HOLD_STATUSES,
  addDays,
  Codes,
  ContactMethod,
  CopyStatus,
  decideCardAccess,
  decideHoldPlacement,
  decideVisitorHold,
  HoldChannel,
  HoldCopy,
  HoldPlacementInput,
  HoldStatus,
  holdActions,
  holdStatusLabel,
  isCancelledHoldVisible,
  isCardExpired,
  isIsoDate,
  normalizeCardNumber,
  Policy,
} from '@shiori/policy';
import { AgreementsStore } from '../../agreements';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { tokyoDate } from '../../../engine/time';
import { NoticesService } from '../../notifications';
import { PatronErrors } from '../../patrons';
import { HoldsErrors } from '../holds.errors';
import type { DeskHoldView, HoldView, PickupStop, StaffHoldView } from '@shiori/contracts';
import { activeHoldSql, changedRows } from '../../../engine/database/sql';
import { AllocationService } from './allocation.service';
import { Rules, RulesService } from './rules.service';
import { CatalogErrors } from '../../catalog';

/** Maps an items.status onto the catalogue's copy status the policy reasons about. */
export function copyStatusOf(itemStatus: string): CopyStatus | null {
  switch (itemStatus) {
    case 'on-shelf':
    case 'on-loan':
    case 'in-transit':
    case 'missing':
      return itemStatus;
    case 'reserved':
    case 'on-hold-shelf':
      return 'reserved';
    default:
      return null; // withdrawn: not a copy any more
  }
}

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

export interface PlaceHoldsInput {
  recordIds: string[];
  pickupPointCode: string;
  contact: ContactMethod;
  ordered?: boolean;
  emailConfirmation?: boolean;
}

/** A hold a librarian takes for a patron at the desk (`POST /desk/holds`). */
export interface DeskHoldInput {
  patronCard?: string;
  patronId?: string;
  recordId: string;
  /** Pickup point code; defaults to the patron's usual one, else the library's first. */
  pickupPoint?: string;
  contact?: ContactMethod;
  emailConfirmation?: boolean;
  note?: string;
  /** Beyond the patron's hold limit (HOLD_LIMIT only). */
  override?: boolean;
}

interface PatronForHold {
  id: string;
  cardNumber: string;
  name: string;
  email: string | null;
  status: string;
  expiresAt: string | null;
  /** A visitor from another city (広域利用): holds only where their agreement allows them. */
  agreementId: string | null;
}

interface PlacementOptions {
  channel: HoldChannel;
  /** Staff only: take the hold beyond the hold limit. */
  overrideLimit?: boolean;
  /** Set when a librarian places the hold. */
  staff?: { id: string; name: string; note: string | null };
}

/** The patron's side of holds: place (from the cart), list, cancel, change pickup, postpone. */
@Injectable()
export class HoldsService {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly agreements: AgreementsStore,
  ) {}

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

  /**
   * Places holds on every record or on none (the request's transaction rolls back on the
   * first refusal, which names the record). The policy decides each one; placed records
   * leave the cart. Without walk-in priority, a copy on the shelf is allocated at once (it
   * goes on the pull list); with it, the daily pull list brings the copy in.
   */
  async place(patronId: string, input: PlaceHoldsInput): Promise<HoldView[]> {
    const rules = await this.rules.load();
    const patron = await this.lockPatron('id', patronId);
    if (!patron) throw new DomainError('UNAUTHENTICATED');
    const placed = await this.placeFor(rules, patron, input, { channel: 'web' });
    return this.viewsOf(placed.ids, rules);
  }

  /**
   * A hold placed by a librarian for the patron at the counter or on the phone (カウンターでの
   * 予約受付). The patron's own rules apply exactly as on the OPAC (blocked or expired card,
   * duplicate, reservable material, hold limit, contact method) and are refused with the same
   * codes; the only differences are the channel (the web-only restrictions of reservability —
   * owned copies only, copies on loan only — send patrons to the counter, so the counter is not
   * bound by them: libs/policy `reservableForDisplay`) and `override`, which lets staff take
   * the hold beyond the patron's hold LIMIT only. The hold is recorded as placed at the counter
   * by this librarian, the override and note with it, and audited.
   */
  async placeAtDesk(input: DeskHoldInput, staff: { id: string; name: string }): Promise<DeskHoldView> {
    const rules = await this.rules.load();
    const { policy } = rules;
    const m = tenantManager();

    if ((input.patronCard === undefined) === (input.patronId === undefined)) {
      throw new DomainError('VALIDATION', undefined, [{ path: 'patronCard', message: 'give either patronCard or patronId' }]);
    }
    let patron: PatronForHold | undefined;
    if (input.patronCard !== undefined) {
      const card = normalizeCardNumber(input.patronCard, policy.card);
      if (!card.ok) {
        throw new DomainError(card.code, card.message.ja, [{ path: 'patronCard', code: card.reason, message: card.message }], { reason: card.reason });
      }
      patron = await this.lockPatron('card', card.cardNumber);
      if (!patron) throw new DomainError(PatronErrors.CARD_NOT_FOUND);
    } else {
      patron = await this.lockPatron('id', input.patronId!);
      if (!patron) throw new DomainError(PatronErrors.PATRON_NOT_FOUND);
    }

    let pickupPointCode = input.pickupPoint;
    if (!pickupPointCode) {
      // the patron's usual pickup point (their latest hold's, while it is open), else the library's first
      const [usual] = await m.query(
        `SELECT pp.code FROM holds h JOIN pickup_points pp ON pp.code = h.pickup_point_code AND pp.active
          WHERE h.patron_id = $1 ORDER BY h.placed_at DESC LIMIT 1`,
        [patron.id],
      );
      const [first] = usual
        ? [usual]
        : await m.query(
            `SELECT pp.code FROM pickup_points pp JOIN branches b ON b.code = pp.branch_code
              WHERE pp.active AND b.active ORDER BY b.sort, b.code, pp.kind <> 'counter', pp.sort, pp.code LIMIT 1`,
          );
      if (!first) throw new DomainError(HoldsErrors.UNKNOWN_PICKUP_POINT, undefined, [{ path: 'pickupPoint', message: 'the library has no pickup point' }]);
      pickupPointCode = first.code as string;
    }
    // as the OPAC's hold form: e-mail when the city offers it and the patron has an address
    const methods = policy.holds.contactMethods;
    const contact = input.contact ?? (methods.includes('email') && patron.email ? 'email' : (methods.find((x) => x !== 'email') ?? methods[0]));

    const note = input.note?.trim() || null;
    const placed = await this.placeFor(
      rules,
      patron,
      { recordIds: [input.recordId], pickupPointCode, contact, emailConfirmation: input.emailConfirmation },
      { channel: 'counter', overrideLimit: input.override === true, staff: { ...staff, note } },
      'pickupPoint',
    );
    const [view] = await this.viewsOf(placed.ids, rules);
    await this.audit.record('hold.place', 'hold', view.id, null, {
      patronCard: patron.cardNumber,
      recordId: input.recordId,
      title: view.title,
      pickupPointCode: view.pickupPointCode,
      contact: view.contact,
      placedVia: 'counter',
      status: view.status,
      ...(placed.limitOverride ? { limitOverride: placed.limitOverride } : {}),
      ...(note ? { note } : {}),
    });
    return {
      ...view,
      patron: { id: patron.id, cardNumber: patron.cardNumber, name: patron.name },
      placedBy: 'staff',
      limitOverridden: placed.limitOverride !== null,
      note,
      noticeQueued: placed.noticeQueued,
      ...(isCardExpired(patron.expiresAt, rules.today) ? { cardExpired: true as const } : {}),
    };
  }

  /** The patron row, locked for the placement (limits are counted under this lock). */
  private async lockPatron(by: 'id' | 'card', value: string): Promise<PatronForHold | undefined> {
    const rows: PatronForHold[] = await tenantManager().query(
      `SELECT id, card_number AS "cardNumber", name, email, status, to_char(expires_at, 'YYYY-MM-DD') AS "expiresAt", agreement_id AS "agreementId"
         FROM patrons WHERE ${by === 'id' ? 'id' : 'card_number'} = $1 FOR UPDATE`,
      [value],
    );
    return rows[0];
  }

  /**
   * The one placement both the OPAC and the desk go through: the patron's standing, the
   * pickup point, then the policy's decision on every record, then the rows, allocation from
   * the shelf and the hold-received notice.
   */
  private async placeFor(
    rules: Rules,
    patron: PatronForHold,
    input: PlaceHoldsInput,
    opts: PlacementOptions,
    pickupField = 'pickupPointCode',
  ): Promise<{ ids: string[]; limitOverride: { limit: number; activeHolds: number } | null; noticeQueued: boolean }> {
    const { policy, today, version } = rules;
    const m = tenantManager();
    const patronId = patron.id;
    if (patron.status === 'blocked') throw new DomainError(PatronErrors.PATRON_BLOCKED);
    if (patron.agreementId) {
      const visitor = decideVisitorHold(await this.agreements.visitorTerms(patron.agreementId));
      if (!visitor.ok) throw new DomainError(visitor.code, visitor.message.ja);
    }
    // An expired card closes the web (and the self-check) where the city says so; the counter
    // serves it, as it lends on it (Kushiro, seeds/001_…txt: the card is renewed there) and
    // the desk's answer says the card has expired.
    const access = decideCardAccess(policy, patron.expiresAt, today, opts.channel === 'counter' ? 'counter' : 'web');
    if (!access.ok) throw new DomainError(access.code);

    const [pickup] = await m.query(`SELECT code, name, branch_code AS "branchCode" FROM pickup_points WHERE code = $1 AND active`, [
      input.pickupPointCode,
    ]);
    if (!pickup) throw new DomainError(HoldsErrors.UNKNOWN_PICKUP_POINT, undefined, [{ path: pickupField, message: 'no such pickup point' }]);

    const records: { id: string; title: string; volume: string | null }[] = await m.query(
      `SELECT id, title, volume FROM records WHERE id = ANY($1::uuid[]) AND withdrawn_at IS NULL`,
      [input.recordIds],
    );
    const byId = new Map(records.map((r) => [r.id, r]));
    const copies: { recordId: string; loanable: boolean; owned: boolean; status: string }[] = await m.query(
      `SELECT record_id AS "recordId", loanable, owned, status FROM items WHERE record_id = ANY($1::uuid[])`,
      [input.recordIds],
    );
    const [counts] = await m.query(
      `SELECT count(*) FILTER (WHERE placed_via <> 'request')::int AS holds, count(*) FILTER (WHERE placed_via = 'request')::int AS requests
         FROM holds WHERE patron_id = $1 AND ${activeHoldSql()}`,
      [patronId],
    );
    const held: { recordId: string }[] = await m.query(
      `SELECT record_id AS "recordId" FROM holds WHERE patron_id = $1 AND record_id = ANY($2::uuid[]) AND ${activeHoldSql()}`,
      [patronId, input.recordIds],
    );
    const heldSet = new Set(held.map((h) => h.recordId));

    let limitOverride: { limit: number; activeHolds: number } | null = null;
    for (const [index, recordId] of input.recordIds.entries()) {
      const record = byId.get(recordId);
      if (!record) throw new DomainError(CatalogErrors.RECORD_NOT_FOUND, undefined, undefined, { recordId, index });
      const holdCopies: HoldCopy[] = copies
        .filter((c) => c.recordId === recordId)
        .flatMap((c) => {
          const status = copyStatusOf(c.status);
          return status ? [{ loanable: c.loanable, owned: c.owned, status }] : [];
        });
      const asked: HoldPlacementInput = {
        policy,
        record: { copies: holdCopies },
        activeHoldCount: counts.holds + index,
        otherRequestCount: counts.requests,
        contact: input.contact,
        hasEmail: !!patron.email,
        alreadyHeld: heldSet.has(recordId),
        ordered: input.ordered === true,
        channel: opts.channel,
      };
      let decision = decideHoldPlacement(asked);
      if (!decision.ok && decision.code === Codes.HOLD_LIMIT && opts.overrideLimit && opts.staff) {
        // staff take the hold beyond the limit: every other rule is decided as if under it
        const activeHolds = asked.activeHoldCount + (policy.holds.countsRequestsFromOtherChannels ? counts.requests : 0);
        limitOverride = { limit: decision.limit ?? policy.holds.maxActive, activeHolds };
        decision = decideHoldPlacement({ ...asked, activeHoldCount: 0, otherRequestCount: 0 });
        if (!decision.ok && decision.code === Codes.HOLD_LIMIT) limitOverride = null; // a limit of 0: this library takes no holds
      }
      if (!decision.ok) {
        throw new DomainError(decision.code, decision.message.ja, undefined, {
          // the policy's own words for this refusal (禁帯出…), not only the code's general text
          message: decision.message,
          recordId,
          index,
          ...(decision.reason ? { reason: decision.reason } : {}),
          ...(decision.limit !== undefined ? { limit: decision.limit } : {}),
        });
      }
    }

    const ordered = input.ordered === true && input.recordIds.length > 1;
    const staff = opts.staff;
    let inserted: { id: string }[];
    try {
      inserted = await m.query(
        `WITH req AS (SELECT CASE WHEN $6 THEN gen_random_uuid() END AS grp)
         INSERT INTO holds (patron_id, record_id, pickup_point_code, contact, email_confirmation, placed_via, policy_version, series_group, series_position,
                            placed_by, placed_by_staff_id, placed_by_staff_name, limit_override, staff_note)
         SELECT $1, x.record_id, $2, $3, $4, $8, $5, req.grp, CASE WHEN $6 THEN x.pos END, $9, $10, $11, $12, $13
           FROM unnest($7::uuid[]) WITH ORDINALITY AS x(record_id, pos), req
          ORDER BY x.pos
         RETURNING id`,
        [
          patronId,
          pickup.code,
          input.contact,
          input.emailConfirmation ?? false,
          version,
          ordered,
          input.recordIds,
          opts.channel === 'counter' ? 'counter' : 'web',
          staff ? 'staff' : 'patron',
          staff?.id ?? null,
          staff?.name ?? null,
          limitOverride !== null,
          staff?.note ?? null,
        ],
      );
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new DomainError('ALREADY_HELD');
      throw e;
    }
    await m.query(`DELETE FROM cart_items WHERE patron_id = $1 AND record_id = ANY($2::uuid[])`, [patronId, input.recordIds]);

    // queue_seq follows insertion order, so the ids come back in request order
    for (const h of inserted) await this.allocation.allocateFromShelf(rules, h.id);

    const mode = policy.notices.holdPlaced;
    let noticeQueued = false;
    if (patron.email && (mode === 'always' || (mode === 'opt-in' && input.emailConfirmation))) {
      noticeQueued = await this.notices.enqueue({
        kind: 'hold-received',
        to: patron.email,
        patronId,
        data: {
          patron: { name: patron.name },
          holds: input.recordIds.map((id) => ({ title: byId.get(id)!.title, volume: byId.get(id)!.volume, pickupPoint: pickup.name })),
        },
        idempotencyKey: `hold-received:${inserted[0].id}`,
      });
    }
    return { ids: inserted.map((h) => h.id), limitOverride, noticeQueued };
  }

  private async viewsOf(ids: string[], rules: Rules): Promise<HoldView[]> {
    const rows: HoldListRow[] = await tenantManager().query(`${LIST_SQL} WHERE h.id = ANY($1::uuid[]) ORDER BY h.queue_seq`, [ids]);
    return rows.map((r) => this.view(rules.policy, rules.today, r));
  }

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
    return this.viewOne(holdId, rules);
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
    return this.viewOne(holdId, rules);
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
    return this.viewOne(holdId, rules);
  }
}
