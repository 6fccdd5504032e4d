import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { addDays, cardExpiryReminderDate, compareDates, daysBetween } from '@shiori/policy';
import { PolicyStore } from '../../policy';
import { NoticesService } from '../notices.service';
import { NoticeJob } from './notice-job';

/**
 * Card-expiry reminders (Kushiro: cards are renewed yearly at the counter, with a mail
 * before): `policy.cardValidity.reminderDaysBefore` days before `patrons.expires_at`, once
 * per expiry date (`patrons.card_expiry_reminded_for`, key `card-expiry:<patron>:<date>`),
 * so a renewed card is reminded again before its next expiry.
 */
@Injectable()
export class CardExpiryRemindersJob implements NoticeJob {
  static readonly NAME = 'card-expiry-reminders';
  readonly name = CardExpiryRemindersJob.NAME;

  constructor(private readonly policies: PolicyStore, private readonly notices: NoticesService) {}

  async forTenant(today: string) {
    const { policy } = await this.policies.current();
    const mode = policy.notices.cardExpiry;
    if (mode === 'off') return { mode, sent: 0 };
    const rows: { patronId: string; email: string; name: string; expiresAt: string }[] = await tenantManager().query(
      `SELECT id AS "patronId", email, name, to_char(expires_at, 'YYYY-MM-DD') AS "expiresAt"
         FROM patrons
        WHERE expires_at BETWEEN $1::date AND $2::date
          AND card_expiry_reminded_for IS DISTINCT FROM expires_at
          AND email IS NOT NULL AND status = 'active'
          AND ($3 OR reminders_opt_in)
        ORDER BY expires_at, id
        FOR UPDATE`,
      [today, addDays(today, policy.cardValidity.reminderDaysBefore), mode === 'always'],
    );
    const v = policy.cardValidity;
    let sent = 0;
    for (const p of rows) {
      const due = cardExpiryReminderDate(policy, p.expiresAt);
      if (!due || compareDates(due, today) > 0) continue;
      const queued = await this.notices.enqueue({
        kind: 'card-expiry',
        to: p.email,
        patronId: p.patronId,
        data: {
          patron: { name: p.name },
          expiresAt: p.expiresAt,
          daysLeft: daysBetween(today, p.expiresAt),
          blocksWeb: v.blocksWebWhenExpired,
          blocksSelfCheckout: v.blocksSelfCheckoutWhenExpired,
          renewAtCounterWithId: v.renewAtCounterWithId,
        },
        idempotencyKey: `card-expiry:${p.patronId}:${p.expiresAt}`,
      });
      await tenantManager().query(`UPDATE patrons SET card_expiry_reminded_for = expires_at WHERE id = $1`, [p.patronId]);
      if (queued) sent++;
    }
    return { mode, sent };
  }
}
