import { defineErrors } from '../../engine/errors/domain-error';

export const PatronErrors = defineErrors({
  CARD_EXISTS: { status: 409, ja: 'その利用者番号は既に登録されています。', en: 'A patron with this card number already exists.' },
  PATRON_NOT_FOUND: { status: 404, ja: '利用者が見つかりません。', en: 'No such patron.' },
  PATRON_BLOCKED: { status: 403, ja: 'この利用者カードは利用停止中です。カウンターにお問い合わせください。', en: 'This card is blocked. Please ask at the counter.' },
  EMAIL_UNDELIVERABLE: { status: 422, ja: 'このメールアドレスには送信できません。', en: 'Mail cannot be delivered to this address.' },
  TOKEN_INVALID: { status: 400, ja: 'リンクが無効か、期限が切れています。もう一度お手続きください。', en: 'The link is invalid or has expired. Please start again.' },
  CURRENT_PASSWORD_WRONG: { status: 422, ja: '現在のパスワードが違います。', en: 'The current password is wrong.' },
  PASSWORD_RESET_NOT_OFFERED: { status: 403, ja: 'この図書館ではメールによるパスワード再設定は行っていません。', en: 'This library does not reset passwords by e-mail.' },
  NO_EMAIL: { status: 422, ja: 'メールアドレスが登録されていません。', en: 'No e-mail address is registered.' },
});
