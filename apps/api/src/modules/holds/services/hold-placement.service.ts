import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import {
  Codes,
  decideCardAccess,
  decideHoldPlacement,
  decideVisitorHold,
  defaultHoldContact,
  defaultPickupPoint,
  HoldCopy,
  HoldPlacementInput,
  isCardExpired,
  normalizeCardNumber,
  PickupChoicePoint,
} from '@shiori/policy';
import type { DeskHoldView, HoldView } from '@shiori/contracts';
import { AgreementsStore } from '../../agreements';
import { CatalogErrors } from '../../catalog';
import { NoticesService } from '../../notices';
import { PatronErrors } from '../../patrons';
import { AuditService } from '../../../engine/audit/audit.service';
import { activeHoldSql } from '../../../engine/database/sql';
import { DomainError } from '../../../engine/errors/domain-error';
import { HoldsErrors } from '../holds.errors';
import { copyStatusOf, DeskHoldInput, PatronForHold, PlaceHoldsInput, PlacementOptions } from '../holds.types';
import { AllocationService } from './allocation.service';
import { HoldViews } from './hold-views.service';
import { Rules, RulesService } from './rules.service';

/**
 * Placing holds: the patron's own from the cart on the OPAC (`place`) and the librarian's for
 * a patron at the counter or on the phone (`placeAtDesk`), both through the one placement
 * (`placeFor`) under a lock on the patron row: the patron's standing, the pickup point, the
 * policy's decision on every record (all or nothing), the rows, allocation from the shelf and
 * the hold-received notice. The desk's placement is audited. Answers with HoldViews' views.
 */
@Injectable()
export class HoldPlacement {
  constructor(
    private readonly rules: RulesService,
    private readonly allocation: AllocationService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly agreements: AgreementsStore,
    private readonly views: HoldViews,
  ) {}

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
    return this.views.viewsOf(placed.ids, rules);
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

    // the one rule of the three tiers (libs/policy defaultPickupPoint): the patron's last used
    // point while it is offered, else the library's first branch's counter (the API does not
    // know the desk's branch: the admin sends the point it chose by the same rule)
    const pickupPointCode = input.pickupPoint || (await this.defaultPickupPoint(patron.id));
    // as the OPAC's hold form: e-mail when the city offers it and the patron has an address
    const contact = input.contact ?? defaultHoldContact(policy.holds.contactMethods, !!patron.email);

    const note = input.note?.trim() || null;
    const placed = await this.placeFor(
      rules,
      patron,
      { recordIds: [input.recordId], pickupPointCode, contact, emailConfirmation: input.emailConfirmation },
      { channel: 'counter', overrideLimit: input.override === true, staff: { ...staff, note } },
      'pickupPoint',
    );
    const [view] = await this.views.viewsOf(placed.ids, rules);
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

  /**
   * The pickup point a hold placed without one goes to: libs/policy `defaultPickupPoint` over
   * the points offered now (active, of active branches, in the library's order) and the
   * point of the patron's latest hold (`lastPickupPointCode` of the patron views).
   */
  private async defaultPickupPoint(patronId: string): Promise<string> {
    const m = tenantManager();
    const points: PickupChoicePoint[] = await m.query(
      `SELECT pp.code, pp.branch_code AS "branchCode", pp.kind FROM pickup_points pp JOIN branches b ON b.code = pp.branch_code
        WHERE pp.active AND b.active ORDER BY b.sort, b.code, pp.sort, pp.code`,
    );
    const [last]: { code: string }[] = await m.query(`SELECT pickup_point_code AS code FROM holds WHERE patron_id = $1 ORDER BY placed_at DESC LIMIT 1`, [
      patronId,
    ]);
    const chosen = defaultPickupPoint({ points, lastUsedPointCode: last?.code });
    if (!chosen) throw new DomainError(HoldsErrors.UNKNOWN_PICKUP_POINT, undefined, [{ path: 'pickupPoint', message: 'the library has no pickup point' }]);
    return chosen.code;
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
}
