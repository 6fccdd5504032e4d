import { cardExpiryFrom, cardExpiryReminderDate, decideCardAccess, dueReminderDate, isCardExpired } from './account';
import { Codes } from './codes';
import { policyOf } from './test-helpers';

describe('card validity', () => {
  it('no expiry by default', () => {
    expect(cardExpiryFrom(policyOf(), '2025-04-01')).toBeNull();
    expect(isCardExpired(null, '2099-01-01')).toBe(false);
  });

  it('valid through the expiry date', () => {
    const policy = policyOf({ cardValidity: { months: 12 } });
    expect(cardExpiryFrom(policy, '2025-04-01')).toBe('2026-04-01');
    expect(isCardExpired('2026-04-01', '2026-04-01')).toBe(false);
    expect(isCardExpired('2026-04-01', '2026-04-02')).toBe(true);
  });

  it('blocks the uses the policy names; the counter always serves', () => {
    const lenient = policyOf();
    expect(decideCardAccess(lenient, '2025-01-01', '2025-06-01', 'web')).toEqual({ ok: true });
    const strict = policyOf({ cardValidity: { months: 12, blocksWebWhenExpired: true, blocksSelfCheckoutWhenExpired: true } });
    expect(decideCardAccess(strict, '2025-01-01', '2025-06-01', 'web')).toMatchObject({ ok: false, code: Codes.CARD_EXPIRED });
    expect(decideCardAccess(strict, '2025-01-01', '2025-06-01', 'self-checkout')).toMatchObject({ ok: false });
    expect(decideCardAccess(strict, '2025-01-01', '2025-06-01', 'counter')).toEqual({ ok: true });
    expect(decideCardAccess(strict, '2025-07-01', '2025-06-01', 'web')).toEqual({ ok: true });
  });

  it('reminder dates', () => {
    expect(cardExpiryReminderDate(policyOf(), '2026-04-01')).toBe('2026-03-18');
    expect(cardExpiryReminderDate(policyOf({ notices: { cardExpiry: 'off' } }), '2026-04-01')).toBeNull();
    expect(cardExpiryReminderDate(policyOf(), null)).toBeNull();
    expect(dueReminderDate(policyOf(), '2025-06-20')).toBe('2025-06-18');
    expect(dueReminderDate(policyOf({ notices: { dueReminder: 'off' } }), '2025-06-20')).toBeNull();
  });
});
