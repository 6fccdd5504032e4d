import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../engine/errors/domain-error';
import { CheckinService, CheckoutService, LoansService } from '../../circulation';
import { RecordPageService, RecordsService } from '../../catalog';
import { PatronsService } from '../../patrons';
import { MachineSession } from '../machines/machines.service';
import { field, SipMessage } from '../protocol/codec';
import { formatSipDay, parseSipDate } from '../protocol/dates';
import { ALERT_TYPE, CIRCULATION_STATUS, FIELD } from '../protocol/layouts';
import { SelfCheckErrors } from '../selfcheck.errors';
import { PatronMessagesService } from './patron-messages.service';
import { libraryDay, refusal, SCREEN, screenLanguage, ScreenLanguage } from './screen-messages';
import { Answer, SessionEnded, SipSession, SipTransactions, sipNow } from './sip-session';

/** SIP2 media types (CK) of the library's material types; anything else is "other". */
const MEDIA_TYPE: Record<string, string> = { book: '001', magazine: '002' };
const mediaType = (materialType: string | null | undefined) => MEDIA_TYPE[materialType ?? ''] ?? '000';

/** Circulation status (18) of each copy status. */
const CIRCULATION: Record<string, string> = {
  'on-shelf': CIRCULATION_STATUS.available,
  'on-loan': CIRCULATION_STATUS.charged,
  'on-hold-shelf': CIRCULATION_STATUS.waitingOnHoldShelf,
  'in-transit': CIRCULATION_STATUS.inTransit,
  missing: CIRCULATION_STATUS.missing,
};

const titleOf = (v: { title: string; volume?: string | null }) => (v.volume ? `${v.title} ${v.volume}` : v.title);

/**
 * Checkout (11/12), checkin (09/10), renew (29/30) and item information (17/18) at a
 * self-check machine, each through the desk's own services, so the machine lends, takes
 * back and renews by exactly the counter's and the web's rules: the loan rules and limits,
 * the card rule for the machine (`self-checkout`), renewals as the patron's own (`online`),
 * and the hold trapping of a return, whose alert (CV), destination (CT) and hold patron's
 * card (CY) tell the machine or the sorter where the copy goes. A refusal rolls the
 * message's transaction back and answers `ok 0` with the reason on the screen (AF).
 */
@Injectable()
export class CirculationMessagesService {
  constructor(
    private readonly tx: SipTransactions,
    private readonly checkouts: CheckoutService,
    private readonly checkins: CheckinService,
    private readonly loans: LoansService,
    private readonly patrons: PatronsService,
    private readonly records: RecordsService,
    private readonly recordPages: RecordPageService,
    private readonly patronMessages: PatronMessagesService,
  ) {}

  /**
   * Runs `work` in the machine's city; a refusal (or any failure) becomes `refused(reason)`.
   * With `pinOf`, the PIN (AD), when sent, must first be the patron's OPAC password (with the
   * sign-in backoff), checked outside the message's transaction (PatronMessagesService.checkPin).
   */
  private async answer(
    session: SipSession,
    work: (machine: MachineSession) => Promise<Answer>,
    refused: (reason: { code: string; text: string }) => SipMessage,
    pinOf?: { card: string; msg: SipMessage },
  ): Promise<Answer> {
    try {
      if (pinOf) {
        const pin = await this.patronMessages.checkPin(session, pinOf.card, field(pinOf.msg, FIELD.patronPassword));
        if (pin.given && !pin.ok) throw pin.error;
      }
      return await this.tx.run(session, work);
    } catch (e) {
      if (e instanceof SessionEnded) throw e;
      const reason = refusal(e, screenLanguage(session.machine.charset));
      return { code: reason.code, message: refused(reason) };
    }
  }

  async checkout(session: SipSession, msg: SipMessage): Promise<Answer> {
    const lang = screenLanguage(session.machine.charset);
    const card = field(msg, FIELD.patronId)!;
    const barcode = field(msg, FIELD.itemId)!;
    const answer = (ok: boolean, renewal: boolean, fields: [string, string][], desensitize = ok ? 'Y' : 'N'): SipMessage => ({
      code: '12',
      fixed: { ok: ok ? '1' : '0', renewalOk: renewal ? 'Y' : 'N', magneticMedia: 'U', desensitize, transactionDate: sipNow() },
      fields: [[FIELD.institutionId, session.tenant.slug], ...fields],
    });
    return this.answer(
      session,
      async (machine) => {
        if (!machine.permissions.checkout) throw new DomainError(SelfCheckErrors.SELF_CHECK_NOT_ALLOWED);
        if (field(msg, FIELD.cancel) === 'Y') {
          // the machine could not finish the loan (e.g. the security strip): undo it
          const open = await this.loans.openLoanOfItem(barcode);
          const patron = await this.patrons.findByCard(card);
          if (!open || !patron || open.patron.id !== patron.id) throw new DomainError('LOAN_NOT_FOUND');
          await this.checkins.checkin({ itemBarcode: barcode, branchCode: machine.branchCode });
          const fields: [string, string][] = [
            [FIELD.patronId, open.patron.cardNumber],
            [FIELD.itemId, barcode],
            [FIELD.titleId, titleOf(open)],
            [FIELD.dueDate, ''],
            [FIELD.screenMessage, SCREEN.checkoutCancelled(lang)],
          ];
          return { code: 'OK', message: answer(true, false, fields, 'N') };
        }
        // a copy the patron already has, offered again: a renewal, where the machine asks for it (SC renewal policy)
        const open = msg.fixed.scRenewalPolicy === 'Y' && machine.permissions.renew ? await this.loans.openLoanOfItem(barcode) : null;
        if (open && open.patron.id === (await this.patrons.findByCard(card))?.id) {
          const renewed = await this.loans.renewAtSelfCheck(card, barcode);
          return { code: 'OK', message: answer(true, true, this.loanFields(renewed, SCREEN.renewed(titleOf(renewed), libraryDay(renewed.dueDate, lang), lang), lang)) };
        }
        const loan = await this.checkouts.checkout({ cardNumber: card, itemBarcode: barcode, branchCode: machine.branchCode }, 'self-checkout');
        return { code: 'OK', message: answer(true, false, this.loanFields(loan, SCREEN.checkedOut(titleOf(loan), libraryDay(loan.dueDate, lang), lang), lang)) };
      },
      (reason) =>
        answer(false, false, [
          [FIELD.patronId, card],
          [FIELD.itemId, barcode],
          [FIELD.titleId, ''],
          [FIELD.dueDate, ''],
          [FIELD.screenMessage, reason.text],
        ]),
      { card, msg },
    );
  }

  private loanFields(
    loan: { patron: { cardNumber: string }; itemBarcode: string; title: string; volume: string | null; dueDate: string; materialType: string },
    screen: string,
    lang: ScreenLanguage,
  ): [string, string][] {
    return [
      [FIELD.patronId, loan.patron.cardNumber],
      [FIELD.itemId, loan.itemBarcode],
      [FIELD.titleId, titleOf(loan)],
      [FIELD.dueDate, formatSipDay(loan.dueDate)],
      [FIELD.mediaType, mediaType(loan.materialType)],
      [FIELD.screenMessage, screen],
      [FIELD.printLine, SCREEN.dueLine(libraryDay(loan.dueDate, lang), lang)],
    ];
  }

  async checkin(session: SipSession, msg: SipMessage): Promise<Answer> {
    const lang = screenLanguage(session.machine.charset);
    const barcode = field(msg, FIELD.itemId)!;
    const answer = (ok: boolean, alert: boolean, fields: [string, string][]): SipMessage => ({
      code: '10',
      fixed: { ok: ok ? '1' : '0', resensitize: ok ? 'Y' : 'N', magneticMedia: 'U', alert: alert ? 'Y' : 'N', transactionDate: sipNow() },
      fields: [[FIELD.institutionId, session.tenant.slug], [FIELD.itemId, barcode], ...fields],
    });
    // a return stored by an offline machine and sent later ("no block") keeps its own time
    const returned = msg.fixed.noBlock === 'Y' ? parseSipDate(msg.fixed.returnDate) : null;
    return this.answer(
      session,
      async (machine) => {
        if (!machine.permissions.checkin) throw new DomainError(SelfCheckErrors.SELF_CHECK_NOT_ALLOWED);
        const result = await this.checkins.checkin({ itemBarcode: barcode, branchCode: machine.branchCode, ...(returned ? { at: returned.toISOString() } : {}) });
        const item = result.loan ?? (await this.records.getItem(barcode));
        const title = titleOf(item);
        const hold = result.trappedHold;
        const fields: [string, string][] = [[FIELD.permanentLocation, result.item.branchCode], [FIELD.titleId, title]];
        if (result.loan) fields.push([FIELD.patronId, result.loan.patron.cardNumber]);
        fields.push([FIELD.mediaType, mediaType(item.materialType)]);
        if (hold) {
          // the hold patron's card (CY), not the name: a return machine's slip is read by whoever stands there
          fields.push(
            [FIELD.destinationLocation, hold.pickupBranchCode],
            [FIELD.alertType, hold.status === 'ready' ? ALERT_TYPE.holdHere : ALERT_TYPE.holdElsewhere],
            [FIELD.holdPatronId, hold.patron.cardNumber],
          );
        }
        fields.push([FIELD.screenMessage, result.loan ? SCREEN.checkedIn(title, lang) : SCREEN.notOnLoan(title, lang)]);
        if (hold) {
          fields.push([FIELD.printLine, hold.status === 'ready' ? SCREEN.holdHere(hold.pickupPointName, lang) : SCREEN.holdElsewhere(hold.pickupPointName, lang)]);
        }
        return { code: 'OK', message: answer(true, !!hold, fields) };
      },
      (reason) => answer(false, false, [[FIELD.permanentLocation, ''], [FIELD.screenMessage, reason.text]]),
    );
  }

  async renew(session: SipSession, msg: SipMessage): Promise<Answer> {
    const lang = screenLanguage(session.machine.charset);
    const card = field(msg, FIELD.patronId)!;
    const barcode = field(msg, FIELD.itemId) ?? '';
    const answer = (ok: boolean, fields: [string, string][]): SipMessage => ({
      code: '30',
      fixed: { ok: ok ? '1' : '0', renewalOk: ok ? 'Y' : 'N', magneticMedia: 'U', desensitize: 'U', transactionDate: sipNow() },
      fields: [[FIELD.institutionId, session.tenant.slug], ...fields],
    });
    return this.answer(
      session,
      async (machine) => {
        if (!machine.permissions.renew) throw new DomainError(SelfCheckErrors.SELF_CHECK_NOT_ALLOWED);
        if (!barcode) throw new DomainError(SelfCheckErrors.SELF_CHECK_ITEM_REQUIRED);
        const loan = await this.loans.renewAtSelfCheck(card, barcode);
        return { code: 'OK', message: answer(true, this.loanFields(loan, SCREEN.renewed(titleOf(loan), libraryDay(loan.dueDate, lang), lang), lang)) };
      },
      (reason) =>
        answer(false, [
          [FIELD.patronId, card],
          [FIELD.itemId, barcode],
          [FIELD.titleId, ''],
          [FIELD.dueDate, ''],
          [FIELD.screenMessage, reason.text],
        ]),
      { card, msg },
    );
  }

  /** 17 → 18: where a copy is and when it is due; any machine of the city may ask. */
  async itemInformation(session: SipSession, msg: SipMessage): Promise<Answer> {
    const lang = screenLanguage(session.machine.charset);
    const barcode = field(msg, FIELD.itemId)!;
    const answer = (status: string, fields: [string, string][]): SipMessage => ({
      code: '18',
      fixed: { circulationStatus: status, securityMarker: '00', feeType: '01', transactionDate: sipNow() },
      fields,
    });
    return this.answer(
      session,
      async () => {
        const item = await this.records.getItem(barcode);
        const loan = item.status === 'on-loan' ? await this.loans.openLoanOfItem(barcode) : null;
        // (a withdrawn copy's record may be withdrawn too: no record page, no queue)
        const activeHolds = item.status === 'withdrawn' ? 0 : (await this.recordPages.get(item.recordId)).activeHolds;
        const fields: [string, string][] = [[FIELD.holdQueueLength, String(activeHolds)]];
        if (loan) fields.push([FIELD.dueDate, formatSipDay(loan.dueDate)]);
        fields.push(
          [FIELD.itemId, barcode],
          [FIELD.titleId, item.title],
          [FIELD.owner, session.tenant.slug],
          [FIELD.mediaType, mediaType(item.materialType)],
          [FIELD.permanentLocation, item.branchCode],
          [FIELD.currentLocation, item.branchCode],
        );
        if (item.status === 'withdrawn') fields.push([FIELD.screenMessage, SCREEN.itemWithdrawn(lang)]);
        return { code: 'OK', message: answer(CIRCULATION[item.status] ?? CIRCULATION_STATUS.other, fields) };
      },
      (reason) => answer(CIRCULATION_STATUS.other, [[FIELD.itemId, barcode], [FIELD.titleId, ''], [FIELD.screenMessage, reason.text]]),
    );
  }
}
