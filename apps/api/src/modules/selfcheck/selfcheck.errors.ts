import { defineErrors } from '../../engine/errors/domain-error';

/**
 * Codes of the self-check machines: their accounts in the admin console, and the refusals a
 * machine shows its patron (the screen message AF carries the Japanese text, the log the
 * code). Loan, renewal and card refusals keep the codes of the desk and the policy.
 */
export const SelfCheckErrors = defineErrors({
  SELF_CHECK_MACHINE_NOT_FOUND: { status: 404, ja: 'その自動貸出機は登録されていません。', en: 'No such self-check machine.' },
  SELF_CHECK_LOGIN_TAKEN: { status: 409, ja: 'このログイン名は別の機器が使っています。', en: 'Another machine already uses this login name.' },
  SELF_CHECK_NOT_ALLOWED: {
    status: 403,
    ja: 'この機器ではこの手続きはできません。カウンターにお申し出ください。',
    en: 'This machine cannot do this. Please ask at the counter.',
  },
  SELF_CHECK_ITEM_REQUIRED: { status: 422, ja: '資料のバーコードを読み取れませんでした。もう一度お試しください。', en: 'The item barcode could not be read. Please try again.' },
});
