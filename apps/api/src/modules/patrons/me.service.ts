import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { isCardExpired } from '@shiori/policy';
import type { LibraryMessage, PatronCounts, PatronSummary } from '@shiori/contracts';
import { tokyoDate } from '../../engine/time';
import { PatronErrors } from './patrons.errors';
import { DomainError } from '../../engine/errors/domain-error';
import { PATRON_COLUMNS, PatronView } from './patron-view';
import { AlertsService } from '../alerts';
import { activeHoldSql } from '../../engine/database/sql';

/** A patron row as PATRON_COLUMNS and `messages` read it (timestamps as the driver gives them). */
type SummaryRow = Omit<PatronView, 'lastLoginAt' | 'previousLoginAt' | 'lastUseAt' | 'nickname'> & {
  lastUseAt: Date | null;
  lastLoginAt: Date | null;
  previousLoginAt: Date | null;
  nickname: string | null;
  messages: LibraryMessage[] | null;
};

/** The counts My page shows, and the last loan, which the same statement reads beside them. */
type CountsRow = PatronCounts & { lastUseAt: Date | null };

/** The patron's own summary (My page): card, name, last login, counts, card expiry, messages. */
@Injectable()
export class MeService {
  constructor(private readonly alerts: AlertsService) {}

  async summary(patronId: string): Promise<PatronSummary> {
    const m = tenantManager();
    const [p]: (SummaryRow | undefined)[] = await m.query(`SELECT ${PATRON_COLUMNS}, messages FROM patrons WHERE id = $1`, [patronId]);
    if (!p) throw new DomainError(PatronErrors.PATRON_NOT_FOUND);
    const [counts]: CountsRow[] = await m.query(
      `SELECT (SELECT count(*) FROM loans WHERE patron_id = $1 AND returned_at IS NULL)::int AS loans,
              (SELECT count(*) FROM loans WHERE patron_id = $1 AND returned_at IS NULL AND due_date < $2::date)::int AS overdue,
              (SELECT count(*) FROM holds WHERE patron_id = $1 AND ${activeHoldSql()})::int AS holds,
              (SELECT count(*) FROM holds WHERE patron_id = $1 AND status = 'ready')::int AS "readyHolds",
              (SELECT count(*) FROM saved_searches WHERE patron_id = $1)::int AS "savedAlerts",
              (SELECT count(*) FROM cart_items WHERE patron_id = $1)::int AS cart,
              (SELECT max(loaned_at) FROM loans WHERE patron_id = $1) AS "lastUseAt"`,
      [patronId, tokyoDate()],
    );
    // 新着お知らせ: the new arrivals matching the patron's saved conditions, not the conditions
    counts.alerts = await this.alerts.newArrivalCount(patronId, new Date());
    const [pending] = await m.query(
      `SELECT email FROM patron_tokens WHERE patron_id = $1 AND kind = 'email-confirm' AND used_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC LIMIT 1`,
      [patronId],
    );
    const { lastUseAt, ...shown } = counts;
    // exactly the contract's fields, by name: a column added to PATRON_COLUMNS does not go out here
    return {
      cardNumber: p.cardNumber,
      name: p.name,
      nameKana: p.nameKana,
      email: p.email,
      // an address waiting for its confirmation link (double opt-in)
      pendingEmail: pending?.email ?? null,
      // "last login" as the cities show it: the sign-in before this one
      lastLoginAt: (p.previousLoginAt ?? p.lastLoginAt)?.toISOString() ?? null,
      lastUseAt: (lastUseAt ?? p.lastUseAt)?.toISOString() ?? null,
      cardExpiresAt: p.expiresAt,
      cardExpired: isCardExpired(p.expiresAt, tokyoDate()),
      counts: shown,
      messages: p.messages ?? [],
      remindersOptIn: p.remindersOptIn,
      nickname: p.nickname,
      mustChangePassword: p.mustChangePassword,
      lastPickupPointCode: p.lastPickupPointCode,
    };
  }

  async updateSettings(patronId: string, s: { remindersOptIn?: boolean; nickname?: string }): Promise<PatronSummary> {
    await tenantManager().query(
      `UPDATE patrons SET reminders_opt_in = coalesce($2, reminders_opt_in), nickname = coalesce($3, nickname), updated_at = now() WHERE id = $1`,
      [patronId, s.remindersOptIn ?? null, s.nickname ?? null],
    );
    return this.summary(patronId);
  }
}
