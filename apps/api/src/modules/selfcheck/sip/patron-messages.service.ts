import { Injectable } from '@nestjs/common';
import { decideCardAccess } from '@shiori/policy';
import { DomainError } from '../../../engine/errors/domain-error';
import { tokyoDate } from '../../../engine/time';
import { HoldViews } from '../../holds';
import { LoansService } from '../../circulation';
import { MeService, PatronAuthService, PatronsService, PatronView } from '../../patrons';
import { PolicyStore } from '../../policy';
import { field, SipMessage } from '../protocol/codec';
import { FIELD } from '../protocol/layouts';
import { SelfCheckErrors } from '../selfcheck.errors';
import { refusal, SCREEN, screenLanguage, ScreenLanguage, sipLanguage } from './screen-messages';
import { Answer, SessionEnded, SipSession, SipTransactions, sipNow } from './sip-session';

/** Positions of the 14 patron-status flags (SIP2): Y = denied / too many. */
const FLAG = { chargeDenied: 0, renewalDenied: 1, recallDenied: 2, holdDenied: 3, cardReportedLost: 4, tooManyCharged: 5 } as const;
const ALL_DENIED = 'YYYY          ';

function flags(set: number[]): string {
  return Array.from({ length: 14 }, (_, i) => (set.includes(i) ? 'Y' : ' ')).join('');
}

/** The result of a patron's PIN (SIP2 AD): its OPAC password, checked with the OPAC's lockout. */
type PinCheck = { given: false } | { given: true; ok: true } | { given: true; ok: false; error: unknown };

const count4 = (n: number) => String(Math.min(n, 9999)).padStart(4, '0');

/**
 * Patron status (23/24), patron information (63/64) and end of a patron's session (35/36):
 * the patron found by the card as the city's card rules read it, the PIN checked as the
 * OPAC's password with its lockout, what the patron may do now (blocked, card expired where
 * the city refuses it at the machine), counts of loans and holds, and the lists asked for.
 */
@Injectable()
export class PatronMessagesService {
  constructor(
    private readonly tx: SipTransactions,
    private readonly patrons: PatronsService,
    private readonly patronAuth: PatronAuthService,
    private readonly me: MeService,
    private readonly loans: LoansService,
    private readonly holds: HoldViews,
    private readonly policies: PolicyStore,
  ) {}

  /** Checks the PIN when the machine sent one; never throws for a wrong one (the caller decides). */
  async checkPin(session: SipSession, card: string, pin: string | undefined): Promise<PinCheck> {
    if (pin === undefined || pin === '') return { given: false };
    try {
      // outside the message's transaction (the check counts failures in transactions of its
      // own); the machine's address is the source of the attempt (its patrons share it)
      await this.tx.outside(session, () => this.patronAuth.verifyPassword(card, pin, session.address));
      return { given: true, ok: true };
    } catch (e) {
      if (e instanceof DomainError) return { given: true, ok: false, error: e };
      throw e;
    }
  }

  /** 23 → 24, and 63 → 64 (`full`): the same facts, 64 with counts and lists. */
  async status(session: SipSession, msg: SipMessage, full: boolean): Promise<Answer> {
    const lang = screenLanguage(session.machine.charset, msg.fixed.language);
    const card = field(msg, FIELD.patronId)!;
    const base = (patronStatus: string) => ({
      patronStatus,
      language: sipLanguage(lang),
      transactionDate: sipNow(),
      ...(full
        ? { holdItemsCount: '0000', overdueItemsCount: '0000', chargedItemsCount: '0000', fineItemsCount: '0000', recallItemsCount: '0000', unavailableHoldsCount: '0000' }
        : {}),
    });
    const code = full ? '64' : '24';
    const unknown = (reason: { code: string; text: string }): Answer => ({
      code: reason.code,
      message: {
        code,
        fixed: base(ALL_DENIED),
        fields: [
          [FIELD.institutionId, session.tenant.slug],
          [FIELD.patronId, card],
          [FIELD.personalName, ''],
          [FIELD.validPatron, 'N'],
          [FIELD.screenMessage, reason.text],
        ],
      },
    });
    try {
      // the PIN first, outside the message's transaction (checkPin)
      const pin = session.machine.permissions.patronInfo ? await this.checkPin(session, card, field(msg, FIELD.patronPassword)) : { given: false as const };
      return await this.tx.run(session, async (machine) => {
        if (!machine.permissions.patronInfo) throw new DomainError(SelfCheckErrors.SELF_CHECK_NOT_ALLOWED);
        const patron = await this.patrons.findByCard(card);
        if (!patron) return unknown(refusal(new DomainError('CARD_NOT_FOUND'), lang));
        return this.describe(session, msg, patron, pin, lang, full);
      });
    } catch (e) {
      if (e instanceof SessionEnded) throw e;
      return unknown(refusal(e, lang));
    }
  }

  private async describe(session: SipSession, msg: SipMessage, patron: PatronView, pin: PinCheck, lang: ScreenLanguage, full: boolean): Promise<Answer> {
    const { policy } = await this.policies.current();
    const summary = await this.me.summary(patron.id);
    const counts: { loans: number; overdue: number; holds: number; readyHolds: number } = summary.counts;
    const denied: number[] = [];
    let reason: { code: string; text: string } | null = null;
    if (patron.status === 'blocked') {
      denied.push(FLAG.chargeDenied, FLAG.renewalDenied, FLAG.recallDenied, FLAG.holdDenied);
      reason = refusal(new DomainError('PATRON_BLOCKED'), lang);
    } else {
      const access = decideCardAccess(policy, patron.expiresAt, tokyoDate(), 'self-checkout');
      if (!access.ok) {
        denied.push(FLAG.chargeDenied, FLAG.renewalDenied, FLAG.holdDenied);
        reason = refusal(new DomainError(access.code), lang);
      }
    }
    if (counts.loans >= policy.loans.maxItems) denied.push(FLAG.tooManyCharged);
    if (pin.given && !pin.ok) reason = refusal(pin.error, lang);

    const screen = reason?.text ?? (counts.readyHolds > 0 ? SCREEN.holdsReady(counts.readyHolds, lang) : '');
    const fields: [string, string][] = [
      [FIELD.institutionId, session.tenant.slug],
      [FIELD.patronId, patron.cardNumber],
      [FIELD.personalName, patron.name],
    ];
    if (full) {
      fields.push([FIELD.holdItemsLimit, count4(policy.holds.maxActive)], [FIELD.chargedItemsLimit, count4(policy.loans.maxItems)]);
    }
    fields.push([FIELD.validPatron, 'Y']);
    if (pin.given) fields.push([FIELD.validPatronPassword, pin.ok ? 'Y' : 'N']);
    if (full) fields.push(...(await this.lists(patron.id, msg)));
    if (screen) fields.push([FIELD.screenMessage, screen]);

    const fixed: Record<string, string> = {
      patronStatus: flags(denied),
      language: sipLanguage(lang),
      transactionDate: sipNow(),
    };
    if (full) {
      Object.assign(fixed, {
        holdItemsCount: count4(counts.readyHolds),
        overdueItemsCount: count4(counts.overdue),
        chargedItemsCount: count4(counts.loans),
        fineItemsCount: '0000',
        recallItemsCount: '0000',
        unavailableHoldsCount: count4(counts.holds - counts.readyHolds),
      });
    }
    return { code: reason?.code ?? 'OK', message: { code: full ? '64' : '24', fixed, fields } };
  }

  /**
   * The list the summary field asks for (one Y among its first six positions): holds ready
   * for the patron (AS, the copies' barcodes), overdue loans (AT), all loans (AU), holds not
   * yet ready (CD, their titles: no copy is theirs yet). BP/BQ choose a range (from 1).
   */
  private async lists(patronId: string, msg: SipMessage): Promise<[string, string][]> {
    const wanted = msg.fixed.summary.indexOf('Y');
    if (wanted < 0) return [];
    const start = Math.max(1, Number(field(msg, FIELD.startItem)) || 1);
    const end = Math.max(start, Number(field(msg, FIELD.endItem)) || start + 99);
    const range = (ids: string[], fid: string): [string, string][] => ids.slice(start - 1, end).map((v) => [fid, v]);
    switch (wanted) {
      case 0:
      case 5: {
        const holds = await this.holds.listForPatron(patronId);
        return wanted === 0
          ? range(holds.filter((h) => h.status === 'ready' && h.itemBarcode).map((h) => h.itemBarcode!), FIELD.holdItems)
          : range(holds.filter((h) => h.status === 'waiting' || h.status === 'in-transit').map((h) => h.title + (h.volume ? ` ${h.volume}` : '')), FIELD.unavailableHoldItems);
      }
      case 1:
      case 2: {
        const loans = await this.loans.listForPatron(patronId, 'online');
        return range(loans.filter((l) => wanted === 2 || l.overdue).map((l) => l.itemBarcode), wanted === 1 ? FIELD.overdueItems : FIELD.chargedItems);
      }
      default:
        return []; // fines and recalls: the library keeps none
    }
  }

  /** 35 → 36: nothing to close on our side (no state is kept per patron); the machine says goodbye. */
  async endSession(session: SipSession, msg: SipMessage): Promise<Answer> {
    await this.tx.run(session, async () => undefined);
    return {
      code: 'OK',
      message: {
        code: '36',
        fixed: { endSession: 'Y', transactionDate: sipNow() },
        fields: [
          [FIELD.institutionId, session.tenant.slug],
          [FIELD.patronId, field(msg, FIELD.patronId) ?? ''],
          [FIELD.screenMessage, SCREEN.goodbye(screenLanguage(session.machine.charset))],
        ],
      },
    };
  }
}
