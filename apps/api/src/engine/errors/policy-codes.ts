import { Codes, MESSAGES } from '@shiori/policy';
import { defineErrors, ErrorSpec } from './domain-error';

/**
 * The policy library's reason codes, registered as domain errors with their HTTP status and
 * the library's own ja/en messages, so a decision's `code` can be thrown as is.
 */
const STATUS: Partial<Record<keyof typeof Codes, number>> = {
  CARD_EXPIRED: 403,
  ONLINE_REGISTRATION_DISABLED: 403,
  REGISTRATION_CHANNEL_NOT_ALLOWED: 403,
  LOCKED: 429,
  NOT_RENEWABLE_ONLINE: 409,
  NOT_RENEWABLE_BY_PHONE: 409,
  RENEWAL_LIMIT: 409,
  RENEWAL_NO_GAIN: 409,
  ITEM_HAS_HOLDS: 409,
  OVERDUE: 409,
  ILL_NOT_RENEWABLE: 409,
  HOLD_LIMIT: 409,
  ALREADY_HELD: 409,
  HOLD_NOT_CANCELLABLE: 409,
  PICKUP_CHANGE_NOT_ALLOWED: 409,
  POSTPONE_NOT_ALLOWED: 409,
};

const specs: Record<string, ErrorSpec> = {};
for (const code of Object.keys(Codes) as (keyof typeof Codes)[]) {
  const msg = MESSAGES[Codes[code]];
  specs[code] = { status: STATUS[code] ?? 422, ja: msg?.ja ?? code, en: msg?.en ?? code };
}
defineErrors(specs);
